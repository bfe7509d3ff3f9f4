// A finished reply is previewed once: by the browser's call when it comes,
// by the server itself when it doesn't.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { POST as chat } from "@/app/api/chat/route";
import { sendChatMessage } from "@/lib/chat/send-chat-message";
import { getIntegrations } from "@/lib/integrations";
import { getDb } from "@/lib/db/client";
import { getAppById } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import { drain } from "@/tests/helpers/apps";
import { callRoute } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { previewAfterReply } from "./preview-after-reply";

let owner: TestUser;
beforeAll(async () => {
  owner = await signUp();
});

const rowsOf = (appId: string) => getDb().select().from(deployments).where(eq(deployments.appId, appId));
const asUser = (user: TestUser) => ({ id: user.id, email: user.email, name: "Test", role: "user" as const });
const syncFromBrowser = (appId: string, chatId: string) => callRoute(sync, { method: "POST", cookie: owner.cookie, params: { appId }, body: { chatId } });

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the preview of a finished reply", () => {
  it("is started by the server when the browser never asks for it (the tab was closed)", async () => {
    process.env.REPLY_PREVIEW_GRACE_MS = "100";
    delete (globalThis as { __env?: unknown }).__env;
    try {
      const res = await callRoute(chat, { method: "POST", cookie: owner.cookie, body: { message: "a todo app for my team" } });
      const appId = res.headers.get("x-app-id")!;
      await drain(res.body!);
      // No call to the sync route: the browser is gone.
      const rows = await until(() => rowsOf(appId), (r) => r.some((row) => row.status === "ready"));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ environment: "staging", status: "ready", startedBy: "server" });
      expect(rows[0]!.versionId).toBeTruthy();
    } finally {
      delete process.env.REPLY_PREVIEW_GRACE_MS;
      delete (globalThis as { __env?: unknown }).__env;
    }
  });

  it("is left to the browser when its call came first", async () => {
    const turn = await sendChatMessage(await getIntegrations(), asUser(owner), { message: "a landing page for a bakery" });
    await drain(turn.stream);
    const { chatId } = await turn.reply;
    expect((await syncFromBrowser(turn.app.id, chatId!)).status).toBe(200);

    expect(await previewAfterReply(await getIntegrations(), { appId: turn.app.id, reply: turn.reply, graceMs: 0 })).toBeNull();
    expect(await rowsOf(turn.app.id)).toHaveLength(1);
  });

  it("is followed, not repeated, when the browser asks while or after the server builds it", async () => {
    const turn = await sendChatMessage(await getIntegrations(), asUser(owner), { message: "a pricing page for a gym" });
    await drain(turn.stream);
    const { chatId } = await turn.reply;
    const server = previewAfterReply(await getIntegrations(), { appId: turn.app.id, reply: turn.reply, graceMs: 0 });
    await until(() => rowsOf(turn.app.id), (r) => r.length > 0);

    // While the server's update runs: that update's answer, when it ends,
    // with the panel's status (no second cycle, no "still updating" error).
    const during = await syncFromBrowser(turn.app.id, chatId!);
    expect(during.status).toBe(200);
    const followed = (await during.json()) as { status: string; previewUrl: string; preview: { state: string; previewUrl: string; versions: unknown[] } };
    expect(await server).toMatchObject({ status: "ready" });
    expect(followed).toMatchObject({ status: "ready", previewUrl: (await rowsOf(turn.app.id))[0]!.previewUrl });
    expect(followed.preview).toMatchObject({ state: "ready", previewUrl: followed.previewUrl });
    expect(followed.preview.versions).toHaveLength(1);

    // After it: that preview, without a second cycle.
    const after = (await (await syncFromBrowser(turn.app.id, chatId!)).json()) as { status: string; previewUrl: string };
    const rows = await rowsOf(turn.app.id);
    expect(rows).toHaveLength(1);
    expect(after).toMatchObject({ status: "ready", previewUrl: rows[0]!.previewUrl });
  });

  it("is not attempted for a reply that failed", async () => {
    const turn = await sendChatMessage(await getIntegrations(), asUser(owner), { message: "a blog" });
    await drain(turn.stream);
    const app = (await getAppById({ id: turn.app.id }))!;
    const failed = Promise.resolve({ chatId: app.chatId, completed: false });
    expect(await previewAfterReply(await getIntegrations(), { appId: app.id, reply: failed, graceMs: 0 })).toBeNull();
    expect(await rowsOf(app.id)).toHaveLength(0);
  });
});
