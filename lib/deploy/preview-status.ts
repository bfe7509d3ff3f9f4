import "server-only";

import { expireStaleDeploymentsByAppId, getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import type { App, DeploymentRecord } from "@/lib/db/schema";
import { describeLeftOut } from "@/lib/files/left-out";
import { deployMessages } from "./messages";

const VERSIONS_SHOWN = 10;

// What the preview panel shows. Field names and values stay free of branch,
// commit and provider words: this goes to the browser as it is.
export type PreviewStatus = {
  state: "idle" | "updating" | "publishing" | "ready" | "failed";
  step: "saving" | "building" | null;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  previewUrl: string | null;
  canPublish: boolean;
  // The last update failed because of the app's code: "Fix it" may help.
  canFix: boolean;
  // The last update failed because these settings (their names) have no
  // value: the builder is sent to Settings instead of being offered "Fix it".
  needsSettings?: string[];
  liveUrl: string | null;
  // Newest first. `live`: what the live app serves; `current`: the Current preview.
  versions: { id: string; url: string; readyAt: string; live: boolean; current: boolean }[];
  // Only for admins: the stored internal error of the last failed attempt,
  // and the files the last attempt left out of its commit.
  adminDetail?: string | null;
};

export async function getPreviewStatus({ app, isAdmin }: { app: App; isAdmin: boolean }): Promise<PreviewStatus> {
  let rows = await getPreviewDeploymentsByAppId({ appId: app.id, versions: VERSIONS_SHOWN });
  // A reader that finds a cycle running asks the one rule on leases
  // (expireStaleDeploymentsByAppId) whether it is dead, which closes it as
  // interrupted.
  if (rows.latest?.status === "deploying" && (await expireStaleDeploymentsByAppId({ appId: app.id })) > 0) {
    rows = await getPreviewDeploymentsByAppId({ appId: app.id, versions: VERSIONS_SHOWN });
  }
  const { latest, versions, live } = rows;
  const inFlight = latest?.status === "deploying";

  const status: PreviewStatus = {
    state: stateOf(latest),
    step: inFlight ? (latest!.progress ?? "saving") : null,
    message: latest ? messageOf(latest, versions.length > 0) : null,
    startedAt: latest?.startedAt.toISOString() ?? null,
    finishedAt: latest?.finishedAt?.toISOString() ?? null,
    previewUrl: versions[0]?.previewUrl ?? null,
    canPublish: versions.length > 0 && !inFlight,
    canFix: isCodeFailure(latest),
    liveUrl: app.productionUrl,
    versions: versions.map((v, index) => ({
      id: v.id,
      url: v.deploymentUrl ?? v.previewUrl!,
      readyAt: v.finishedAt!.toISOString(),
      live: v.id === live?.sourceDeploymentId,
      current: index === 0,
    })),
  };
  if (isAdmin) {
    const details = [latest?.status === "failed" ? latest.error : null, describeLeftOut(latest?.leftOutFiles)].filter(Boolean);
    status.adminDetail = details.length > 0 ? details.join("\n\n") : null;
  }
  return status;
}

// A preview update whose build failed on the app's own code.
export function isCodeFailure(latest: DeploymentRecord | null): boolean {
  return latest?.status === "failed" && latest.environment === "staging" && latest.failureReason === "code";
}

function stateOf(latest: DeploymentRecord | null): PreviewStatus["state"] {
  if (!latest) return "idle";
  if (latest.status === "deploying") return latest.environment === "production" ? "publishing" : "updating";
  return latest.status;
}

function messageOf(latest: DeploymentRecord, hasVersions: boolean): string | null {
  if (latest.status === "deploying") return latest.environment === "production" ? deployMessages.publishing : deployMessages.updating;
  return latest.message ?? interruptedMessage(latest, hasVersions);
}

// A cycle closed by a reader after its lease ran out recorded no message:
// it reads as that cycle's own failure would have (a publish, an update with
// a working version to fall back on, or a first build).
function interruptedMessage(latest: DeploymentRecord, hasVersions: boolean): string | null {
  if (latest.status !== "failed") return null;
  if (latest.environment === "production") return deployMessages.publishFailed;
  return hasVersions ? deployMessages.failedWithPrevious : deployMessages.failedFirst;
}
