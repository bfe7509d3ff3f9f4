// A server killed mid-cycle (SIGKILL) must not lock its app forever: once the
// lease (45 s) runs out the row reads "interrupted", the app takes a new cycle, and
// the previous preview was served throughout. A server asked to stop
// (SIGTERM) frees it at once.
import { fork } from "node:child_process";
import { expect, it } from "vitest";
import { getAppById, getInFlightDeploymentByAppId, getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import { deployMessages } from "@/lib/deploy/messages";
import { getPreviewStatus } from "@/lib/deploy/preview-status";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { chatTurn, fetchPreview, syncApp } from "../helpers/apps";
import { signUp } from "../helpers/session";
import { bundleWorker } from "../helpers/worker-bundle";

// The lease as configured for production (DEPLOY_LEASE_MS's default): the
// promise is about it, not about a lease shortened for the test.
delete process.env.DEPLOY_LEASE_MS;
const LEASE_MS = getEnv().DEPLOY_LEASE_MS;

it("unlocks the app within a minute when the cycle's process is killed, with the production lease", async () => {
  expect(LEASE_MS).toBe(45_000);
  const user = await signUp();
  let app = await chatTurn(user, "a todo app");
  const first = await syncApp(app.id);
  expect(first.status).toBe("ready");
  app = await chatTurn(user, "make it dark", app.id);

  const worker = fork(await bundleWorker("tests/postgres/stuck-cycle-worker.ts"), { env: process.env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise((resolve) => worker.once("message", resolve));
  worker.send({ appId: app.id });
  await expect.poll(() => getInFlightDeploymentByAppId({ appId: app.id }), { timeout: 10_000 }).not.toBeNull();
  // Alive for longer than a third of the lease: the heartbeat has renewed it.
  await new Promise((resolve) => setTimeout(resolve, LEASE_MS / 3 + 2_000));
  worker.kill("SIGKILL");
  await new Promise((resolve) => worker.once("exit", resolve));
  const killed = Date.now();

  // Still leased: a new cycle is refused, and the last preview is served.
  await expect(syncApp(app.id)).rejects.toBeInstanceOf(AppError);
  expect((await fetchPreview(first.previewUrl!)).status).toBe(200);

  // This process, a second server on the same database, asks as a builder's
  // browser would: the status every second, and a new cycle as soon as the
  // app is free.
  let updatingSince: number | null = null;
  let longestUpdating = 0;
  let status: Awaited<ReturnType<typeof getPreviewStatus>>;
  for (;;) {
    status = await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: true });
    if (status.state === "updating") {
      updatingSince ??= Date.now();
      longestUpdating = Math.max(longestUpdating, Date.now() - updatingSince);
    } else break;
    expect(Date.now() - killed).toBeLessThan(60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  expect(longestUpdating).toBeLessThan(60_000);
  expect(status).toMatchObject({ state: "failed", message: deployMessages.interrupted, previewUrl: first.previewUrl, canPublish: true });
  expect(status.adminDetail).toMatch(/interrupted/);
  expect((await getPreviewDeploymentsByAppId({ appId: app.id, versions: 1 })).latest?.status).toBe("failed");

  const next = await syncApp(app.id);
  expect(next.status).toBe("ready");
  expect(Date.now() - killed).toBeLessThan(60_000);
}, 120_000);

it("frees the app at once when the cycle's server is stopped (SIGTERM), long before its lease would run out", async () => {
  const user = await signUp();
  let app = await chatTurn(user, "a todo app");
  const first = await syncApp(app.id);
  expect(first.status).toBe("ready");
  app = await chatTurn(user, "make it dark", app.id);

  const worker = fork(await bundleWorker("tests/postgres/stuck-cycle-worker.ts"), {
    env: { ...process.env, DEPLOY_LEASE_MS: "600000" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise((resolve) => worker.once("message", resolve));
  worker.send({ appId: app.id });
  await expect.poll(() => getInFlightDeploymentByAppId({ appId: app.id }), { timeout: 10_000 }).not.toBeNull();
  const stopped = Date.now();
  worker.kill("SIGTERM");
  const code = await new Promise((resolve) => worker.once("exit", (exitCode) => resolve(exitCode)));
  expect(code).toBe(143);

  expect(await getInFlightDeploymentByAppId({ appId: app.id })).toBeNull();
  const status = await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: true });
  expect(status).toMatchObject({ state: "failed", message: deployMessages.interrupted, previewUrl: first.previewUrl });
  expect(status.adminDetail).toMatch(/interrupted: the server stopped \(SIGTERM\)/);
  expect(Date.now() - stopped).toBeLessThan(10_000);

  const next = await syncApp(app.id);
  expect(next.status).toBe("ready");
}, 60_000);
