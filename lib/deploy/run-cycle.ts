import "server-only";

import { getAppById, markDeploymentFailed, markDeploymentReady } from "@/lib/db/queries";
import type { App, DeploymentRecord } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type RepoRef, STAGING_BRANCH } from "@/lib/github/types";
import type { Integrations } from "@/lib/integrations";
import { appEnvironment, settingsBlamedFor } from "@/lib/settings/environment";
import type { Deployment } from "@/lib/vercel/types";
import { type AppProject, ensureAppProject } from "./ensure-app-project";
import { ensureAppRepo } from "./ensure-app-repo";
import { buildErrorCause, redactSecrets } from "@/lib/fix-it/build-error";
import { DeploymentFailedError, describeError, type FailureReason, failureReason, isDeploymentFailedError } from "./failure";
import { deploymentWatcher, holdLease, LeaseLostError, type ProgressRecorder, progressRecorder } from "./lease";
import { type StartedBy, takeCycleLock } from "./lock";
import { waitForDeployment } from "./wait-for-deployment";

export type CycleContext = {
  services: Integrations;
  // Read once, after taking the lock: nothing else changes it meanwhile.
  app: App;
  repo: RepoRef;
  project: AppProject;
  // Records fields on this attempt's row (and renews its lease).
  progress: ProgressRecorder;
};

// The commit a cycle put on its branch.
export type Landed = {
  sha: string;
  // False when the branch already held this code: nothing was pushed, so no
  // deployment starts by itself, and a failed build of it is built again.
  pushed: boolean;
};

// What a ready attempt records.
export type ReadyRecord = {
  deploymentUrl: string;
  // Staging only: the branch's stable preview address.
  previewUrl: string | null;
  providerDeploymentId: string | null;
  // The app's stable address for this environment after this cycle.
  appUrl: string;
  message: string;
};

// What differs between cycles (preview update, publish, rollback); the order,
// the lock, progress, waiting and closing the row are runCycle's.
export type CycleSteps = {
  environment: DeploymentRecord["environment"];
  // The branch the deployment is built from.
  branch: string;
  // Puts the code on the branch and returns the commit to build.
  land(ctx: CycleContext): Promise<Landed>;
  // An earlier ready attempt standing for this unchanged commit, if any.
  reuse?(ctx: CycleContext, landed: Landed): Promise<ReadyRecord | null>;
  // What to record once the deployment of the commit is ready.
  ready(ctx: CycleContext, deployment: Deployment): Promise<ReadyRecord>;
  // The builder's message for a failure; `app` tells what they keep, and
  // `missingSettings` names what a "settings" failure lacks.
  failureMessage(reason: FailureReason, app: App, missingSettings: string[]): string;
  // Build the commit afresh even if it was built before (the settings
  // changed): a new deployment is created straight away.
  freshDeployment?: boolean;
};

export type CycleOutcome = {
  status: "ready" | "failed";
  // The app's address for the environment: the new one, or the one kept.
  url: string | null;
  message: string;
};

// begin (take the lock, read the app) → land the commit → follow its
// deployment → ready, or failed with the previous address kept. Every path
// after the lock closes the row.
export async function runCycle(
  services: Integrations,
  { app, startedBy, sourceDeploymentId }: { app: App; startedBy: StartedBy; sourceDeploymentId?: string },
  steps: CycleSteps,
): Promise<CycleOutcome> {
  const row = await takeCycleLock({ appId: app.id, chatId: app.chatId }, steps.environment, startedBy, sourceDeploymentId);
  const progress = progressRecorder(row.id);
  const releaseLease = holdLease(row);
  let current = app;
  let commitSha: string | undefined;

  try {
    const read = await getAppById({ id: app.id });
    if (!read) throw new AppError("not_found", "We couldn't find that app.");
    current = read;
    const repo = await ensureAppRepo(current, services.git);
    // Linked before the push, so the push itself starts the deployment.
    const project = await ensureAppProject(current, repo, services.previews);
    // Every cycle hands the host the app's settings as they are now, before
    // anything is built: the deployment it starts (or Publish) builds with them.
    await services.previews.setEnvironment(project.projectId, await appEnvironment(current.id), { previewBranch: STAGING_BRANCH });
    const ctx: CycleContext = { services, app: current, repo, project, progress };

    const landed = await steps.land(ctx);
    commitSha = landed.sha;
    await progress({ commitSha, progress: "building" });
    const reused = landed.pushed ? null : ((await steps.reuse?.(ctx, landed)) ?? null);
    const record = reused ?? (await steps.ready(ctx, await follow(ctx, steps, landed)));

    if (!(await markDeploymentReady({ id: row.id, commitSha, ...record }))) throw new LeaseLostError(row.id);
    return { status: "ready", url: record.appUrl, message: record.message };
  } catch (error) {
    const { reason, missing, detail } = await explainFailure(services, error, current.id);
    const message = steps.failureMessage(reason, current, missing);
    console.error(`[deploy] ${steps.environment} cycle ${row.id} for app ${app.id} failed: ${detail}`);
    await markDeploymentFailed({ id: row.id, message, error: detail, failureReason: reason, commitSha });
    return { status: "failed", url: steps.environment === "staging" ? current.stagingUrl : current.productionUrl, message };
  } finally {
    releaseLease();
  }
}

// Why the cycle failed, for the builder and for admins. A failed build's
// stored error gets the cause its log printed before the closing summary
// (Vercel's own summary is only "Command … exited with 1"). A build that
// failed on code while settings it needs have no value failed for want of
// them: the builder is asked for those, not for a fix. The app's setting
// values are cut out of anything stored or logged.
async function explainFailure(services: Integrations, error: unknown, appId: string): Promise<{ reason: FailureReason; missing: string[]; detail: string }> {
  let reason = failureReason(error);
  let detail = describeError(error);
  let missing: string[] = [];
  try {
    const values = (await appEnvironment(appId)).map((v) => v.value);
    if (isDeploymentFailedError(error) && (reason === "code" || reason === "other")) {
      const output = services.previews.buildOutput ? await services.previews.buildOutput(error.deploymentId).catch(() => []) : [];
      const causes = buildErrorCause(output).filter((line) => !detail.includes(line));
      if (causes.length > 0) detail = `${detail}\n${causes.join("\n")}`;
    }
    detail = redactSecrets(detail, values);
    if (reason === "code") {
      missing = await settingsBlamedFor(appId, detail);
      if (missing.length > 0) reason = "settings";
    }
  } catch (lookup) {
    console.error(`[deploy] the failure of app ${appId}'s cycle could not be explained further: ${describeError(lookup)}`);
  }
  return { reason, missing, detail };
}

async function follow(ctx: CycleContext, steps: CycleSteps, landed: Landed): Promise<Deployment> {
  const env = getEnv();
  const deployment = await waitForDeployment({
    host: ctx.services.previews,
    project: ctx.project,
    repo: ctx.repo,
    branch: steps.branch,
    sha: landed.sha,
    target: steps.environment === "production" ? "production" : "preview",
    timeoutMs: env.DEPLOY_TIMEOUT_MS,
    graceMs: landed.pushed ? env.DEPLOY_GRACE_MS : 0,
    rebuildFailed: !landed.pushed,
    createNew: steps.freshDeployment,
    onProgress: deploymentWatcher(ctx.progress),
  });
  if (deployment.state !== "READY") throw new DeploymentFailedError(deployment);
  return deployment;
}
