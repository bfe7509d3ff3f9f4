import "server-only";

import { markDeploymentFailed, updateDeploymentProgress } from "@/lib/db/queries";
import type { DeploymentRecord } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { onShutdown } from "@/lib/shutdown";
import { deployMessages } from "./messages";

export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`deployment ${id} was closed by another reader after its lease expired`);
    this.name = "LeaseLostError";
  }
}

export type ProgressFields = Omit<Parameters<typeof updateDeploymentProgress>[0], "id" | "leaseMs">;

export type ProgressRecorder = (fields: ProgressFields) => Promise<void>;

// Records progress and renews the lease; a cycle whose row was meanwhile
// declared interrupted stops instead of writing over the verdict.
export function progressRecorder(deploymentId: string): ProgressRecorder {
  return async (fields) => {
    const alive = await updateDeploymentProgress({ id: deploymentId, leaseMs: getEnv().DEPLOY_LEASE_MS, ...fields });
    if (!alive) throw new LeaseLostError(deploymentId);
  };
}

// What a cycle records while it follows a deployment: the provider's id as
// soon as it is known. Polls can come every few milliseconds; the database
// hears only what changed (the heartbeat keeps the lease).
export function deploymentWatcher(record: ProgressRecorder) {
  let knownId: string | undefined;
  return async (deployment: { id: string }) => {
    if (deployment.id === knownId) return;
    knownId = deployment.id;
    await record({ providerDeploymentId: deployment.id });
  };
}

const globalForCycles = globalThis as unknown as { __liveCycles?: Map<string, DeploymentRecord["environment"]> };

function liveCycles(): Map<string, DeploymentRecord["environment"]> {
  if (!globalForCycles.__liveCycles) {
    const cycles = new Map<string, DeploymentRecord["environment"]>();
    globalForCycles.__liveCycles = cycles;
    onShutdown((signal) => closeLiveCycles(cycles, signal));
  }
  return globalForCycles.__liveCycles;
}

// While a cycle runs, its server renews the lease every third of it, so the
// lease can be short: a server that dies (a crash, SIGKILL) stops renewing,
// and its app is free again within DEPLOY_LEASE_MS, on any instance. Stop it
// when the cycle ends.
export function holdLease(row: Pick<DeploymentRecord, "id" | "environment">): () => void {
  const leaseMs = getEnv().DEPLOY_LEASE_MS;
  liveCycles().set(row.id, row.environment);
  const timer = setInterval(() => {
    updateDeploymentProgress({ id: row.id, leaseMs }).catch((error) => console.error(`[deploy] lease of ${row.id} not renewed`, error));
  }, Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref();
  return () => {
    clearInterval(timer);
    liveCycles().delete(row.id);
  };
}

// A server asked to stop closes its running cycles at once rather than
// leaving them to expire: the builder can try again right away. A
// deployment still building is picked up by the next cycle of the same
// commit (it follows the deployment of that commit instead of starting one).
async function closeLiveCycles(cycles: Map<string, DeploymentRecord["environment"]>, signal: NodeJS.Signals): Promise<void> {
  await Promise.allSettled(
    [...cycles].map(([id, environment]) =>
      markDeploymentFailed({
        id,
        message: environment === "production" ? deployMessages.publishInterrupted : deployMessages.interrupted,
        error: `interrupted: the server stopped (${signal}) while the cycle ran`,
        failureReason: "unavailable",
      }),
    ),
  );
  cycles.clear();
}
