// Settings on the local preview host's fast path, end to end: a version
// whose code throws as it loads when NEXT_PUBLIC_SITE_URL has no value (as
// `createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, …)` does) fails for
// want of it, saying so and keeping the last working preview, instead of
// going live and crashing in the builder's browser; the value saved
// through the route brings the same commit back by itself, inlined into the
// page. Built from this server's own packages: nothing is installed.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT as putSetting } from "@/app/api/apps/[appId]/settings/[name]/route";
import { GET as getStatus } from "@/app/api/apps/[appId]/deploy/staging/route";
import { getDb } from "@/lib/db/client";
import { getAppById } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import { chatState, saveVersion } from "@/lib/embedded/generator/chat-store";
import { newId } from "@/lib/embedded/generator/ids";
import { stopLocalPreviewServer } from "@/lib/embedded/preview-host";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { chatTurn, fetchPreview, syncApp } from "@/tests/helpers/apps";
import { callRoute } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { pendingSettingsApply } from "./apply-settings";
import type { PreviewStatus } from "./preview-status";

const SITE = "https://kiln-and-co.example";
const NEEDS_SITE = "This app needs an address (NEXT_PUBLIC_SITE_URL) before it can run. Add it in Settings; your last working preview is still here.";

// A client made at module scope that refuses to start without its address,
// in the library's words (they name no setting), and a page that uses it.
const SITE_CLIENT = `function createSiteClient(url: string | undefined) {
  if (!url) throw new Error("siteUrl is required.")
  return { share: (path: string) => new URL(path, url).toString() }
}

export const site = createSiteClient(process.env.NEXT_PUBLIC_SITE_URL)
`;
const SHARE_PAGE = `import { site } from "@/lib/site"

export default function SharePage() {
  return (
    <main className="container mx-auto px-4 py-16">
      <h1 className="text-3xl font-bold">Share the shop</h1>
      <p>{site.share("/mugs")}</p>
    </main>
  )
}
`;

let services: Integrations;
let owner: TestUser;
beforeAll(async () => {
  services = await getIntegrations();
  owner = await signUp();
});
afterAll(() => stopLocalPreviewServer());

const statusOf = async (appId: string) => (await (await callRoute(getStatus, { cookie: owner.cookie, params: { appId } })).json()) as PreviewStatus;
const rowsOf = (appId: string) => getDb().select().from(deployments).where(eq(deployments.appId, appId)).orderBy(deployments.startedAt);

// The chat's next version: what it has now, plus the share page.
async function addSharePage(chatId: string): Promise<void> {
  const { spec } = (await chatState(chatId))!;
  const current = (await services.chat.getChat(chatId))!.latestVersion!.files.map(({ name, content }) => {
    if (typeof content !== "string") throw new Error(`${name} is not text`);
    return { name, content };
  });
  const files = [...current, { name: "lib/site.ts", content: SITE_CLIENT }, { name: "app/share/page.tsx", content: SHARE_PAGE }];
  await saveVersion({ chatId, messageId: newId("msg"), versionId: newId("ver"), name: "Kiln & Co.", text: "Added a share page.", content: [], files, spec: spec! });
}

describe("settings on the local preview host's fast path", () => {
  it("fails a version whose code needs a setting without a value, keeps the last preview, and comes back once the value is saved", async () => {
    const app = await chatTurn(owner, "a shop for my mugs", undefined, services);
    expect(await syncApp(app.id, services)).toMatchObject({ status: "ready" });
    const previewUrl = (await getAppById({ id: app.id }))!.stagingUrl!;
    const before = await fetchPreview(previewUrl);
    expect(before.status).toBe(200);

    await addSharePage(app.chatId!);
    const failed = await syncApp(app.id, services);
    expect(failed).toMatchObject({ status: "failed", message: NEEDS_SITE });
    const [, row] = await rowsOf(app.id);
    expect(row).toMatchObject({ status: "failed", failureReason: "settings" });
    // The cause, for admins: the library's words and the setting it lacked.
    expect(row!.error).toContain("Error: the app's code failed as it loaded: siteUrl is required. (settings it read without a value: NEXT_PUBLIC_SITE_URL)");
    expect(await statusOf(app.id)).toMatchObject({ state: "failed", canFix: false, needsSettings: ["NEXT_PUBLIC_SITE_URL"], message: NEEDS_SITE });
    // The last working preview is still what the preview address serves.
    expect((await fetchPreview(previewUrl)).body).toBe(before.body);

    const saved = await callRoute(putSetting, { method: "PUT", cookie: owner.cookie, params: { appId: app.id, name: "NEXT_PUBLIC_SITE_URL" }, body: { value: SITE } });
    expect(saved.status).toBe(200);
    expect(await pendingSettingsApply(app.id)).toMatchObject({ status: "ready", message: "Preview ready with your settings" });
    const rows = await rowsOf(app.id);
    expect(rows.map((r) => [r.status, r.commitSha])).toEqual([
      ["ready", rows[0]!.commitSha],
      ["failed", row!.commitSha],
      ["ready", row!.commitSha],
    ]);
    expect(await statusOf(app.id)).toMatchObject({ state: "ready", needsSettings: [] });

    // Prerendered with the value, and inlined into the browser's code.
    const share = await fetchPreview(`${previewUrl.replace(/\/$/, "")}/share`);
    expect(share.status).toBe(200);
    expect(share.body).toContain("Share the shop");
    expect(share.body).toContain(`${SITE}/mugs`);
    expect((await fetchPreview(`${previewUrl.replace(/\/$/, "")}/app.js`)).body).toContain(JSON.stringify(SITE));
  });
});
