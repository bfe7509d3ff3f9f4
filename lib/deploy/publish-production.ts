import "server-only";

import { getAppById, getLatestReadyDeploymentByAppId, markDeploymentFailed, markDeploymentReady, setAppEnvironmentUrlById } from "@/lib/db/queries";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isMergeConflictError } from "@/lib/github/errors";
import { PRODUCTION_BRANCH } from "@/lib/github/types";
import { getGitHost, getPreviewHost } from "@/lib/integrations";
import type { Deployment } from "@/lib/db/schema";
import { beginCycle, deploymentWatcher, describeError, ensureProjectForApp, LeaseLostError, progressRecorder, type StartedBy } from "./cycle";
import { assertDeploymentReady, isBlockedByHostingAccount } from "./deployment-failure";
import { ensureAppRepo } from "./ensure-app-repo";
import { deployMessages } from "./messages";
import { waitForDeployment } from "./wait-for-deployment";

export type PublishResult = { status: "ready" | "failed"; productionUrl: string | null; message: string };

// Puts live exactly the commit the builder last saw as a working preview (not
// whatever staging holds now), then follows the production build to its
// domain. A conflict or failure leaves production as it was.
export async function publishToProduction({ appId, startedBy }: { appId: string; startedBy: StartedBy }): Promise<PublishResult> {
  const app = await getAppById({ id: appId });
  if (!app) throw new AppError("not_found", "We couldn't find that app.");
  const source = await getLatestReadyDeploymentByAppId({ appId, environment: "staging" });
  if (!source?.commitSha) throw new AppError("bad_request", deployMessages.publishNeedsPreview);

  const row = await beginCycle(app, "production", startedBy);
  const progress = progressRecorder(row.id);
  const env = getEnv();
  let live: Deployment | null = null;
  let commitSha: string | undefined;

  // Everything after taking the lock is inside the try: any failure closes the row.
  try {
    live = await getLatestReadyDeploymentByAppId({ appId, environment: "production" });
    const repo = await ensureAppRepo(app);
    const project = await ensureProjectForApp(app, repo);
    const promoted = await getGitHost().promote(repo, source.commitSha);
    commitSha = promoted.sha;
    await progress({ commitSha, progress: "building" });
    const host = getPreviewHost();
    const deployment = await waitForDeployment({
      host,
      project,
      repo,
      branch: PRODUCTION_BRANCH,
      sha: commitSha,
      target: "production",
      timeoutMs: env.DEPLOY_TIMEOUT_MS,
      // Nothing was pushed when the version is already live: deploy it directly.
      graceMs: promoted.method === "unchanged" ? 0 : env.DEPLOY_GRACE_MS,
      rebuildFailed: promoted.method === "unchanged",
      onProgress: deploymentWatcher(progress),
    });
    assertDeploymentReady(deployment);
    const productionUrl = (await host.getProductionUrl(project.projectId)) ?? deployment.url;
    const closed = await markDeploymentReady({
      id: row.id,
      deploymentUrl: deployment.url,
      previewUrl: productionUrl,
      commitSha,
      providerDeploymentId: deployment.id,
      message: deployMessages.published,
    });
    if (!closed) throw new LeaseLostError(row.id);
    await setAppEnvironmentUrlById({ id: appId, environment: "production", url: productionUrl });
    return { status: "ready", productionUrl, message: deployMessages.published };
  } catch (error) {
    const message = isMergeConflictError(error)
      ? deployMessages.publishConflict
      : isBlockedByHostingAccount(error)
        ? deployMessages.hostingBlocked
        : deployMessages.publishFailed;
    console.error(`[deploy] publish ${row.id} for app ${appId} failed: ${describeError(error)}`);
    await markDeploymentFailed({ id: row.id, message, error: describeError(error), commitSha });
    return { status: "failed", productionUrl: live?.previewUrl ?? null, message };
  }
}
