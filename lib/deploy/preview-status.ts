import "server-only";

import { expireStaleDeploymentsByAppId, getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import type { App, DeploymentRecord } from "@/lib/db/schema";
import { describeLeftOut } from "@/lib/files/left-out";
import { missingSettings } from "@/lib/settings/environment";
import type { PreviewHost } from "@/lib/vercel/types";
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

// `host`: the preview host, whose notice for admins (no sandbox for
// generated code) comes first in their detail.
export async function getPreviewStatus({ app, isAdmin, host }: { app: App; isAdmin: boolean; host?: Pick<PreviewHost, "adminNotice"> }): Promise<PreviewStatus> {
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
    message: latest ? messageOf(latest) : null,
    startedAt: latest?.startedAt.toISOString() ?? null,
    finishedAt: latest?.finishedAt?.toISOString() ?? null,
    previewUrl: versions[0]?.previewUrl ?? null,
    canPublish: versions.length > 0 && !inFlight,
    canFix: isCodeFailure(latest),
    needsSettings: latest?.status === "failed" && latest.failureReason === "settings" ? await missingSettings(app.id) : [],
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
    const details = [host?.adminNotice?.() ?? null, latest?.status === "failed" ? latest.error : null, describeLeftOut(latest?.leftOutFiles)].filter(Boolean);
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

function messageOf(latest: DeploymentRecord): string | null {
  if (latest.status === "deploying") return latest.environment === "production" ? deployMessages.publishing : deployMessages.updating;
  return latest.message ?? interruptedMessage(latest);
}

// A cycle closed by a reader after its lease ran out (its server died)
// recorded no message: it reads as one closed by a server that stopped,
// interrupted, and trying again is what helps.
function interruptedMessage(latest: DeploymentRecord): string | null {
  if (latest.status !== "failed") return null;
  return latest.environment === "production" ? deployMessages.publishInterrupted : deployMessages.interrupted;
}
