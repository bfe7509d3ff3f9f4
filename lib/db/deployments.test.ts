import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { deployMessages } from "@/lib/deploy/messages";
import { getPreviewStatus } from "@/lib/deploy/preview-status";
import { getDb } from "./client";
import {
  createApp,
  getAppById,
  DeploymentInProgressError,
  expireStaleDeploymentsByAppId,
  getInFlightDeploymentByAppId,
  getLatestReadyDeploymentByAppId,
  getPreviewDeploymentsByAppId,
  markDeploymentFailed,
  markDeploymentReady,
  startDeployment,
  updateDeploymentProgress,
} from "./queries";
import { deployments, users } from "./schema";

const LEASE = 60_000;
let appId: string;

beforeEach(async () => {
  const userId = `u-${Math.random().toString(36).slice(2)}`;
  await getDb().insert(users).values({ id: userId, name: "Tester", email: `${userId}@example.com` });
  appId = (await createApp({ ownerId: userId, name: "Test app" })).id;
});

const start = (environment: "staging" | "production" = "staging") =>
  startDeployment({ appId, environment, startedBy: "user", startedByUserId: null, leaseMs: LEASE });

async function ready(sha: string, url = `https://${sha}.example`) {
  const row = await start();
  return markDeploymentReady({ id: row.id, deploymentUrl: url, previewUrl: url, commitSha: sha, message: "Preview ready", appUrl: url });
}

describe("deployment queries", () => {
  const latestStaging = async () => (await getLatestReadyDeploymentByAppId({ appId, environment: "staging" }))?.commitSha ?? null;

  it("has no successful staging deploy until one is ready", async () => {
    expect(await latestStaging()).toBeNull();
    const row = await start();
    expect(await latestStaging()).toBeNull();
    await markDeploymentFailed({ id: row.id, message: "Couldn't update", error: "build failed" });
    expect(await latestStaging()).toBeNull();
    await ready("a1");
    expect(await latestStaging()).toBe("a1");
  });

  it("keeps the latest successful staging deploy when a later attempt fails", async () => {
    await ready("a1");
    await ready("a2");
    const failing = await start();
    await markDeploymentFailed({ id: failing.id, message: "Couldn't update", error: "ERROR" });

    expect((await getLatestReadyDeploymentByAppId({ appId, environment: "staging" }))?.commitSha).toBe("a2");
    expect((await getPreviewDeploymentsByAppId({ appId, versions: 1 })).latest?.status).toBe("failed");
    expect((await getPreviewDeploymentsByAppId({ appId, versions: 10 })).versions.map((d) => d.commitSha)).toEqual(["a2", "a1"]);
  });

  it("reads the latest attempt and the newest working versions in one query", async () => {
    expect(await getPreviewDeploymentsByAppId({ appId, versions: 2 })).toEqual({ latest: null, versions: [], live: null });
    for (const sha of ["a1", "a2", "a3"]) await ready(sha);
    const running = await start();
    const otherApp = (await createApp({ ownerId: (await getDb().select().from(users).limit(1))[0]!.id, name: "Other" })).id;
    await startDeployment({ appId: otherApp, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: LEASE });

    const rows = await getPreviewDeploymentsByAppId({ appId, versions: 2 });
    expect(rows.latest?.id).toBe(running.id);
    expect(rows.latest?.startedAt).toBeInstanceOf(Date);
    expect(rows.versions.map((d) => d.commitSha)).toEqual(["a3", "a2"]);
    expect(rows.versions[0]!.finishedAt).toBeInstanceOf(Date);
  });

  it("reads what is live: the latest ready production attempt, with the version it put live", async () => {
    const a1 = (await ready("a1"))!;
    const a2 = (await ready("a2"))!;
    for (const source of [a2, a1]) {
      const row = await startDeployment({ appId, environment: "production", startedBy: "user", startedByUserId: null, leaseMs: LEASE, sourceDeploymentId: source.id });
      await markDeploymentReady({ id: row.id, deploymentUrl: "https://build.example", commitSha: `live-${source.commitSha}`, message: "Live", appUrl: "https://live.example" });
    }
    const failed = await startDeployment({ appId, environment: "production", startedBy: "user", startedByUserId: null, leaseMs: LEASE, sourceDeploymentId: a2.id });
    await markDeploymentFailed({ id: failed.id, message: "Couldn't", error: "build failed" });

    const rows = await getPreviewDeploymentsByAppId({ appId, versions: 10 });
    expect(rows.live).toMatchObject({ environment: "production", commitSha: "live-a1", sourceDeploymentId: a1.id });
    expect(rows.latest?.id).toBe(failed.id);
    expect(rows.versions.map((d) => d.commitSha)).toEqual(["a2", "a1"]);
  });

  it("records the app's address for the environment in the same step that closes the attempt", async () => {
    await ready("a1", "https://preview.example");
    const publish = await start("production");
    await markDeploymentReady({ id: publish.id, deploymentUrl: "https://build.example", commitSha: "a1", message: "Live", appUrl: "https://live.example" });
    expect(await getAppById({ id: appId })).toMatchObject({ stagingUrl: "https://preview.example", productionUrl: "https://live.example" });
    const [published] = await getDb().select().from(deployments).where(eq(deployments.id, publish.id));
    expect(published).toMatchObject({ status: "ready", deploymentUrl: "https://build.example", previewUrl: null });
  });

  it("leaves the app's address alone when the attempt was already closed", async () => {
    const row = await start();
    await markDeploymentFailed({ id: row.id, message: "m", error: "e" });
    expect(await markDeploymentReady({ id: row.id, deploymentUrl: "u", previewUrl: "u", commitSha: "s", message: "m", appUrl: "https://late.example" })).toBeNull();
    expect((await getAppById({ id: appId }))?.stagingUrl).toBeNull();
  });

  it("writes neither the attempt nor the app's address when either write fails", async () => {
    const row = await start();
    // The app's half of the transaction fails; the attempt's half must not stay.
    await getDb().execute(sql`create function refuse_boom() returns trigger language plpgsql as $$
      begin raise exception 'refused'; end $$`);
    await getDb().execute(sql`create trigger refuse_boom before update on apps
      for each row when (new.staging_url = 'https://boom.example') execute function refuse_boom()`);
    try {
      await expect(
        markDeploymentReady({ id: row.id, deploymentUrl: "u", previewUrl: "u", commitSha: "s", message: "m", appUrl: "https://boom.example" }),
      ).rejects.toThrow();
    } finally {
      await getDb().execute(sql`drop trigger refuse_boom on apps`);
    }
    const [after] = await getDb().select().from(deployments).where(eq(deployments.id, row.id));
    expect(after).toMatchObject({ status: "deploying", deploymentUrl: null });
  });

  it("does not count production deploys as staging ones", async () => {
    const row = await start("production");
    await markDeploymentReady({ id: row.id, deploymentUrl: "u", commitSha: "p1", message: "Live", appUrl: "u" });
    expect(await latestStaging()).toBeNull();
    expect((await getLatestReadyDeploymentByAppId({ appId, environment: "production" }))?.commitSha).toBe("p1");
  });

  it("admits one in-flight cycle per app, staging and production alike", async () => {
    const first = await start();
    expect((await getInFlightDeploymentByAppId({ appId }))?.id).toBe(first.id);
    await expect(start()).rejects.toBeInstanceOf(DeploymentInProgressError);
    await expect(start("production")).rejects.toBeInstanceOf(DeploymentInProgressError);
    await markDeploymentReady({ id: first.id, deploymentUrl: "u", previewUrl: "u", commitSha: "s", message: "ok", appUrl: "u" });
    expect(await getInFlightDeploymentByAppId({ appId })).toBeNull();
    await expect(start("production")).resolves.toMatchObject({ environment: "production" });
  });

  it("releases an expired lease: the row becomes interrupted and the app unlocks", async () => {
    const stuck = await start();
    await getDb()
      .update(deployments)
      .set({ leaseExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(deployments.id, stuck.id));

    const next = await start();
    const [old] = await getDb().select().from(deployments).where(eq(deployments.id, stuck.id));
    expect(old).toMatchObject({ status: "failed" });
    expect(old!.error).toMatch(/interrupted/);
    expect(next.status).toBe("deploying");
  });

  it("words a cycle closed by lease expiry as interrupted, like one closed by a stopping server: first build, update, publish", async () => {
    const interrupt = async (environment: "staging" | "production") => {
      const row = await start(environment);
      await getDb().update(deployments).set({ leaseExpiresAt: new Date(Date.now() - 1000) }).where(eq(deployments.id, row.id));
      await expireStaleDeploymentsByAppId({ appId });
      return (await getPreviewStatus({ app: (await getAppById({ id: appId }))!, isAdmin: false })).message;
    };
    expect(await interrupt("staging")).toBe(deployMessages.interrupted);
    await ready("a1");
    expect(await interrupt("staging")).toBe(deployMessages.interrupted);
    expect(await interrupt("production")).toBe(deployMessages.publishInterrupted);
  });

  it("shows admins, and only admins, what the preview host says about itself (no sandbox)", async () => {
    const host = { adminNotice: () => "WARNING: no sandbox: bubblewrap is not installed." };
    const app = (await getAppById({ id: appId }))!;
    expect((await getPreviewStatus({ app, isAdmin: true, host })).adminDetail).toBe("WARNING: no sandbox: bubblewrap is not installed.");
    expect(await getPreviewStatus({ app, isAdmin: false, host })).not.toHaveProperty("adminDetail");
    expect((await getPreviewStatus({ app, isAdmin: true, host: { adminNotice: () => null } })).adminDetail).toBeNull();
  });

  it("a live lease is not expired, and heartbeats extend it", async () => {
    const row = await start();
    expect(await expireStaleDeploymentsByAppId({ appId })).toBe(0);
    // Nearly run out: a heartbeat must push the expiry a whole lease ahead.
    await getDb().update(deployments).set({ leaseExpiresAt: new Date(Date.now() + 1000) }).where(eq(deployments.id, row.id));
    const before = Date.now();
    expect(await updateDeploymentProgress({ id: row.id, leaseMs: LEASE, progress: "building", commitSha: "c1" })).toBe(true);
    const [after] = await getDb().select().from(deployments).where(eq(deployments.id, row.id));
    expect(after).toMatchObject({ progress: "building", commitSha: "c1", status: "deploying" });
    expect(after!.leaseExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + LEASE);
    expect(await expireStaleDeploymentsByAppId({ appId })).toBe(0);
  });

  it("a closed row can no longer be renewed or re-closed", async () => {
    const row = await start();
    await markDeploymentFailed({ id: row.id, message: "m", error: "e" });
    expect(await updateDeploymentProgress({ id: row.id, leaseMs: LEASE })).toBe(false);
    expect(await markDeploymentReady({ id: row.id, deploymentUrl: "u", previewUrl: "u", commitSha: "s", message: "m", appUrl: "u" })).toBeNull();
  });
});
