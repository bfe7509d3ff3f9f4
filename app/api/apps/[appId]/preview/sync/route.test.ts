import { execFileSync } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getStatus } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { getAppById, startDeployment } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import { localRepoDir } from "@/lib/embedded/git-host/store";
import { chatTurn, fetchPreview } from "@/tests/helpers/apps";
import { failableBuilds } from "@/tests/helpers/build-faults";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";

let owner: TestUser;
let other: TestUser;
const builds = failableBuilds();

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
});
afterEach(() => builds.heal());

const syncApp = (user: TestUser, appId: string, body: unknown) =>
  callRoute(sync, { method: "POST", cookie: user.cookie, params: { appId }, body });

function refs(app: { repoOwner: string | null; repoName: string | null }): string {
  const dir = localRepoDir({ owner: app.repoOwner!, name: app.repoName! });
  return execFileSync("git", ["--git-dir", dir, "for-each-ref"], { encoding: "utf8" });
}

function stagingCommits(app: { repoOwner: string | null; repoName: string | null }): string[] {
  const dir = localRepoDir({ owner: app.repoOwner!, name: app.repoName! });
  return execFileSync("git", ["--git-dir", dir, "rev-list", "staging"], { encoding: "utf8" }).trim().split("\n");
}

describe("POST /api/apps/[appId]/preview/sync", () => {
  it("builds the chat's latest code into a ready preview that shows the app", async () => {
    const app = await chatTurn(owner, "a todo app with a dark theme");
    const res = await syncApp(owner, app.id, { chatId: app.chatId });
    const text = await res.text();
    expect(res.status).toBe(200);
    const body = JSON.parse(text) as { status: string; previewUrl: string; message: string };
    expect(body).toMatchObject({ status: "ready", message: "Preview ready" });
    expect(text).not.toMatch(TECHNICAL_WORDS);

    const page = await fetchPreview(body.previewUrl);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/My Tasks/);
    expect(page.body).toMatch(/<html[^>]*class="dark"/);
    expect(new URL(body.previewUrl).origin).not.toBe("http://localhost:3000");

    // The panel's status comes with the answer, as the status route gives it,
    // so the page shows the preview without asking again.
    const status = await (await callRoute(getStatus, { cookie: owner.cookie, params: { appId: app.id } })).json();
    expect((JSON.parse(text) as { preview: unknown }).preview).toEqual(status);
    expect(status).toMatchObject({ state: "ready", previewUrl: body.previewUrl });
  });

  it("follow-ups update the preview; asking again for the same reply makes no commit and no second version", async () => {
    let app = await chatTurn(owner, "a todo app");
    await syncApp(owner, app.id, { chatId: app.chatId });
    app = await chatTurn(owner, "change the title to Grocery List", app.id);
    const updated = (await (await syncApp(owner, app.id, { chatId: app.chatId })).json()) as { previewUrl: string };
    expect((await fetchPreview(updated.previewUrl)).body).toContain("Grocery List");

    const commits = stagingCommits((await getAppById({ id: app.id }))!);
    const rows = await getDb().select().from(deployments).where(eq(deployments.appId, app.id));
    const again = (await (await syncApp(owner, app.id, { chatId: app.chatId })).json()) as { status: string; previewUrl: string };
    expect(again).toMatchObject({ status: "ready", previewUrl: updated.previewUrl });
    expect(stagingCommits((await getAppById({ id: app.id }))!)).toEqual(commits);
    expect(await getDb().select().from(deployments).where(eq(deployments.appId, app.id))).toHaveLength(rows.length);
  });

  it("keeps the last working preview when an update fails", async () => {
    let app = await chatTurn(owner, "a landing page for my bakery");
    const first = (await (await syncApp(owner, app.id, { chatId: app.chatId })).json()) as { previewUrl: string };
    app = await chatTurn(owner, "change the title to Corner Bakery", app.id);

    builds.fail();
    const failed = (await (await syncApp(owner, app.id, { chatId: app.chatId })).json()) as {
      status: string;
      previewUrl: string;
      message: string;
    };
    expect(failed).toMatchObject({
      status: "failed",
      previewUrl: first.previewUrl,
      message: "Couldn't update the preview; your last working preview is still here.",
      preview: { state: "failed", previewUrl: first.previewUrl },
    });
    const page = await fetchPreview(first.previewUrl);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("Corner Bakery");

    const status = (await (await callRoute(getStatus, { cookie: owner.cookie, params: { appId: app.id } })).json()) as {
      state: string;
      previewUrl: string;
      canPublish: boolean;
    };
    expect(status).toMatchObject({ state: "failed", previewUrl: first.previewUrl, canPublish: true });
  });

  it("answers 409 with a plain message while another cycle runs, and does no work", async () => {
    const app = await chatTurn(owner, "a pricing page");
    const held = await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: owner.id, leaseMs: 60_000 });
    const refsBefore = refs(app);
    const res = await syncApp(owner, app.id, { chatId: app.chatId });
    expect(await errorOf(res)).toEqual({
      status: 409,
      code: "conflict",
      message: "Your preview is still updating; try again in a moment.",
    });
    // No commit: every branch of the app's repository is where it was.
    expect(refs(app)).toEqual(refsBefore);
    // No deployment: the held attempt is the app's only row, untouched, and
    // the app was never linked to a preview project to deploy into.
    const rows = await getDb().select().from(deployments).where(eq(deployments.appId, app.id));
    expect(rows).toEqual([held]);
    expect((await getAppById({ id: app.id }))?.vercelProjectId).toBeNull();
  });

  it.each([
    ["anonymous", () => ({ cookie: undefined }), 401],
    ["another builder", () => ({ cookie: other.cookie }), 404],
  ])("refuses %s", async (_label, who, status) => {
    const app = await chatTurn(owner, "a contact form");
    const res = await callRoute(sync, { method: "POST", ...who(), params: { appId: app.id }, body: { chatId: app.chatId } });
    expect(res.status).toBe(status);
  });

  it("answers 404 for a chat that isn't this app's", async () => {
    const mine = await chatTurn(owner, "a blog");
    const theirs = await chatTurn(other, "a portfolio");
    expect((await syncApp(owner, mine.id, { chatId: theirs.chatId })).status).toBe(404);
  });

  it.each([
    ["malformed JSON", "{"],
    ["missing chatId", {}],
    ["wrong type", { chatId: 7 }],
    ["extra fields", { chatId: "x", force: true }],
  ])("refuses %s with 400", async (_label, body) => {
    const app = await chatTurn(owner, "a dashboard");
    expect((await syncApp(owner, app.id, body)).status).toBe(400);
  });
});
