// The preview cycle and Publish over the real GitHub and Vercel clients,
// against local servers that speak their APIs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAppById } from "@/lib/db/queries";
import { createGitHubHost } from "@/lib/github/real";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { createVercelHost } from "@/lib/vercel/real";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { startFakeVercel } from "@/tests/fakes/vercel-server";
import { chatTurn, syncApp } from "@/tests/helpers/apps";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { getPreviewStatus } from "./preview-status";
import { publishToProduction } from "./publish-production";

let gh: Awaited<ReturnType<typeof startFakeGitHub>>;
let vc: Awaited<ReturnType<typeof startFakeVercel>>;
let owner: TestUser;
let services: Integrations;

beforeAll(async () => {
  gh = await startFakeGitHub({ orgs: ["acme"] });
  vc = await startFakeVercel({ buildPolls: 2 });
  services = {
    chat: (await getIntegrations()).chat,
    git: createGitHubHost({ token: "ghp", org: "acme", baseUrl: gh.url, author: { name: "a", email: "a@example.com" }, pacing: { enabled: false, retryAfterBaseMs: 1 } }),
    previews: { ...createVercelHost({ token: "vc", teamId: "team_1", baseUrl: vc.url }), pollDelayMs: () => 5 },
  };
  owner = await signUp();
});
afterAll(async () => {
  await gh.close();
  await vc.close();
});

describe("over the real clients", () => {
  it("syncs to a ready preview, then publishes that commit to production", async () => {
    const app = await chatTurn(owner, "a todo app", undefined, services);
    expect(app.repoOwnerKind).toBe("org");
    const synced = await syncApp(app.id, services);
    expect(synced).toMatchObject({ status: "ready", previewUrl: "https://app-git-staging.vercel.example" });
    const repo = gh.repos.get(`acme/${app.repoName}`)!;
    const previewed = repo.branches.get("staging")!;

    const live = await publishToProduction(services, { app: (await getAppById({ id: app.id }))!, startedBy: { kind: "user", userId: owner.id } });
    expect(live.status).toBe("ready");
    expect(live.productionUrl).toBe(`https://${app.repoName}.vercel.example`);
    expect(repo.branches.get("main")).toBe(previewed);
    expect(vc.requests.every((r) => r.query.get("teamId") === "team_1")).toBe(true);
    const stored = (await getAppById({ id: app.id }))!;
    expect(stored).toMatchObject({ stagingUrl: synced.previewUrl, productionUrl: live.productionUrl });
    expect((await getPreviewStatus({ app: stored, isAdmin: false })).liveUrl).toBe(live.productionUrl);
  });

  it("a failed build keeps the last working preview", async () => {
    const app = await chatTurn(owner, "a blog", undefined, services);
    const first = await syncApp(app.id, services);
    await chatTurn(owner, "make it dark", app.id, services);
    vc.failBuilds();
    const failed = await syncApp(app.id, services);
    expect(failed).toMatchObject({ status: "failed", previewUrl: first.previewUrl });
    const view = await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: false });
    expect(view).toMatchObject({ state: "failed", previewUrl: first.previewUrl });
  });
});
