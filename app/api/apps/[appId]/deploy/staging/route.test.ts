import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST as adminDeploy } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { getDb } from "@/lib/db/client";
import { markDeploymentFailed, markDeploymentReady, startDeployment } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import { chatTurn } from "@/tests/helpers/apps";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";

let owner: TestUser;
let other: TestUser;
let admin: TestUser;

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
  admin = await signUp("admin@example.com");
});

const status = async (user: TestUser, appId: string) => {
  const res = await callRoute(GET, { cookie: user.cookie, params: { appId } });
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Record<string, unknown> };
};

describe("GET /api/apps/[appId]/deploy/staging", () => {
  it("starts idle with nothing to publish", async () => {
    const app = await chatTurn(owner, "a todo app");
    const { body } = await status(owner, app.id);
    expect(body).toMatchObject({ state: "idle", previewUrl: null, canPublish: false, liveUrl: null, versions: [] });
    expect(body).not.toHaveProperty("adminDetail");
  });

  it("reports a running cycle with its plain step, then the ready preview and versions", async () => {
    const app = await chatTurn(owner, "a todo app");
    const row = await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
    expect((await status(owner, app.id)).body).toMatchObject({ state: "updating", step: "saving", message: "Updating preview…", canPublish: false });
    await markDeploymentFailed({ id: row.id, message: "Couldn't build the preview. Try describing the change again.", error: "x" });

    await callRoute(sync, { method: "POST", cookie: owner.cookie, params: { appId: app.id }, body: { chatId: app.chatId } });
    const { body, text } = await status(owner, app.id);
    expect(body).toMatchObject({ state: "ready", message: "Preview ready", canPublish: true });
    expect(body.previewUrl).toEqual(expect.any(String));
    expect(body.versions).toHaveLength(1);
    expect(text).not.toMatch(TECHNICAL_WORDS);
  });

  it("marks a cycle whose lease ran out as interrupted and unlocks the app", async () => {
    const app = await chatTurn(owner, "a blog");
    const row = await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
    await getDb().update(deployments).set({ leaseExpiresAt: new Date(Date.now() - 1) }).where(eq(deployments.id, row.id));
    const { body } = await status(owner, app.id);
    // The server running it died: the builder is told to try again, not to reword anything.
    expect(body).toMatchObject({ state: "failed", message: "The preview update was interrupted; try again." });
    const [stored] = await getDb().select().from(deployments).where(eq(deployments.id, row.id));
    expect(stored!.error).toMatch(/interrupted/);
  });

  it("shows the stored technical detail to admins only", async () => {
    const app = await chatTurn(owner, "a portfolio");
    const row = await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
    await markDeploymentFailed({ id: row.id, message: "Couldn't build the preview. Try describing the change again.", error: "vercel ERROR: build failed on staging" });
    const asOwner = await status(owner, app.id);
    expect(asOwner.text).not.toMatch(TECHNICAL_WORDS);
    expect(asOwner.body).not.toHaveProperty("adminDetail");
    // An admin follows any builder's app, the failure detail included.
    expect((await status(admin, app.id)).body.adminDetail).toBe("vercel ERROR: build failed on staging");
  });

  it("lists each distinct version of the code once", async () => {
    const app = await chatTurn(owner, "a recipe box");
    const ready = async (commitSha: string, url: string) => {
      const row = await startDeployment({ appId: app.id, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
      await markDeploymentReady({ id: row.id, deploymentUrl: url, previewUrl: url, appUrl: url, commitSha, message: "Preview ready" });
    };
    await ready("a".repeat(40), "https://one.example");
    await ready("b".repeat(40), "https://two.example");
    // The same code again (an unchanged version): no second entry.
    await ready("b".repeat(40), "https://two.example");
    const { body } = await status(owner, app.id);
    expect((body.versions as { url: string }[]).map((v) => v.url)).toEqual(["https://two.example", "https://one.example"]);
  });

  it("answers 404 to another builder and 401 to anonymous", async () => {
    const app = await chatTurn(owner, "a landing page");
    expect((await status(other, app.id)).res.status).toBe(404);
    expect((await callRoute(GET, { params: { appId: app.id } })).status).toBe(401);
  });
});

describe("POST /api/apps/[appId]/deploy/staging (admin fallback)", () => {
  it("is refused to builders, even on their own app", async () => {
    const app = await chatTurn(owner, "a todo app");
    const res = await callRoute(adminDeploy, { method: "POST", cookie: owner.cookie, params: { appId: app.id }, body: {} });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("lets an admin re-run the sync on any app's current chat", async () => {
    const app = await chatTurn(owner, "a todo app");
    const res = await callRoute(adminDeploy, { method: "POST", cookie: admin.cookie, params: { appId: app.id }, body: {} });
    expect(await res.json()).toMatchObject({ status: "ready" });
    const [row] = await getDb().select().from(deployments).where(eq(deployments.appId, app.id));
    expect(row).toMatchObject({ startedBy: "admin", status: "ready" });
    // …and can follow what they started.
    expect((await status(admin, app.id)).body).toMatchObject({ state: "ready", adminDetail: null });
  });
});
