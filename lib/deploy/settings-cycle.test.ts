// Settings through a whole preview cycle over the real GitHub and Vercel
// clients, against the strict fakes: a version that reads a key fails for
// want of it, the builder is told which, saving it rebuilds the same code
// with it, and Publish ships it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getAppById } from "@/lib/db/queries";
import { getSettingsByAppId } from "@/lib/db/settings";
import type { Integrations } from "@/lib/integrations";
import { saveAppSetting } from "@/lib/settings/app-settings";
import type { ChatService } from "@/lib/v0/types";
import { chatTurn as chatTurnWith, syncApp } from "@/tests/helpers/apps";
import { realClientsOnFakes, type RealClientsOnFakes } from "@/tests/helpers/real-clients";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { pendingSettingsApply } from "./apply-settings";
import { fixRequestMessage } from "@/lib/fix-it";
import { getPreviewStatus } from "./preview-status";
import { publishToProduction } from "./publish-production";

process.env.DEPLOY_GRACE_MS = "300";
const AUTHOR = "builder@acme.example";
process.env.GIT_AUTHOR_EMAIL = AUTHOR;
const SECRET = "sk_test_51Hsettings0value0never0shown";
let gh: RealClientsOnFakes["gh"];
let vc: RealClientsOnFakes["vc"];
let fakes: RealClientsOnFakes;
let owner: TestUser;
let services: Integrations;

// The local generator's apps read no settings; this adds what a v0 Stripe
// storefront has to every version it answers with.
function withStripe(chat: ChatService): ChatService {
  return {
    ...chat,
    async getChat(chatId, options) {
      const found = await chat.getChat(chatId, options);
      if (!found?.latestVersion) return found;
      const files = [
        ...found.latestVersion.files,
        { name: "lib/stripe.ts", content: 'import Stripe from "stripe"\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string)\n' },
        { name: ".env.example", content: "STRIPE_SECRET_KEY=sk_test_placeholder\n" },
        { name: ".env.local", content: `STRIPE_SECRET_KEY=${SECRET}\n` },
      ];
      return { ...found, latestVersion: { ...found.latestVersion, files } };
    },
  };
}

beforeAll(async () => {
  fakes = await realClientsOnFakes({ author: AUTHOR, chat: withStripe });
  ({ gh, vc, services } = fakes);
  owner = await signUp();
});
afterAll(() => fakes.close());

beforeEach(() => vc.requireEnv(["STRIPE_SECRET_KEY"]));

describe("an app that needs a setting", () => {
  it("fails plainly without it, comes back once it is saved, and goes live with it", async () => {
    const logs = vi.spyOn(console, "error");
    const info = vi.spyOn(console, "info");
    const app = await chatTurnWith(owner, "a todo app", undefined, services);
    const failed = await syncApp(app.id, services);

    expect(failed.status).toBe("failed");
    expect(failed.message).toBe("This app needs a Stripe secret key before it can run. Add it in Settings, and the preview will update by itself.");
    const repoName = (await getAppById({ id: app.id }))!.repoName!;
    const repo = gh.repos.get(`acme/${repoName}`)!;
    const committed = [...gh.filesAt("acme", repoName, "staging").keys()];
    // The template is committed; the real env file is not, but its names count.
    expect(committed).toContain(".env.example");
    expect(committed).not.toContain(".env.local");
    expect((await getSettingsByAppId({ appId: app.id })).map((s) => [s.name, s.needed, s.set])).toEqual([
      ["STRIPE_SECRET_KEY", true, false],
    ]);

    const status = await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: true });
    expect(status).toMatchObject({ state: "failed", canFix: false, needsSettings: ["STRIPE_SECRET_KEY"] });
    expect(status.adminDetail).toContain("environment file");
    // The cause next build printed before its summary is kept for admins.
    expect(status.adminDetail).toContain("[cause]: Error: Neither apiKey nor config.authenticator provided");
    await expect(fixRequestMessage(services, (await getAppById({ id: app.id }))!)).rejects.toMatchObject({ code: "bad_request" });

    // Saved: the same commit is deployed again, now with the key, and becomes the Current preview.
    const current = (await getAppById({ id: app.id }))!;
    const saved = await saveAppSetting(services, { app: current, user: { id: owner.id, email: owner.email, name: "Test", role: "user" }, name: "STRIPE_SECRET_KEY", value: SECRET });
    expect(saved).toEqual({ setting: expect.objectContaining({ name: "STRIPE_SECRET_KEY", label: "Stripe secret key", set: true, public: false }) });
    // Applied in the background, right away: no other cycle runs.
    const applied = await pendingSettingsApply(app.id);
    expect(applied).toMatchObject({ status: "ready", message: "Preview ready with your settings" });
    const rebuilt = vc.deployments.filter((d) => d.sha === repo.branches.get("staging"));
    expect(rebuilt.map((d) => [d.source, d.env.STRIPE_SECRET_KEY ?? null])).toEqual([
      ["git", null],
      ["api", SECRET],
    ]);
    const after = await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: false });
    expect(after).toMatchObject({ state: "ready", needsSettings: [] });
    expect(vc.envs.get((await getAppById({ id: app.id }))!.vercelProjectId!)!.map((v) => [v.key, v.type, v.target[0], v.gitBranch ?? null]).sort()).toEqual([
      ["STRIPE_SECRET_KEY", "sensitive", "preview", "staging"],
      ["STRIPE_SECRET_KEY", "sensitive", "production", null],
    ]);

    // Publish builds production with it.
    const live = await publishToProduction(services, { app: (await getAppById({ id: app.id }))!, startedBy: { kind: "user", userId: owner.id } });
    expect(live.status).toBe("ready");
    expect(vc.deployments.filter((d) => d.target === "production").map((d) => d.env.STRIPE_SECRET_KEY)).toEqual([SECRET]);

    // The value was never logged or answered.
    const said = JSON.stringify([logs.mock.calls, info.mock.calls, status, after, saved, failed, applied, live]);
    expect(said).not.toContain(SECRET);
    expect(said).not.toContain("sk_test_51H");
  });
});
