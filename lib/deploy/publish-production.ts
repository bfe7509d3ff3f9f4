import "server-only";

import { getLatestReadyDeploymentByAppId } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { PRODUCTION_BRANCH } from "@/lib/github/types";
import type { Integrations } from "@/lib/integrations";
import type { FailureReason } from "./failure";
import type { StartedBy } from "./lock";
import { deployMessages, needsSettingsMessage } from "./messages";
import { type CycleSteps, runCycle } from "./run-cycle";

export type PublishResult = { status: "ready" | "failed"; productionUrl: string | null; message: string };

// Puts live exactly the commit the builder last saw as a working preview (not
// whatever staging holds now), then follows the production build to its
// domain. A conflict or failure leaves production as it was.
export async function publishToProduction(
  services: Integrations,
  { app, startedBy }: { app: App; startedBy: StartedBy },
): Promise<PublishResult> {
  const source = await getLatestReadyDeploymentByAppId({ appId: app.id, environment: "staging" });
  const sourceSha = source?.commitSha;
  if (!sourceSha) throw new AppError("bad_request", deployMessages.publishNeedsPreview);

  const outcome = await runCycle(
    services,
    { app, startedBy, sourceDeploymentId: source.id },
    liveCycle(async ({ services, repo }) => {
      const promoted = await services.git.promote(repo, sourceSha);
      return { sha: promoted.sha, pushed: promoted.method !== "unchanged" };
    }),
  );
  return { status: outcome.status, productionUrl: outcome.url, message: outcome.message };
}

// What the builder reads when a live cycle ends: ready (worded from the app
// as read after the lock), or failed for a reason without words of its own.
type LiveWords = { ready: (app: App) => string; failed: string };

const publishWords: LiveWords = { ready: () => deployMessages.published, failed: deployMessages.publishFailed };

// A cycle that changes what is live: `land` puts the code on the production
// branch, and the production build is followed until the domain serves it.
export function liveCycle(land: CycleSteps["land"], words: LiveWords = publishWords): CycleSteps {
  return {
    environment: "production",
    branch: PRODUCTION_BRANCH,
    land,
    async ready({ services, app, project }, deployment) {
      const productionUrl = (await services.previews.getProductionUrl(project.projectId)) ?? deployment.url;
      return { deploymentUrl: deployment.url, previewUrl: null, providerDeploymentId: deployment.id, appUrl: productionUrl, message: words.ready(app) };
    },
    failureMessage: (reason, _app, missing) => liveFailureMessage(reason, words, missing),
  };
}

function liveFailureMessage(reason: FailureReason, words: LiveWords, missingSettings: string[]): string {
  switch (reason) {
    case "settings":
      return needsSettingsMessage(missingSettings, "live");
    case "canceled":
      return deployMessages.publishCanceled;
    case "conflict":
      return deployMessages.publishConflict;
    case "blocked":
      return deployMessages.publishBlocked;
    case "unavailable":
      return deployMessages.publishUnavailable;
    default:
      return words.failed;
  }
}
