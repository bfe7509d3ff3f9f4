import "server-only";

import { expireStaleDeploymentsByAppId, getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import type { Deployment } from "@/lib/db/schema";
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
  liveUrl: string | null;
  versions: { id: string; url: string; readyAt: string }[];
  // Only for admins: the stored internal error of the last failed attempt,
  // and the files the last attempt left out of its commit.
  adminDetail?: string | null;
};

export async function getPreviewStatus({ appId, isAdmin }: { appId: string; isAdmin: boolean }): Promise<PreviewStatus> {
  let rows = await getPreviewDeploymentsByAppId({ appId, versions: VERSIONS_SHOWN });
  // A reader that finds a dead cycle's lease expired closes it as interrupted.
  const stale = rows.latest;
  if (stale?.status === "deploying" && stale.leaseExpiresAt && stale.leaseExpiresAt < new Date()) {
    await expireStaleDeploymentsByAppId({ appId });
    rows = await getPreviewDeploymentsByAppId({ appId, versions: VERSIONS_SHOWN });
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
    liveUrl: live?.previewUrl ?? null,
    versions: versions.map((v) => ({ id: v.id, url: v.deploymentUrl ?? v.previewUrl!, readyAt: v.finishedAt!.toISOString() })),
  };
  if (isAdmin) {
    const details = [latest?.status === "failed" ? latest.error : null, describeLeftOut(latest?.leftOutFiles)].filter(Boolean);
    status.adminDetail = details.length > 0 ? details.join("\n\n") : null;
  }
  return status;
}

function stateOf(latest: Deployment | null): PreviewStatus["state"] {
  if (!latest) return "idle";
  if (latest.status === "deploying") return latest.environment === "production" ? "publishing" : "updating";
  return latest.status;
}

function messageOf(latest: Deployment): string | null {
  if (latest.status === "deploying") return latest.environment === "production" ? deployMessages.publishing : deployMessages.updating;
  return latest.message;
}
