import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as publish } from "@/app/api/apps/[appId]/deploy/production/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { getAppById, getLatestReadyDeploymentByAppId, startDeployment } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { localRepoDir } from "@/lib/embedded/git-host/store";
import { getIntegrations } from "@/lib/integrations";
import { chatTurn, fetchPreview } from "@/tests/helpers/apps";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";

let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
});

const publishApp = (user: TestUser, appId: string) =>
  callRoute(publish, { method: "POST", cookie: user.cookie, params: { appId }, body: {} });

async function previewedApp(prompt: string): Promise<App> {
  const app = await chatTurn(owner, prompt);
  await callRoute(sync, { method: "POST", cookie: owner.cookie, params: { appId: app.id }, body: { chatId: app.chatId } });
  return (await getAppById({ id: app.id }))!;
}

const git = (app: App, ...args: string[]) =>
  execFileSync("git", ["--git-dir", localRepoDir({ owner: app.repoOwner!, name: app.repoName! }), ...args], {
    encoding: "utf8",
  }).trim();

describe("POST /api/apps/[appId]/deploy/production", () => {
  it("answers 400 with a friendly message before any preview has worked", async () => {
    const app = await chatTurn(owner, "a todo app");
    expect(await errorOf(await publishApp(owner, app.id))).toEqual({
      status: 400,
      code: "bad_request",
      message: "Your app needs a working preview before it can be published.",
    });
  });

  it("puts the previewed version live, with the same content", async () => {
    const app = await previewedApp("a pricing page for a yoga studio");
    const res = await publishApp(owner, app.id);
    const text = await res.text();
    const body = JSON.parse(text) as { status: string; productionUrl: string; message: string };
    expect(body).toMatchObject({ status: "ready", message: "Your app is live" });
    expect(text).not.toMatch(TECHNICAL_WORDS);

    const preview = await getLatestReadyDeploymentByAppId({ appId: app.id, environment: "staging" });
    expect(git(app, "rev-parse", "main")).toBe(preview!.commitSha);
    const live = await fetchPreview(body.productionUrl);
    const staged = await fetchPreview(preview!.previewUrl!);
    expect(live.status).toBe(200);
    expect(live.body.toLowerCase()).toContain("yoga");
    expect(live.body).toBe(staged.body);
  });

  it("promotes the previewed commit, not whatever staging holds now", async () => {
    const app = await previewedApp("a landing page for a bakery");
    const previewed = (await getLatestReadyDeploymentByAppId({ appId: app.id, environment: "staging" }))!.commitSha!;
    await (await getIntegrations()).git.commitFiles({ owner: app.repoOwner!, name: app.repoName! }, "staging", { "app/page.tsx": "export default function P(){return null}" }, "unpreviewed");
    expect(git(app, "rev-parse", "staging")).not.toBe(previewed);

    await publishApp(owner, app.id);
    expect(git(app, "rev-parse", "main")).toBe(previewed);
  });

  it("leaves main untouched on a merge conflict, with a plain message", async () => {
    const app = await previewedApp("a contact form");
    // Someone changed the live app's page outside the builder.
    const work = mkdtempSync(path.join(os.tmpdir(), "clone-"));
    const dir = localRepoDir({ owner: app.repoOwner!, name: app.repoName! });
    execFileSync("git", ["clone", "-q", "-b", "main", dir, work]);
    execFileSync("git", ["-C", work, "checkout", "-q", "origin/staging", "--", "app/page.tsx"]);
    writeFileSync(path.join(work, "app/page.tsx"), "export default function Page() { return <h1>Hand edited</h1>; }\n");
    execFileSync("git", ["-C", work, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam", "hand edit"]);
    execFileSync("git", ["-C", work, "push", "-q", "origin", "main"]);
    const mainBefore = git(app, "rev-parse", "main");

    const body = (await (await publishApp(owner, app.id)).json()) as { status: string; message: string };
    expect(body.status).toBe("failed");
    expect(body.message).toMatch(/clashes with what's live/);
    expect(git(app, "rev-parse", "main")).toBe(mainBefore);
  });

  it("answers 409 while a cycle runs", async () => {
    const app = await previewedApp("a blog");
    await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
    expect((await errorOf(await publishApp(owner, app.id))).status).toBe(409);
  });

  it("answers 404 to another builder", async () => {
    const app = await previewedApp("a dashboard");
    expect((await publishApp(other, app.id)).status).toBe(404);
  });
});
