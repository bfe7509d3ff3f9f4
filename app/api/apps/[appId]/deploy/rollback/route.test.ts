import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as publish } from "@/app/api/apps/[appId]/deploy/production/route";
import { POST as rollback } from "@/app/api/apps/[appId]/deploy/rollback/route";
import { GET as getStatus } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { getDb } from "@/lib/db/client";
import { getAppById, getLatestReadyDeploymentByAppId, startDeployment } from "@/lib/db/queries";
import { type App, type DeploymentRecord, deployments } from "@/lib/db/schema";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
import { localRepoDir } from "@/lib/embedded/git-host/store";
import { chatTurn, fetchPreview } from "@/tests/helpers/apps";
import { failableBuilds } from "@/tests/helpers/build-faults";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";

let owner: TestUser;
let other: TestUser;
const builds = failableBuilds();

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
});
afterEach(() => builds.heal());

type LiveAnswer = { status: "ready" | "failed"; productionUrl: string | null; message: string };

const rollbackTo = (user: TestUser, appId: string, versionId: unknown) =>
  callRoute(rollback, { method: "POST", cookie: user.cookie, params: { appId }, body: { versionId } });
const publishApp = async (appId: string) =>
  (await (await callRoute(publish, { method: "POST", cookie: owner.cookie, params: { appId }, body: {} })).json()) as LiveAnswer;
const statusOf = async (appId: string) => (await (await callRoute(getStatus, { cookie: owner.cookie, params: { appId } })).json()) as PreviewStatus;

async function previewed(prompt: string, appId?: string): Promise<{ app: App; version: DeploymentRecord }> {
  const turn = await chatTurn(owner, prompt, appId);
  const res = await callRoute(sync, { method: "POST", cookie: owner.cookie, params: { appId: turn.id }, body: { chatId: turn.chatId } });
  expect(((await res.json()) as { status: string }).status).toBe("ready");
  const version = (await getLatestReadyDeploymentByAppId({ appId: turn.id, environment: "staging" }))!;
  return { app: (await getAppById({ id: turn.id }))!, version };
}

// Two working versions, the second one live.
async function twoVersionsSecondLive(prompt: string, title: string) {
  const first = await previewed(prompt);
  const second = await previewed(`change the title to ${title}`, first.app.id);
  const live = await publishApp(first.app.id);
  expect(live.status).toBe("ready");
  expect((await fetchPreview(live.productionUrl!)).body).toContain(title);
  return { app: second.app, first: first.version, second: second.version, productionUrl: live.productionUrl! };
}

const git = (app: App, ...args: string[]) =>
  execFileSync("git", ["--git-dir", localRepoDir({ owner: app.repoOwner!, name: app.repoName! }), ...args], { encoding: "utf8" }).trim();

const productionRows = (appId: string) =>
  getDb()
    .select()
    .from(deployments)
    .where(and(eq(deployments.appId, appId), eq(deployments.environment, "production")))
    .orderBy(desc(deployments.startedAt));

// Each case builds three to six real versions (sandboxed prerender included).
describe("POST /api/apps/[appId]/deploy/rollback", { timeout: 90_000 }, () => {
  it("puts an older version live again as a new commit on top of the live one, and marks it live in the Versions list", async () => {
    const { app, first, second, productionUrl } = await twoVersionsSecondLive("a landing page for a bakery", "Sunrise Loaves");
    const mainBefore = git(app, "rev-parse", "main");

    const res = await rollbackTo(owner, app.id, first.id);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: "ready", productionUrl, message: "That version is live again" });
    expect(text).not.toMatch(TECHNICAL_WORDS);

    // Exactly the older version's files, on a new commit whose parent is what was live.
    expect(git(app, "rev-parse", "main^{tree}")).toBe(git(app, "rev-parse", `${first.commitSha}^{tree}`));
    expect(git(app, "rev-parse", "main^")).toBe(mainBefore);
    const live = await fetchPreview(productionUrl);
    expect(live.body).not.toContain("Sunrise Loaves");
    expect(live.body).toBe((await fetchPreview(first.deploymentUrl!)).body);

    const [row] = await productionRows(app.id);
    expect(row).toMatchObject({ status: "ready", sourceDeploymentId: first.id, commitSha: git(app, "rev-parse", "main") });
    const versions = (await statusOf(app.id)).versions;
    expect(versions.map(({ id, live, current }) => ({ id, live, current }))).toEqual([
      { id: second.id, live: false, current: true },
      { id: first.id, live: true, current: false },
    ]);
  });

  it("lets the Current preview be published again afterwards, and later versions too", async () => {
    const { app, second, productionUrl } = await twoVersionsSecondLive("a todo app", "Chores");
    const older = (await statusOf(app.id)).versions[1]!;
    expect((await (await rollbackTo(owner, app.id, older.id)).json()) as LiveAnswer).toMatchObject({ status: "ready" });

    expect(await publishApp(app.id)).toMatchObject({ status: "ready", message: "Your app is live" });
    expect((await fetchPreview(productionUrl)).body).toContain("Chores");
    expect((await statusOf(app.id)).versions[0]).toMatchObject({ id: second.id, live: true, current: true });

    const third = await previewed("change the title to Weekend Jobs", app.id);
    expect(await publishApp(app.id)).toMatchObject({ status: "ready" });
    expect((await fetchPreview(productionUrl)).body).toContain("Weekend Jobs");
    expect(git(app, "rev-parse", "main^{tree}")).toBe(git(app, "rev-parse", `${third.version.commitSha}^{tree}`));
  });

  it("answers plainly, with no new commit, when that version is already live", async () => {
    const { app, second, productionUrl } = await twoVersionsSecondLive("a recipe box", "Soup Nights");
    const mainBefore = git(app, "rev-parse", "main");
    const rowsBefore = await productionRows(app.id);

    const answer = (await (await rollbackTo(owner, app.id, second.id)).json()) as LiveAnswer;
    expect(answer).toEqual({ status: "ready", productionUrl, message: "That version is already live" });
    expect(git(app, "rev-parse", "main")).toBe(mainBefore);
    const rows = await productionRows(app.id);
    expect(rows).toHaveLength(rowsBefore.length + 1);
    expect(rows[0]).toMatchObject({ status: "ready", commitSha: mainBefore, sourceDeploymentId: second.id, deploymentUrl: rowsBefore[0]!.deploymentUrl });
  });

  it("a failed production build leaves the previous live version live", async () => {
    const { app, first, second, productionUrl } = await twoVersionsSecondLive("a blog", "Field Notes");
    builds.fail();

    const answer = (await (await rollbackTo(owner, app.id, first.id)).json()) as LiveAnswer;
    expect(answer).toEqual({ status: "failed", productionUrl, message: "Couldn't put that version live. Your live app hasn't changed." });
    expect((await fetchPreview(productionUrl)).body).toContain("Field Notes");
    const status = await statusOf(app.id);
    expect(status).toMatchObject({ state: "failed", liveUrl: productionUrl, message: answer.message });
    expect(status.versions.find((v) => v.live)?.id).toBe(second.id);

    // Once the host builds again, publishing the Current preview still works.
    builds.heal();
    expect(await publishApp(app.id)).toMatchObject({ status: "ready" });
    expect((await fetchPreview(productionUrl)).body).toContain("Field Notes");
  });

  it("answers the plain 409 while a cycle runs, and changes nothing", async () => {
    const { app, first } = await twoVersionsSecondLive("a guest book", "Guest Notes");
    const mainBefore = git(app, "rev-parse", "main");
    await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: owner.id, leaseMs: 60_000 });
    expect(await errorOf(await rollbackTo(owner, app.id, first.id))).toEqual({
      status: 409,
      code: "conflict",
      message: "Your preview is still updating; try again in a moment.",
    });
    expect(git(app, "rev-parse", "main")).toBe(mainBefore);
  });

  it("puts an older version live for an app that was never published, saying it is live", async () => {
    const first = await previewed("a yoga studio page");
    await previewed("change the title to Lotus Loft Studio", first.app.id);
    const answer = (await (await rollbackTo(owner, first.app.id, first.version.id)).json()) as LiveAnswer;
    expect(answer).toMatchObject({ status: "ready", message: "Your app is live" });
    const live = await fetchPreview(answer.productionUrl!);
    expect(live.body).toBe((await fetchPreview(first.version.deploymentUrl!)).body);
    expect(live.body).not.toContain("Lotus Loft Studio");
  });

  it("answers 404 for an unknown version, another app's version, or someone else's app; 400 for a malformed one", async () => {
    const { app } = await previewed("a photo wall");
    const elsewhere = await previewed("a pet diary");
    const notFound = { status: 404, code: "not_found", message: "We couldn't find that version." };
    expect(await errorOf(await rollbackTo(owner, app.id, randomUUID()))).toEqual(notFound);
    expect(await errorOf(await rollbackTo(owner, app.id, elsewhere.version.id))).toEqual(notFound);
    expect((await errorOf(await rollbackTo(other, elsewhere.app.id, elsewhere.version.id))).status).toBe(404);
    expect((await errorOf(await rollbackTo(owner, app.id, "not-a-version"))).status).toBe(400);
    expect(await productionRows(app.id)).toEqual([]);
  });
});
