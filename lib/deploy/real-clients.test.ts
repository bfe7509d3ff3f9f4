// The preview cycle and Publish over the real GitHub and Vercel clients,
// against local servers that speak their APIs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as publish } from "@/app/api/apps/[appId]/deploy/production/route";
import { GET as status } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { createGitHubHost } from "@/lib/github/real";
import { getIntegrations } from "@/lib/integrations";
import { createVercelHost } from "@/lib/vercel/real";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { startFakeVercel } from "@/tests/fakes/vercel-server";
import { chatTurn } from "@/tests/helpers/apps";
import { callRoute } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";

let gh: Awaited<ReturnType<typeof startFakeGitHub>>;
let vc: Awaited<ReturnType<typeof startFakeVercel>>;
let owner: TestUser;

beforeAll(async () => {
  gh = await startFakeGitHub({ orgs: ["acme"] });
  vc = await startFakeVercel({ buildPolls: 2 });
  const local = getIntegrations();
  (globalThis as unknown as { __integrations: typeof local }).__integrations = {
    chat: local.chat,
    git: createGitHubHost({ token: "ghp", org: "acme", baseUrl: gh.url, author: { name: "a", email: "a@example.com" }, pacing: { enabled: false, retryAfterBaseMs: 1 } }),
    previews: { ...createVercelHost({ token: "vc", teamId: "team_1", baseUrl: vc.url }), pollDelayMs: () => 5 },
  };
  owner = await signUp();
});
afterAll(async () => {
  await gh.close();
  await vc.close();
});

const post = (handler: typeof sync, appId: string, body: object) => callRoute(handler, { method: "POST", cookie: owner.cookie, params: { appId }, body });

describe("over the real clients", () => {
  it("syncs to a ready preview, then publishes that commit to production", async () => {
    const app = await chatTurn(owner, "a todo app");
    expect(app.repoOwnerKind).toBe("org");
    const synced = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as { status: string; previewUrl: string };
    expect(synced).toMatchObject({ status: "ready", previewUrl: "https://app-git-staging.vercel.example" });
    const repo = gh.repos.get(`acme/${app.repoName}`)!;
    const previewed = repo.branches.get("staging")!;

    const live = (await (await post(publish, app.id, {})).json()) as { status: string; productionUrl: string };
    expect(live.status).toBe("ready");
    expect(live.productionUrl).toBe(`https://${app.repoName}.vercel.example`);
    expect(repo.branches.get("main")).toBe(previewed);
    expect(vc.requests.every((r) => r.query.get("teamId") === "team_1")).toBe(true);
  });

  it("a failed build keeps the last working preview", async () => {
    const app = await chatTurn(owner, "a blog");
    const first = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as { previewUrl: string };
    await chatTurn(owner, "make it dark", app.id);
    vc.failBuilds();
    const failed = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as { status: string; previewUrl: string };
    expect(failed).toMatchObject({ status: "failed", previewUrl: first.previewUrl });
    const view = (await (await callRoute(status, { cookie: owner.cookie, params: { appId: app.id } })).json()) as { state: string; previewUrl: string };
    expect(view).toMatchObject({ state: "failed", previewUrl: first.previewUrl });
  });
});
