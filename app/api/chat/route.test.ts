import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/chat/route";
import { getDb } from "@/lib/db/client";
import { getAppById, startDeployment } from "@/lib/db/queries";
import { rateLimits } from "@/lib/db/schema";
import { getIntegrations } from "@/lib/integrations";
import { chatTurn, drain } from "@/tests/helpers/apps";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";

let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
});

const send = (user: TestUser | null, body: unknown) => callRoute(POST, { method: "POST", cookie: user?.cookie, body });

describe("POST /api/chat", () => {
  it("answers 401 to anonymous visitors", async () => {
    expect(await errorOf(await send(null, { message: "hi" }))).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("creates an app, streams the reply in several chunks before it ends, and records the chat", async () => {
    const res = await send(owner, { message: "a todo app with a dark theme" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const appId = res.headers.get("x-app-id")!;

    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(new TextDecoder().decode(first.value)).toContain('"object":"chat"');
    let chunks = 1;
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += new TextDecoder().decode(value);
    }
    expect(chunks).toBeGreaterThan(5);
    expect(text.trim().endsWith("data: [DONE]")).toBe(true);

    const app = await getAppById({ id: appId });
    expect(app?.chatId).toMatch(/^chat_/);
    expect(app?.repoName).toEqual(expect.any(String));
    expect(app?.name).toBe("Todo app with a dark theme");
  });

  it("continues the app's own chat", async () => {
    const app = await chatTurn(owner, "a blog");
    const res = await send(owner, { message: "make it blue", appId: app.id, chatId: app.chatId });
    expect(res.status).toBe(200);
    await drain(res.body!);
    const chat = await (await getIntegrations()).chat.getChat(app.chatId!);
    expect(chat?.messages.at(-1)?.content).toContain("made the accent colour blue");
    expect((await getAppById({ id: app.id }))?.chatId).toBe(app.chatId);
  });

  it("answers 404 for another builder's app or chat, and for a chat id that isn't the app's", async () => {
    const app = await chatTurn(owner, "a portfolio");
    expect((await errorOf(await send(other, { message: "hi", appId: app.id }))).status).toBe(404);
    expect((await errorOf(await send(other, { message: "hi", chatId: app.chatId }))).status).toBe(404);
    const mine = await chatTurn(other, "a pricing page");
    expect((await errorOf(await send(other, { message: "hi", appId: mine.id, chatId: app.chatId }))).status).toBe(404);
  });

  it.each([
    ["malformed JSON", "{"],
    ["no message", {}],
    ["empty message", { message: "   " }],
    ["wrong type", { message: 5 }],
    ["bad app id", { message: "hi", appId: "not-a-uuid" }],
    ["unknown field", { message: "hi", role: "system" }],
  ])("refuses %s with 400", async (_label, body) => {
    expect(await errorOf(await send(owner, body))).toMatchObject({ status: 400, code: "bad_request" });
  });

  it("refuses an oversized body with 413", async () => {
    expect((await errorOf(await send(owner, { message: "x".repeat(100_000) }))).status).toBe(413);
  });

  it("refuses new messages while the preview is updating", async () => {
    const app = await chatTurn(owner, "a landing page");
    await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
    expect(await errorOf(await send(owner, { message: "make it dark", appId: app.id }))).toEqual({
      status: 409,
      code: "conflict",
      message: "Your preview is still updating; try again in a moment.",
    });
  });

  it("says the app is publishing when a publish holds it", async () => {
    const app = await chatTurn(owner, "a landing page");
    await startDeployment({ appId: app.id, environment: "production", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
    expect((await errorOf(await send(owner, { message: "make it dark", appId: app.id }))).message).toBe(
      "Your app is still publishing; try again in a moment.",
    );
  });

  it("rate-limits a builder with a plain message", async () => {
    const user = await signUp();
    await getDb().insert(rateLimits).values({ id: randomUUID(), key: `chat:${user.id}`, count: 10_000, lastRequest: Date.now() });
    expect(await errorOf(await send(user, { message: "hi" }))).toEqual({
      status: 429,
      code: "rate_limited",
      message: "You're sending messages quickly. Please wait a moment and try again.",
    });
  });
});
