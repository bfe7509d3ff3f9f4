// Settings on the local preview host, end to end with its real `next build`
// and `next start`: the v0-shaped Stripe shop (a Stripe client created at
// module scope) fails for want of its key, saying so; the key saved through
// the route rebuilds the same code with it, without a chat message; and
// another app on the same host never sees it. The Stripe shop's dependency
// set (base + stripe) is installed from the npm registry into this file's
// data directory first: a minute or two, and each next build about as long.
import path from "node:path";
import { rm } from "node:fs/promises";
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
import { stripeShopHeading } from "@/tests/fixtures/v0-projects/projects/stripe-shop";
import { loadSettingsFixture } from "@/tests/fixtures/v0-projects/settings";
import { pendingSettingsApply } from "./apply-settings";
import type { PreviewStatus } from "./preview-status";

const SLOW = 10 * 60_000;
const SECRET = "sk_test_51LocalHost0Value0OnlyForThisApp";
// next build's error names no variable, so the builder is asked for every
// setting the shop reads that has no value.
const NEEDS_KEYS =
  "This app needs an address (NEXT_PUBLIC_SITE_URL), a Stripe publishable key, a Stripe secret key and a Stripe webhook signing secret before it can run. Add them in Settings, and the preview will update by itself.";
// The error next build printed before its summary (Next.js 16 prints the
// cause as its own error, not as a "[cause]:" line under the summary).
const CAUSE = "Error: Neither apiKey nor config.authenticator provided";

let services: Integrations;
let owner: TestUser;
let other: TestUser;
beforeAll(async () => {
  services = await getIntegrations();
  owner = await signUp();
  other = await signUp();
});
// The installed packages are tens of thousands of files: removed here, with
// time to spare, before the data directory itself goes.
afterAll(async () => {
  await stopLocalPreviewServer();
  await rm(path.join(process.env.DATA_DIR!, "previews", "deps"), { recursive: true, force: true });
}, 300_000);

// An app whose chat's latest version is the Stripe shop, as v0 wrote it.
async function stripeShopApp(user: TestUser) {
  const app = await chatTurn(user, "a shop for my mugs, with Stripe checkout", undefined, services);
  const { spec } = (await chatState(app.chatId!))!;
  const files = Object.entries(loadSettingsFixture("stripe-shop")).map(([name, content]) => {
    if (typeof content !== "string") throw new Error(`${name} is not text`);
    return { name, content };
  });
  await saveVersion({ chatId: app.chatId!, messageId: newId("msg"), versionId: newId("ver"), name: "Kiln & Co.", text: "Done.", content: [], files, spec: spec! });
  return app;
}

const statusOf = async (user: TestUser, appId: string) => (await (await callRoute(getStatus, { cookie: user.cookie, params: { appId } })).json()) as PreviewStatus;
const rowsOf = (appId: string) => getDb().select().from(deployments).where(eq(deployments.appId, appId)).orderBy(deployments.startedAt);

describe("settings on the local preview host, with next build and next start", () => {
  let firstAppId = "";

  it(
    "fails the Stripe shop for want of its key, keeping the cause; saving the key brings the preview back by itself and the pages run",
    async () => {
      const app = await stripeShopApp(owner);
      firstAppId = app.id;
      const failed = await syncApp(app.id, services);
      expect(failed).toMatchObject({ status: "failed", message: NEEDS_KEYS });

      const [row] = await rowsOf(app.id);
      expect(row).toMatchObject({ status: "failed", failureReason: "settings" });
      // next build's summary, and the cause it printed before it.
      expect(row!.error).toMatch(/Failed to collect page data for \/(api\/checkout|admin\/stripe-links|api\/webhooks\/stripe)/);
      expect(row!.error).toContain(CAUSE);
      const status = await statusOf(owner, app.id);
      expect(status).toMatchObject({ state: "failed", canFix: false });
      expect(status.needsSettings).toContain("STRIPE_SECRET_KEY");

      const messagesBefore = (await services.chat.getChat(app.chatId!))!.messages.length;
      const saved = await callRoute(putSetting, { method: "PUT", cookie: owner.cookie, params: { appId: app.id, name: "STRIPE_SECRET_KEY" }, body: { value: SECRET } });
      expect(saved.status).toBe(200);
      expect(await saved.text()).not.toContain(SECRET);
      // The route answers at once; the rebuild runs behind it.
      expect(await pendingSettingsApply(app.id)).toMatchObject({ status: "ready", message: "Preview ready with your settings" });

      const rows = await rowsOf(app.id);
      expect(rows.map((r) => [r.status, r.commitSha])).toEqual([
        ["failed", row!.commitSha],
        ["ready", row!.commitSha],
      ]);
      expect((await services.chat.getChat(app.chatId!))!.messages.length).toBe(messagesBefore);
      // The key is all the build needed: the others are read only when a
      // visitor checks out.
      const after = await statusOf(owner, app.id);
      expect(after).toMatchObject({ state: "ready", needsSettings: [] });
      expect(JSON.stringify(after)).not.toContain(SECRET);

      // The built app runs under next start: its home page, and the page that
      // creates the Stripe client when it loads.
      const previewUrl = (await getAppById({ id: app.id }))!.stagingUrl!;
      const home = await fetchPreview(previewUrl);
      expect(home.status).toBe(200);
      expect(home.body).toContain(stripeShopHeading);
      const links = await fetchPreview(`${previewUrl.replace(/\/$/, "")}/admin/stripe-links`);
      expect(links.status).toBe(200);
      expect(links.body).toContain("Payment links");
    },
    SLOW,
  );

  it(
    "gives another app on the same host none of the first app's settings",
    async () => {
      expect(firstAppId).not.toBe("");
      const app = await stripeShopApp(other);
      const failed = await syncApp(app.id, services);
      expect(failed).toMatchObject({ status: "failed", message: NEEDS_KEYS });
      const [row] = await rowsOf(app.id);
      expect(row!.error).toContain(CAUSE);
      const output = (await services.previews.buildOutput!(row!.providerDeploymentId!)).join("\n");
      expect(output).not.toContain(SECRET);
      // The first app's preview still has its key.
      const first = (await getAppById({ id: firstAppId }))!;
      expect((await fetchPreview(first.stagingUrl!)).body).toContain(stripeShopHeading);
    },
    SLOW,
  );
});
