import "server-only";

import { IntegrationError } from "@/lib/errors";
import type { RepoRef } from "@/lib/github/types";
import { type Deployment, type PreviewHost, TERMINAL_STATES } from "@/lib/vercel/types";

export type WaitOptions = {
  host: PreviewHost;
  project: { projectId: string; projectName: string };
  repo: RepoRef;
  branch: string;
  sha: string;
  target: "production" | "preview";
  timeoutMs: number;
  // No deployment for the commit after this long → create one ourselves.
  graceMs: number;
  // Trying the same commit again: a build of it that already failed is not
  // this attempt's answer, so build it afresh.
  rebuildFailed?: boolean;
  // Build this commit again whatever exists for it: create the deployment at once.
  createNew?: boolean;
  onProgress: (deployment: Deployment) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

// Vercel's own client polls every 1 s for 15 s, then every 5 s to a minute,
// 15 s to five minutes, then 30 s. Hosts may poll faster (the local one does).
export function vercelPollDelay(elapsedMs: number): number {
  if (elapsedMs < 15_000) return 1_000;
  if (elapsedMs < 60_000) return 5_000;
  if (elapsedMs < 5 * 60_000) return 15_000;
  return 30_000;
}

// Finds the deployment built from exactly this commit (creating it if the Git
// integration never does) and follows it to a final state. Production counts
// as done only once its domains point at it; domains that could not be moved
// fail it, and domains still not moved by the timeout time it out.
export async function waitForDeployment(options: WaitOptions): Promise<Deployment> {
  const { host, project, repo, branch, sha, target } = options;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const pollDelay = host.pollDelayMs?.bind(host) ?? vercelPollDelay;
  const started = now();

  let deployment: Deployment | null = options.createNew ? await host.createDeployment({ ...project, repo, branch, sha, target }) : null;
  for (;;) {
    const elapsed = now() - started;
    if (deployment) {
      deployment = await host.getDeployment(deployment.id);
    } else {
      deployment = await host.findDeploymentForCommit({ projectId: project.projectId, sha, branch });
      if (deployment && options.rebuildFailed && isFailed(deployment)) deployment = null;
      if (!deployment && elapsed >= options.graceMs) {
        deployment = await host.createDeployment({ ...project, repo, branch, sha, target });
      }
    }
    if (deployment) {
      await options.onProgress(deployment);
      if (isDone(deployment)) return deployment;
      if (aliasFailed(deployment)) {
        throw new IntegrationError(
          "vercel",
          "unavailable",
          `production deployment ${deployment.id} for ${sha} is ready but its domains were not moved: ${deployment.aliasError}`,
        );
      }
    }
    if (elapsed >= options.timeoutMs) {
      throw new IntegrationError(
        "vercel",
        "unavailable",
        `deployment for ${sha} on ${branch} not finished after ${Math.round(elapsed / 1000)} s (state ${deployment?.state ?? "none"})`,
      );
    }
    await sleep(pollDelay(elapsed));
  }
}

function isDone(deployment: Deployment): boolean {
  if (!TERMINAL_STATES.includes(deployment.state)) return false;
  // A production build is ready before its domains move; wait for the move.
  if (deployment.state === "READY" && deployment.target === "production") return deployment.aliasAssigned === true;
  return true;
}

function aliasFailed(deployment: Deployment): boolean {
  return deployment.state === "READY" && deployment.target === "production" && deployment.aliasError !== undefined;
}

function isFailed(deployment: Deployment): boolean {
  return TERMINAL_STATES.includes(deployment.state) && deployment.state !== "READY";
}
