// The preview cycle and Publish over the real GitHub and Vercel clients,
// against local servers that speak their APIs.
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getAppById } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import type { Integrations } from "@/lib/integrations";
import { chatTurn as chatTurnWith, syncApp } from "@/tests/helpers/apps";
import { realClientsOnFakes, type RealClientsOnFakes } from "@/tests/helpers/real-clients";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { fixRequestMessage } from "@/lib/fix-it";
import { deployMessages } from "./messages";
import { getPreviewStatus } from "./preview-status";
import { publishToProduction } from "./publish-production";
import { rollbackToVersion } from "./rollback";

// A deployment the Git integration never makes is created after this long.
process.env.DEPLOY_GRACE_MS = "300";
const AUTHOR = "builder@acme.example";
process.env.GIT_AUTHOR_EMAIL = AUTHOR;
const TOKEN_USER = "octo@acme.example";
let gh: RealClientsOnFakes["gh"];
let vc: RealClientsOnFakes["vc"];
let fakes: RealClientsOnFakes;
let owner: TestUser;
let services: Integrations;

beforeAll(async () => {
  fakes = await realClientsOnFakes({ author: AUTHOR, tokenUser: TOKEN_USER });
  ({ gh, vc, services } = fakes);
  owner = await signUp();
});
afterAll(() => fakes.close());

beforeEach(() => {
  vc.failBuilds(null);
  vc.pauseGitIntegration(false);
  vc.setMembers([AUTHOR, TOKEN_USER]);
});

const chatTurn = (message: string, appId?: string) => chatTurnWith(owner, message, appId, services);
const sync = (appId: string) => syncApp(appId, services);
const publish = async (appId: string) => publishToProduction(services, { app: (await getAppById({ id: appId }))!, startedBy: { kind: "user", userId: owner.id } });
const rollback = async (appId: string, versionId: string) =>
  rollbackToVersion(services, { app: (await getAppById({ id: appId }))!, versionId, startedBy: { kind: "user", userId: owner.id } });
const lastRow = async (appId: string) =>
  (await getDb().select().from(deployments).where(eq(deployments.appId, appId)).orderBy(desc(deployments.startedAt)).limit(1))[0]!;

describe("over the real clients", () => {
  it("syncs to a ready preview, then publishes that commit to production once its domains moved", async () => {
    const app = await chatTurn("a todo app");
    expect(app.repoOwnerKind).toBe("org");
    const synced = await sync(app.id);
    expect(synced.status).toBe("ready");
    const repo = gh.repos.get(`acme/${app.repoName}`)!;
    const previewed = repo.branches.get("staging")!;
    // The Git integration made the deployment; nothing was created through the API.
    expect(vc.requests.filter((r) => r.method === "POST" && r.path === "/v13/deployments")).toEqual([]);
    expect(vc.deployments.find((d) => d.sha === previewed)).toMatchObject({ source: "git", target: null });

    const live = await publish(app.id);
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
    const first = await chatTurn("a recipe box");
    const second = await chatTurn("a habit tracker");
    const a = await sync(first.id);
    const b = await sync(second.id);
    for (const [app, result] of [[first, a], [second, b]] as const) {
      const sha = gh.repos.get(`acme/${app.repoName}`)!.branches.get("staging")!;
      const deployment = vc.deployments.find((d) => d.sha === sha)!;
      expect(result.previewUrl).toMatch(new RegExp(`^https://${app.repoName}-[0-9a-f]{9}-acme\\.vercel\\.example$`));
      expect((await getAppById({ id: app.id }))?.vercelProjectId).toBe(deployment.projectId);
    }
    expect(a.previewUrl).not.toBe(b.previewUrl);
    expect(`${a.previewUrl} ${b.previewUrl}`).not.toMatch(/staging|-git-/);
  });

  it("keeps a file someone else pushed to staging between two previews", async () => {
    let app = await chatTurn("a todo app");
    await sync(app.id);
    gh.push("acme", app.repoName!, "staging", { "docs/notes.md": "Kept by hand\n" });
    app = await chatTurn("change the title to Chores", app.id);
    const synced = await sync(app.id);
    expect(synced.status).toBe("ready");
    const files = gh.filesAt("acme", app.repoName!, "staging");
    expect(files.get("docs/notes.md")?.toString()).toBe("Kept by hand\n");
    expect(files.get("app/page.tsx")?.toString()).toContain("Chores");
  });

  it("creates the deployment itself when the Git integration never does", async () => {
    const app = await chatTurn("a guest book");
    vc.pauseGitIntegration();
    const synced = await sync(app.id);
    expect(synced.status).toBe("ready");
    const sha = gh.repos.get(`acme/${app.repoName}`)!.branches.get("staging")!;
    const created = vc.requests.filter((r) => r.method === "POST" && r.path === "/v13/deployments");
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ gitSource: { type: "github", org: "acme", repo: app.repoName, ref: "staging", sha } });
    expect(vc.deployments.filter((d) => d.sha === sha)).toMatchObject([{ source: "api", target: null }]);
  });

  it("a failed build keeps the last working preview", async () => {
    const app = await chatTurn("a blog");
    const first = await sync(app.id);
    await chatTurn("make it dark", app.id);
    vc.failBuilds();
    const failed = await sync(app.id);
    expect(failed).toMatchObject({ status: "failed", previewUrl: first.previewUrl, message: deployMessages.failedWithPrevious });
    const view = await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: false });
    expect(view).toMatchObject({ state: "failed", previewUrl: first.previewUrl });
  });

  it("a build that fails on the code offers Fix it, whose message carries the build's own error, scrubbed", async () => {
    const app = await chatTurn("a bakery menu");
    vc.failBuilds("code");
    await sync(app.id);
    const current = (await getAppById({ id: app.id }))!;
    expect(await getPreviewStatus({ app: current, isAdmin: false })).toMatchObject({ state: "failed", canFix: true });
    expect((await lastRow(app.id)).failureReason).toBe("code");

    const eventReads = () => vc.requests.filter((r) => r.path.endsWith("/events")).length;
    const before = eventReads();
    const message = await fixRequestMessage(services, current);
    expect(message).toContain("./app/page.tsx:12:7");
    expect(message).toContain("Type error: Cannot find name 'Hero'.");
    expect(message).toContain("node_modules/next/dist/build/type-check.js");
    expect(message).not.toMatch(/\/vercel\/path0|dpl_|team_1/);
    expect(eventReads() - before).toBe(1);
  });

  it("a build that fails installing a package doesn't offer Fix it", async () => {
    const app = await chatTurn("a flower shop");
    vc.failBuilds("install");
    await sync(app.id);
    const current = (await getAppById({ id: app.id }))!;
    expect(await getPreviewStatus({ app: current, isAdmin: false })).toMatchObject({ state: "failed", canFix: false });
    await expect(fixRequestMessage(services, current)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("a deployment the hosting account blocks tells the builder an administrator must act, and admins why", async () => {
    const app = await chatTurn("a photo wall");
    vc.setMembers([TOKEN_USER]);
    const failed = await sync(app.id);
    expect(failed).toMatchObject({ status: "failed", message: deployMessages.blocked });
    expect(failed.message).not.toMatch(/describ|again/i);
    const row = await lastRow(app.id);
    expect(row.error).toContain("BLOCKED");
    expect(row.error).toContain("COMMIT_AUTHOR_REQUIRED");
  });

  it("rolls the live app back to an older version with at most 4 GitHub requests, then publishes the Current preview again", async () => {
    let app = await chatTurn("a todo app");
    await sync(app.id);
    const older = await lastRow(app.id);
    app = await chatTurn("change the title to Chores", app.id);
    await sync(app.id);
    expect((await publish(app.id)).status).toBe("ready");
    const repo = gh.repos.get(`acme/${app.repoName}`)!;
    const liveBefore = repo.branches.get("main")!;

    gh.reset();
    const rolledBack = await rollback(app.id, older.id);
    expect(rolledBack).toMatchObject({ status: "ready", message: deployMessages.rolledBack, productionUrl: `https://${app.repoName}.vercel.example` });
    const gitCalls = gh.requests.map((r) => `${r.method} ${r.path}`);
    expect(gitCalls).toEqual([
      `GET /repos/acme/${app.repoName}/branches/main`,
      `GET /repos/acme/${app.repoName}/git/commits/${older.commitSha}`,
      `POST /repos/acme/${app.repoName}/git/commits`,
      `PATCH /repos/acme/${app.repoName}/git/refs/heads%2Fmain`,
    ]);
    const main = repo.branches.get("main")!;
    expect(repo.commits.get(main)).toMatchObject({ parents: [liveBefore], tree: repo.commits.get(older.commitSha!)!.tree });
    // Live only once the production build of the new commit holds the domains.
    expect(vc.deployments.find((d) => d.target === "production" && d.sha === main)).toBeDefined();
    expect(await lastRow(app.id)).toMatchObject({ environment: "production", status: "ready", commitSha: main, sourceDeploymentId: older.id });

    gh.reset();
    expect(await rollback(app.id, older.id)).toMatchObject({ status: "ready", message: deployMessages.rollbackAlreadyLive });
    expect(gh.requests).toHaveLength(2);
    expect(repo.branches.get("main")).toBe(main);

    expect(await publish(app.id)).toMatchObject({ status: "ready", message: deployMessages.published });
    expect(gh.filesAt("acme", app.repoName!, "main").get("app/page.tsx")?.toString()).toContain("Chores");
  });

  it("a publish the hosting account blocks leaves the live app alone and says an administrator must act", async () => {
    const app = await chatTurn("a pet diary");
    expect((await sync(app.id)).status).toBe("ready");
    vc.setMembers([]);
    const failed = await publish(app.id);
    expect(failed).toEqual({ status: "failed", productionUrl: null, message: deployMessages.publishBlocked });
    expect((await lastRow(app.id)).error).toContain("COMMIT_AUTHOR_REQUIRED");
  });
});
