import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getChat } from "@/app/api/apps/[appId]/chat/route";
import { GET as getStatus } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as fix } from "@/app/api/apps/[appId]/fix/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { FIX_REQUEST_LINE, FIX_REQUEST_MARKER } from "@/lib/fix-it/message";
import type { ChatView } from "@/lib/chat/chat-view";
import { getDb } from "@/lib/db/client";
import { markDeploymentFailed, startDeployment } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { chatState, saveVersion } from "@/lib/embedded/generator/chat-store";
import { FIXED_TEXT } from "@/lib/embedded/generator/explain";
import { newId } from "@/lib/embedded/generator/ids";
import { chatTurn, drain, fetchPreview } from "@/tests/helpers/apps";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";

let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let services: Integrations;
beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
  admin = await signUp("admin@example.com");
  services = await getIntegrations();
});

const callFix = (user: TestUser | null, appId: string) => callRoute(fix, { method: "POST", cookie: user?.cookie, params: { appId } });
const syncApp = async (appId: string, chatId: string) =>
  (await (await callRoute(sync, { method: "POST", cookie: owner.cookie, params: { appId }, body: { chatId } })).json()) as {
    status: string;
    previewUrl: string;
    message: string;
  };
const statusOf = async (appId: string) => (await (await callRoute(getStatus, { cookie: owner.cookie, params: { appId } })).json()) as PreviewStatus;

// A new version of the chat whose page doesn't compile: the JSX is never closed.
async function breakLatestVersion(chatId: string): Promise<void> {
  const chat = (await services.chat.getChat(chatId))!;
  const { spec } = (await chatState(chatId))!;
  const files = chat.latestVersion!.files.map((f) =>
    f.name === "app/page.tsx" ? { name: f.name, content: `${f.content as string}\nexport function Broken() {\n  return <section>;\n}\n` } : { name: f.name, content: f.content as string },
  );
  await saveVersion({ chatId, messageId: newId("msg"), versionId: newId("ver"), name: spec!.title, text: "Done.", content: [], files, spec: spec! });
}

describe("POST /api/apps/[appId]/fix", () => {
  it("sends the build's error to the generator, whose reply previews as after any reply", async () => {
    const app = await chatTurn(owner, "a landing page for my bakery", undefined, services);
    const first = await syncApp(app.id, app.chatId!);
    expect(first.status).toBe("ready");

    await breakLatestVersion(app.chatId!);
    const failed = await syncApp(app.id, app.chatId!);
    expect(failed).toMatchObject({ status: "failed", previewUrl: first.previewUrl });
    expect(await statusOf(app.id)).toMatchObject({ state: "failed", canFix: true });

    const res = await callFix(owner, app.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(res.headers.get("x-app-id")).toBe(app.id);
    expect(await drain(res.body!)).toMatch(/\[DONE\]/);

    // What the generator got: the marker, the file and position, the error, the code around it; nothing of the server.
    const chat = (await services.chat.getChat(app.chatId!))!;
    const sent = chat.messages.filter((m) => m.role === "user").at(-1)!.content;
    expect(sent.startsWith(FIX_REQUEST_MARKER)).toBe(true);
    expect(sent).toMatch(/app\/page\.tsx:\d+:\d+/);
    expect(sent).toMatch(/section/);
    expect(sent).not.toContain(process.env.DATA_DIR!);
    expect(sent).not.toMatch(/dpl_|prj_|\b[0-9a-f]{40}\b/);
    expect(new TextEncoder().encode(sent).length).toBeLessThan(4096 + 300);

    // The generator knew it for a fix request and said so plainly.
    expect(chat.messages.at(-1)).toMatchObject({ role: "assistant", content: FIXED_TEXT });

    // The builder's chat shows one plain line.
    const view = (await (await callRoute(getChat, { cookie: owner.cookie, params: { appId: app.id } })).json()) as ChatView;
    const shown = view.messages.filter((m) => m.role === "user").at(-1)!;
    expect(shown).toMatchObject({ content: FIX_REQUEST_LINE, fixRequest: {} });
    expect(JSON.stringify(shown)).not.toMatch(/app\/page\.tsx|section|\[Fix request\]/);
    expect(JSON.stringify(shown)).not.toMatch(TECHNICAL_WORDS);

    // The browser's sync after the reply: the fixed version builds.
    const fixed = await syncApp(app.id, app.chatId!);
    expect(fixed).toMatchObject({ status: "ready", message: "Preview ready" });
    const page = await fetchPreview(fixed.previewUrl);
    expect(page.status).toBe(200);
    expect(await statusOf(app.id)).toMatchObject({ state: "ready", canFix: false });
  });

  it("answers 409 with the plain message while a cycle runs", async () => {
    const app = await chatTurn(owner, "a pricing page", undefined, services);
    await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: owner.id, leaseMs: 60_000 });
    expect(await errorOf(await callFix(owner, app.id))).toEqual({ status: 409, code: "conflict", message: "Your preview is still updating; try again in a moment." });
  });

  it.each([
    ["nothing failed", null],
    ["a package couldn't be installed", "install"],
    ["the host was unavailable", "unavailable"],
    ["the account blocked it", "blocked"],
  ] as const)("answers 400 when %s", async (_label, reason) => {
    const app = await chatTurn(owner, "a contact form", undefined, services);
    if (reason) {
      const row = await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: owner.id, leaseMs: 60_000 });
      await markDeploymentFailed({ id: row.id, message: "Couldn't update the preview.", error: "detail", failureReason: reason });
      expect((await statusOf(app.id)).canFix).toBe(false);
    }
    const messagesBefore = (await services.chat.getChat(app.chatId!))!.messages.length;
    expect(await errorOf(await callFix(owner, app.id))).toEqual({ status: 400, code: "bad_request", message: "There's no build problem to fix right now." });
    expect((await services.chat.getChat(app.chatId!))!.messages).toHaveLength(messagesBefore);
  });

  it.each([
    ["anonymous", () => null, 401],
    ["another builder", () => other, 404],
    ["an admin who doesn't own it", () => admin, 404],
  ])("refuses %s", async (_label, who, status) => {
    const app = await chatTurn(owner, "a blog", undefined, services);
    const row = await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: owner.id, leaseMs: 60_000 });
    await markDeploymentFailed({ id: row.id, message: "Couldn't update the preview.", error: "detail", failureReason: "code" });
    expect((await callFix(who(), app.id)).status).toBe(status);
    // Nothing was sent on the owner's behalf.
    expect((await services.chat.getChat(app.chatId!))!.messages.filter((m) => m.role === "user")).toHaveLength(1);
    expect(await getDb().select().from(deployments).where(eq(deployments.appId, app.id))).toHaveLength(1);
  });
});
