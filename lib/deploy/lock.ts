import "server-only";

import type { DeploymentRecord } from "@/lib/db/schema";
import { expireStaleDeploymentsByAppId, getInFlightDeploymentByAppId, isDeploymentInProgressError, startDeployment } from "@/lib/db/queries";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { deployMessages } from "./messages";

// "server": the preview the server started itself after a reply the browser never asked to preview.
export type StartedBy = { kind: "user" | "admin" | "server"; userId: string | null };

// Takes the app's one cycle slot (the database row is the lock) or answers
// with the plain "still updating" conflict.
export async function takeCycleLock(
  { appId, chatId }: { appId: string; chatId: string | null },
  environment: DeploymentRecord["environment"],
  startedBy: StartedBy,
  // Production: the working preview the attempt puts live.
  sourceDeploymentId?: string,
): Promise<DeploymentRecord> {
  try {
    return await startDeployment({
      appId,
      environment,
      chatId,
      startedBy: startedBy.kind,
      startedByUserId: startedBy.userId,
      leaseMs: getEnv().DEPLOY_LEASE_MS,
      sourceDeploymentId,
    });
  } catch (error) {
    if (isDeploymentInProgressError(error)) {
      throw new AppError("conflict", deployMessages.inProgress, { cause: error });
    }
    throw error;
  }
}

// New messages wait for the running cycle: a reply landing mid-cycle would
// change the code underneath the preview being built.
export async function assertNoCycleRunning(appId: string): Promise<void> {
  // Whether a lease has run out is decided in one place: the query that
  // closes expired cycles. What is still deploying after it is alive.
  await expireStaleDeploymentsByAppId({ appId });
  const running = await getInFlightDeploymentByAppId({ appId });
  if (running) {
    throw new AppError("conflict", running.environment === "production" ? deployMessages.publishInProgress : deployMessages.inProgress);
  }
}
