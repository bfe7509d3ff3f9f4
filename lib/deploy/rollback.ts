import "server-only";

import { getLatestReadyDeploymentByAppId, getReadyStagingDeploymentById } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import type { StartedBy } from "./lock";
import { deployMessages } from "./messages";
import { liveCycle, type PublishResult } from "./publish-production";
import { runCycle } from "./run-cycle";

// Puts one earlier working preview live again: its exact files become a new
// commit on the production branch (history kept), then the production build
// is followed like Publish's. A failure leaves the live app as it was.
export async function rollbackToVersion(
  services: Integrations,
  { app, versionId, startedBy }: { app: App; versionId: string; startedBy: StartedBy },
): Promise<PublishResult> {
  const version = await getReadyStagingDeploymentById({ appId: app.id, id: versionId });
  const versionSha = version?.commitSha;
  if (!versionSha) throw new AppError("not_found", deployMessages.rollbackUnknownVersion);

  const steps = liveCycle(
    async ({ services, repo }) => {
      const restored = await services.git.restore(repo, versionSha);
      return { sha: restored.sha, pushed: restored.method === "restored" };
    },
    // "again" only for an app that has been live before.
    { ready: (current) => (current.productionUrl ? deployMessages.rolledBack : deployMessages.published), failed: deployMessages.rollbackFailed },
  );
  const outcome = await runCycle(services, { app, startedBy, sourceDeploymentId: versionId }, {
    ...steps,
    // The live app already serves these files: nothing to build or wait for.
    async reuse({ app }, landed) {
      const live = await getLatestReadyDeploymentByAppId({ appId: app.id, environment: "production" });
      if (live?.commitSha !== landed.sha || !live.deploymentUrl || !app.productionUrl) return null;
      return {
        deploymentUrl: live.deploymentUrl,
        previewUrl: null,
        providerDeploymentId: live.providerDeploymentId,
        appUrl: app.productionUrl,
        message: deployMessages.rollbackAlreadyLive,
      };
    },
  });
  return { status: outcome.status, productionUrl: outcome.url, message: outcome.message };
}
