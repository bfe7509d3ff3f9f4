import "server-only";

import { updateDeploymentProgress } from "@/lib/db/queries";
import { getEnv } from "@/lib/env";

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
// soon as it is known, then a lease renewal only every quarter lease. Polls
// can come every few milliseconds; the database hears only what changed.
export function deploymentWatcher(record: ProgressRecorder) {
  let knownId: string | undefined;
  let renewedAt = Date.now();
  return async (deployment: { id: string }) => {
    const renewDue = Date.now() - renewedAt > getEnv().DEPLOY_LEASE_MS / 4;
    if (deployment.id === knownId && !renewDue) return;
    knownId = deployment.id;
    renewedAt = Date.now();
    await record({ providerDeploymentId: deployment.id });
  };
}
