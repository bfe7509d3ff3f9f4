import "server-only";

import type { App, Deployment } from "@/lib/db/schema";
import {
  isDeploymentInProgressError,
  getAppById,
  getInFlightDeploymentByAppId,
  setAppPreviewProjectById,
  startDeployment,
  updateDeploymentProgress,
} from "@/lib/db/queries";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import type { RepoRef } from "@/lib/github/types";
import { deployMessages } from "./messages";
import { ensureVercelProject } from "./vercel-project";

// "server": the preview the server started itself after a reply the browser never asked to preview.
export type StartedBy = { kind: "user" | "admin" | "server"; userId: string | null };

// Takes the app's one cycle slot (the database row is the lock) or answers
// with the plain "still updating" conflict.
export async function beginCycle(
  app: App,
  environment: Deployment["environment"],
  startedBy: StartedBy,
): Promise<Deployment> {
  try {
    return await startDeployment({
      appId: app.id,
      environment,
      chatId: app.chatId,
      startedBy: startedBy.kind,
      startedByUserId: startedBy.userId,
      leaseMs: getEnv().DEPLOY_LEASE_MS,
    });
  } catch (error) {
    if (isDeploymentInProgressError(error)) {
      throw new AppError("conflict", deployMessages.inProgress, { cause: error });
    }
    throw error;
  }
}

export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`deployment ${id} was closed by another reader after its lease expired`);
    this.name = "LeaseLostError";
  }
}

// Records progress and renews the lease; a cycle whose row was meanwhile
// declared interrupted stops instead of writing over the verdict.
export type ProgressFields = {
  progress?: "saving" | "building";
  commitSha?: string;
  versionId?: string;
  providerDeploymentId?: string;
};

export function progressRecorder(deploymentId: string) {
  return async (fields: ProgressFields) => {
    const alive = await updateDeploymentProgress({ id: deploymentId, leaseMs: getEnv().DEPLOY_LEASE_MS, ...fields });
    if (!alive) throw new LeaseLostError(deploymentId);
  };
}

// The preview project, linked once and then read from the app row, so later
// cycles make no project calls at all.
export async function ensureProjectForApp(app: App, repo: RepoRef): Promise<{ projectId: string; projectName: string }> {
  const current = (await getAppById({ id: app.id })) ?? app;
  if (current.vercelProjectId && current.vercelProjectName) {
    return { projectId: current.vercelProjectId, projectName: current.vercelProjectName };
  }
  const project = await ensureVercelProject({ repoOwner: repo.owner, repoName: repo.name });
  await setAppPreviewProjectById({ id: app.id, project });
  return project;
}

export function describeError(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.detail ?? error.message}`;
  if (error instanceof Error) {
    const service = (error as { service?: string }).service;
    return `${service ? `${service} ` : ""}${error.name}: ${error.message}`;
  }
  return String(error);
}

// New messages wait for the running cycle: a reply landing mid-cycle would
// change the code underneath the preview being built.
export async function assertNoCycleRunning(appId: string): Promise<void> {
  const running = await getInFlightDeploymentByAppId({ appId });
  if (running && (!running.leaseExpiresAt || running.leaseExpiresAt > new Date())) {
    throw new AppError("conflict", running.environment === "production" ? deployMessages.publishInProgress : deployMessages.inProgress);
  }
}

// What a cycle records while it follows a deployment: the provider's id as
// soon as it is known, then a lease renewal only every quarter lease. Polls
// can come every few milliseconds; the database hears only what changed.
export function deploymentWatcher(record: ReturnType<typeof progressRecorder>) {
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
