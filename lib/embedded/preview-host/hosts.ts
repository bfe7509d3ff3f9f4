import "server-only";

import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";
import { claimHostLabel, type HostClaim, readHostClaim, releaseHostLabel } from "./store";

// Every preview is served from a host name of its own under
// LOCAL_PREVIEW_HOSTNAME: with "localhost", names like
// dpl-abc.localhost resolve to loopback in browsers, yet each is an origin
// apart from the builder app (localhost:3000), so generated code can never
// read the builder's cookies or storage.
//
//   <deployment id, "_" → "-">.<hostname>:<port>   one immutable build
//   <project>-preview.<hostname>:<port>            latest ready build of the staging branch
//   <project>.<hostname>:<port>                    latest ready production build
//
// The staging host says "preview", not "staging": builders see this URL,
// and text they see never carries branch names.

const MAX_LABEL = 63; // DNS
const STAGING_SUFFIX = "-preview";
const DEPLOYMENT_LABEL = /^dpl-[a-z0-9]{1,40}$/;

export type HostTarget = { deploymentId: string } | HostClaim;

export function hostUrl(label: string, port: number): string {
  return `http://${label}.${getEnv().LOCAL_PREVIEW_HOSTNAME}:${port}`;
}

export function deploymentLabel(deploymentId: string): string {
  return deploymentId.replace("_", "-");
}

// What a request's Host header names: a deployment, a project's stable
// host, or nothing we know.
export function resolveHost(hostHeader: string | undefined): HostTarget | null {
  if (!hostHeader) return null;
  const name = hostHeader.toLowerCase().replace(/:\d+$/, "");
  const suffix = `.${getEnv().LOCAL_PREVIEW_HOSTNAME.toLowerCase()}`;
  if (!name.endsWith(suffix)) return null;
  const label = name.slice(0, -suffix.length);
  if (!/^[a-z0-9-]{1,63}$/.test(label)) return null;
  if (DEPLOYMENT_LABEL.test(label)) return { deploymentId: label.replace("-", "_") };
  return readHostClaim(label);
}

// Project names may hold characters a host label can't ('.', '_') or run
// past 63 characters, and "foo-preview" (a project) would collide with the
// staging host of "foo". Labels are therefore claimed on disk, first come
// first served, with a random suffix when the natural one is taken.
export function claimProjectLabels(projectId: string, name: string): { productionLabel: string; stagingLabel: string } {
  const base = toLabel(name, MAX_LABEL - STAGING_SUFFIX.length);
  for (let attempt = 0; attempt < 8; attempt++) {
    const stem = attempt === 0 ? base : `${base.slice(0, MAX_LABEL - STAGING_SUFFIX.length - 7).replace(/-+$/, "")}-${randomBytes(4).readUInt32BE(0).toString(36).slice(0, 6)}`;
    const labels = { productionLabel: stem, stagingLabel: `${stem}${STAGING_SUFFIX}` };
    if (!claimHostLabel(labels.productionLabel, { projectId, kind: "production" })) continue;
    if (claimHostLabel(labels.stagingLabel, { projectId, kind: "staging" })) return labels;
    releaseHostLabel(labels.productionLabel);
  }
  throw new Error(`no free host name for project ${name}`);
}

function toLabel(name: string, max: number): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
  // Deployment hosts own the "dpl-" prefix.
  if (!label || label.startsWith("dpl-")) return `app-${label}`.slice(0, max).replace(/-+$/, "");
  return label;
}
