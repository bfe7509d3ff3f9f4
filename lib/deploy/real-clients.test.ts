// The preview cycle and Publish over the real GitHub and Vercel clients,
// against local servers that speak their APIs.
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as publish } from "@/app/api/apps/[appId]/deploy/production/route";
import { GET as status } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { getDb } from "@/lib/db/client";
import { getAppById } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import { createGitHubHost } from "@/lib/github/real";
import { getIntegrations } from "@/lib/integrations";
import { createVercelHost } from "@/lib/vercel/real";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { startFakeVercel } from "@/tests/fakes/vercel-server";
import { chatTurn } from "@/tests/helpers/apps";
import { callRoute } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { deployMessages } from "./messages";

// A deployment the Git integration never makes is created after this long.
process.env.DEPLOY_GRACE_MS = "300";
const AUTHOR = "builder@acme.example";
process.env.GIT_AUTHOR_EMAIL = AUTHOR;
const TOKEN_USER = "octo@acme.example";
let gh: Awaited<ReturnType<typeof startFakeGitHub>>;
let vc: Awaited<ReturnType<typeof startFakeVercel>>;
let owner: TestUser;

beforeAll(async () => {
  // GitHub tells the Vercel fake about every push, as it tells the Vercel GitHub app.
  gh = await startFakeGitHub({ orgs: ["acme"], email: TOKEN_USER, onPush: (push) => vc.gitPush(push) });
  vc = await startFakeVercel({ teamId: "team_1", members: [AUTHOR, TOKEN_USER], buildPolls: 2, aliasPolls: 2 });
  const local = getIntegrations();
  (globalThis as unknown as { __integrations: typeof local }).__integrations = {
    chat: local.chat,
    git: createGitHubHost({ token: "ghp", org: "acme", baseUrl: gh.url, author: { name: "a", email: AUTHOR }, pacing: { enabled: false, retryAfterBaseMs: 1 } }),
    previews: { ...createVercelHost({ token: "vc", teamId: "team_1", baseUrl: vc.url, sleep: async () => undefined }), pollDelayMs: () => 5 },
  };
  owner = await signUp();
});
afterAll(async () => {
  await gh.close();
  await vc.close();
});
beforeEach(() => {
  vc.failBuilds(null);
  vc.pauseGitIntegration(false);
  vc.setMembers([AUTHOR, TOKEN_USER]);
});

const post = (handler: typeof sync, appId: string, body: object) => callRoute(handler, { method: "POST", cookie: owner.cookie, params: { appId }, body });
type Synced = { status: string; previewUrl: string; message: string };
const lastRow = async (appId: string) =>
  (await getDb().select().from(deployments).where(eq(deployments.appId, appId)).orderBy(desc(deployments.startedAt)).limit(1))[0]!;

describe("over the real clients", () => {
  it("syncs to a ready preview, then publishes that commit to production once its domains moved", async () => {
    const app = await chatTurn(owner, "a todo app");
    expect(app.repoOwnerKind).toBe("org");
    const synced = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as Synced;
    expect(synced.status).toBe("ready");
    const repo = gh.repos.get(`acme/${app.repoName}`)!;
    const previewed = repo.branches.get("staging")!;
    // The Git integration made the deployment; nothing was created through the API.
    expect(vc.requests.filter((r) => r.method === "POST" && r.path === "/v13/deployments")).toEqual([]);
    expect(vc.deployments.find((d) => d.sha === previewed)).toMatchObject({ source: "git", target: null });

    const live = (await (await post(publish, app.id, {})).json()) as { status: string; productionUrl: string; message: string };
    expect(live).toMatchObject({ status: "ready", message: deployMessages.published });
    expect(live.productionUrl).toBe(`https://${app.repoName}.vercel.example`);
    expect(repo.branches.get("main")).toBe(previewed);
    // "Live" only after the domains moved: READY alone (aliasAssigned null) was not enough.
    const production = vc.deployments.find((d) => d.target === "production" && d.sha === previewed)!;
    const polls = vc.requests.filter((r) => r.path === `/v13/deployments/${production.uid}`);
    // Found QUEUED by the list, then polled: BUILDING ×2, READY without domains ×2, READY with them.
    expect(polls).toHaveLength(5);
    expect(vc.requests.every((r) => r.query.get("teamId") === "team_1")).toBe(true);
  });

  it("shows the deployment's own address as the preview, one per app, with no branch name in it", async () => {
    const first = await chatTurn(owner, "a recipe box");
    const second = await chatTurn(owner, "a habit tracker");
    const a = (await (await post(sync, first.id, { chatId: first.chatId })).json()) as Synced;
    const b = (await (await post(sync, second.id, { chatId: second.chatId })).json()) as Synced;
    for (const [app, result] of [[first, a], [second, b]] as const) {
      const sha = gh.repos.get(`acme/${app.repoName}`)!.branches.get("staging")!;
      const deployment = vc.deployments.find((d) => d.sha === sha)!;
      expect(result.previewUrl).toMatch(new RegExp(`^https://${app.repoName}-[0-9a-f]{9}-acme\\.vercel\\.example$`));
      expect((await getAppById({ id: app.id }))?.vercelProjectId).toBe(deployment.projectId);
    }
    expect(a.previewUrl).not.toBe(b.previewUrl);
    expect(`${a.previewUrl} ${b.previewUrl}`).not.toMatch(/staging|-git-/);
  });

  it("creates the deployment itself when the Git integration never does", async () => {
    const app = await chatTurn(owner, "a guest book");
    vc.pauseGitIntegration();
    const synced = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as Synced;
    expect(synced.status).toBe("ready");
    const sha = gh.repos.get(`acme/${app.repoName}`)!.branches.get("staging")!;
    const created = vc.requests.filter((r) => r.method === "POST" && r.path === "/v13/deployments");
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ gitSource: { type: "github", org: "acme", repo: app.repoName, ref: "staging", sha } });
    expect(vc.deployments.filter((d) => d.sha === sha)).toMatchObject([{ source: "api", target: null }]);
  });

  it("a failed build keeps the last working preview", async () => {
    const app = await chatTurn(owner, "a blog");
    const first = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as Synced;
    await chatTurn(owner, "make it dark", app.id);
    vc.failBuilds();
    const failed = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as Synced;
    expect(failed).toMatchObject({ status: "failed", previewUrl: first.previewUrl, message: deployMessages.failedWithPrevious });
    const view = (await (await callRoute(status, { cookie: owner.cookie, params: { appId: app.id } })).json()) as { state: string; previewUrl: string };
    expect(view).toMatchObject({ state: "failed", previewUrl: first.previewUrl });
  });

  it("a deployment the hosting account blocks tells the builder an administrator must act, and admins why", async () => {
    const app = await chatTurn(owner, "a photo wall");
    vc.setMembers([TOKEN_USER]);
    const failed = (await (await post(sync, app.id, { chatId: app.chatId })).json()) as Synced;
    expect(failed).toMatchObject({ status: "failed", message: deployMessages.hostingBlocked });
    expect(failed.message).not.toMatch(/describ|again/i);
    const row = await lastRow(app.id);
    expect(row.error).toContain("BLOCKED");
    expect(row.error).toContain("COMMIT_AUTHOR_REQUIRED");
  });

  it("a publish the hosting account blocks leaves the live app alone and says an administrator must act", async () => {
    const app = await chatTurn(owner, "a pet diary");
    expect(((await (await post(sync, app.id, { chatId: app.chatId })).json()) as Synced).status).toBe("ready");
    vc.setMembers([]);
    const failed = (await (await post(publish, app.id, {})).json()) as { status: string; productionUrl: string | null; message: string };
    expect(failed).toEqual({ status: "failed", productionUrl: null, message: deployMessages.hostingBlocked });
    expect((await lastRow(app.id)).error).toContain("COMMIT_AUTHOR_REQUIRED");
  });
});
