import "server-only";

import {
  getAppById,
  getLatestReadyDeploymentByAppId,
  getReadyStagingDeploymentByCommit,
  markDeploymentFailed,
  markDeploymentReady,
  setAppEnvironmentUrlById,
} from "@/lib/db/queries";
import type { Deployment } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { STAGING_BRANCH } from "@/lib/github/types";
import { getChatService, getGitHost, getPreviewHost } from "@/lib/integrations";
import type { ChatVersion } from "@/lib/v0/types";
import { beginCycle, deploymentWatcher, describeError, ensureProjectForApp, LeaseLostError, progressRecorder, type StartedBy } from "./cycle";
import { assertDeploymentReady, isBlockedByHostingAccount } from "./deployment-failure";
import { ensureAppRepo } from "./ensure-app-repo";
import { deployMessages } from "./messages";
import { extractFiles, injectInvariants } from "./post-process";
import { waitForDeployment } from "./wait-for-deployment";

export type CycleResult = { status: "ready" | "failed"; previewUrl: string | null; message: string };

// A reply can finish streaming a moment before its version is marked done.
const VERSION_WAITS_MS = [250, 500, 1000, 2000, 4000];

// phase-3-deploy-orchestrator-01: the only path that changes the Current
// preview. The chat's latest code → one commit on staging → the deployment
// built from exactly that commit → ready with its URL, or failed with the
// previous preview left in place. One cycle per app (see beginCycle).
export async function syncStagingFromChat({
  appId,
  chatId,
  startedBy = { kind: "user", userId: null },
}: {
  appId: string;
  chatId: string;
  startedBy?: StartedBy;
}): Promise<CycleResult> {
  const app = await getAppById({ id: appId });
  if (!app || app.chatId !== chatId) throw new AppError("not_found", "We couldn't find that app.");
  const row = await beginCycle(app, "staging", startedBy);
  const progress = progressRecorder(row.id);
  const env = getEnv();
  let previous: Deployment | null = null;
  let commitSha: string | undefined;

  // Everything after taking the lock is inside the try: any failure closes the row.
  try {
    previous = await getLatestReadyDeploymentByAppId({ appId, environment: "staging" });
    const version = await latestCompletedVersion(chatId);
    await progress({ versionId: version.id });
    const files = injectInvariants(extractFiles(version.files));
    const repo = await ensureAppRepo(app);
    // Linked before the push, so the push itself starts the deployment.
    const project = await ensureProjectForApp(app, repo);
    const commit = await getGitHost().commitFiles(repo, STAGING_BRANCH, files, `Update from chat (${version.id})`);
    commitSha = commit.sha;
    await progress({ commitSha, progress: "building" });

    // Same code as an already-previewed commit: that preview is this one.
    const reused = commit.changed ? null : await getReadyStagingDeploymentByCommit({ appId, commitSha });
    if (reused?.previewUrl && reused.deploymentUrl) {
      return await succeed(row, {
        deploymentUrl: reused.deploymentUrl,
        previewUrl: reused.previewUrl,
        commitSha,
        providerDeploymentId: reused.providerDeploymentId,
        message: deployMessages.unchanged,
      });
    }

    const deployment = await waitForDeployment({
      host: getPreviewHost(),
      project,
      repo,
      branch: STAGING_BRANCH,
      sha: commitSha,
      target: "preview",
      timeoutMs: env.DEPLOY_TIMEOUT_MS,
      // No push happened for unchanged code, so no deployment will appear by
      // itself; and if this code failed to build before, it is built again.
      graceMs: commit.changed ? env.DEPLOY_GRACE_MS : 0,
      rebuildFailed: !commit.changed,
      onProgress: deploymentWatcher(progress),
    });
    assertDeploymentReady(deployment);
    return await succeed(row, {
      deploymentUrl: deployment.url,
      previewUrl: deployment.branchUrl ?? deployment.url,
      commitSha,
      providerDeploymentId: deployment.id,
      message: deployMessages.ready,
    });
  } catch (error) {
    const message = failureMessage(error, previous !== null);
    console.error(`[deploy] staging cycle ${row.id} for app ${appId} failed: ${describeError(error)}`);
    await markDeploymentFailed({ id: row.id, message, error: describeError(error), commitSha });
    return { status: "failed", previewUrl: previous?.previewUrl ?? null, message };
  }
}

// phase-3-deploy-orchestrator-03: there is no AppSpec path in this codebase.
// The admin fallback re-runs the same sync on the app's current chat.
export async function triggerStagingDeploy({ appId, adminUserId }: { appId: string; adminUserId: string }): Promise<CycleResult> {
  const app = await getAppById({ id: appId });
  if (!app) throw new AppError("not_found", "We couldn't find that app.");
  if (!app.chatId) throw new AppError("bad_request", "This app has no conversation to build from yet.");
  return syncStagingFromChat({ appId, chatId: app.chatId, startedBy: { kind: "admin", userId: adminUserId } });
}

async function succeed(
  row: Deployment,
  fields: { deploymentUrl: string; previewUrl: string; commitSha: string; providerDeploymentId?: string | null; message: string },
): Promise<CycleResult> {
  if (!(await markDeploymentReady({ id: row.id, ...fields }))) throw new LeaseLostError(row.id);
  await setAppEnvironmentUrlById({ id: row.appId, environment: "staging", url: fields.previewUrl });
  return { status: "ready", previewUrl: fields.previewUrl, message: fields.message };
}

async function latestCompletedVersion(chatId: string): Promise<ChatVersion> {
  for (const wait of [...VERSION_WAITS_MS, null]) {
    const version = (await getChatService().getChat(chatId))?.latestVersion;
    if (version?.status === "completed") {
      if (version.files.length === 0) break;
      return version;
    }
    if (version?.status === "failed" || wait === null) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw new AppError("unprocessable_entity", deployMessages.noCode, { detail: `chat ${chatId} has no completed version with files` });
}

function failureMessage(error: unknown, hasPrevious: boolean): string {
  if (isAppError(error) && error.code === "unprocessable_entity") {
    return error.message === deployMessages.noCode ? deployMessages.noCode : deployMessages.unsafeFiles;
  }
  if (isBlockedByHostingAccount(error)) return deployMessages.hostingBlocked;
  return hasPrevious ? deployMessages.failedWithPrevious : deployMessages.failedFirst;
}
