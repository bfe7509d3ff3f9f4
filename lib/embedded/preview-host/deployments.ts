import "server-only";

import { rm } from "node:fs/promises";
import { localRepoDir } from "@/lib/embedded/git-host/store";
import { type RepoRef, STAGING_BRANCH } from "@/lib/github/types";
import type { DeploymentFailureKind } from "../../vercel/types";
import { BuildFailure, type BuildFailureKind, isBuildFailure } from "./build-failure";
import { buildCommit } from "./build-commit";
import { readCommitFiles } from "./git-tree";
import { isProcessAlive, thisProcess } from "./sandbox/processes";
import {
  type AliasKind,
  buildDir,
  deploymentEnvironment,
  listDeployments,
  newId,
  previewsDir,
  readAlias,
  readDeployment,
  recordCommitDeployment,
  saveDeployment,
  type StoredDeployment,
  type StoredProject,
  writeAlias,
} from "./store";

export type DeploymentRequest = { repo: RepoRef; branch: string; sha: string; target: "production" | "preview" };

// Failures made on purpose, so tests can show each message a builder may
// see: while buildFailure answers a kind, every build fails as that kind.
export type BuildFaults = { buildFailure?(): BuildFailureKind | undefined };

// Records a QUEUED deployment (on disk before this returns, so the caller's
// next findDeploymentForCommit sees it) and builds it in the background.
//
// Builds of one project run one at a time, in the order they were asked
// for, as on Vercel: the stable hosts then move forward push by push, and a
// burst of pushes doesn't start a burst of builds competing for the CPU.
// The queue lives in this process only, which the deployment names as its
// owner: a build that was queued or running when its process died is
// closed as interrupted by the next server to start (closeOrphanedBuilds),
// and the next cycle of that commit builds it afresh.
export function startDeployment(project: StoredProject, request: DeploymentRequest, faults: BuildFaults = {}): StoredDeployment {
  const deployment: StoredDeployment = {
    id: newId("dpl"),
    projectId: project.id,
    repo: `${request.repo.owner}/${request.repo.name}`,
    sha: request.sha,
    branch: request.branch,
    target: request.target,
    state: "QUEUED",
    log: [],
    createdAt: Date.now(),
    owner: thisProcess(),
  };
  saveDeployment(deployment);
  recordCommitDeployment(deployment);

  const previous = queues.get(project.id) ?? Promise.resolve();
  // Never rejects, so one broken build can't stall the builds queued after it.
  const next = previous
    .then(() => runBuild(deployment.id, request.repo, faults))
    .catch((error: unknown) => console.error(`[local previews] build ${deployment.id} could not run`, error));
  queues.set(project.id, next);
  void next.then(() => {
    if (queues.get(project.id) === next) queues.delete(project.id);
  });
  return deployment;
}

const queues = new Map<string, Promise<void>>();

// Deployments left QUEUED or BUILDING by a server process that is gone
// (crashed, killed, stopped mid-build): nobody will finish them. They fail
// as interrupted, the host's failure, so a cycle following one says so and
// the next attempt at that commit starts a new build rather than waiting
// for this one. Returns their ids.
export function closeOrphanedBuilds(): string[] {
  const closed: string[] = [];
  for (const deployment of listDeployments()) {
    if (deployment.state !== "QUEUED" && deployment.state !== "BUILDING") continue;
    if (deployment.owner && isProcessAlive(deployment.owner)) continue;
    const line = "Build interrupted: the server building it stopped before it finished";
    saveDeployment({ ...deployment, state: "ERROR", log: [...deployment.log, line], errorMessage: line, failureKind: "unavailable" });
    closed.push(deployment.id);
  }
  return closed;
}

async function runBuild(deploymentId: string, repo: RepoRef, faults: BuildFaults): Promise<void> {
  const queued = readDeployment(deploymentId);
  if (!queued) return;
  const building: StoredDeployment = { ...queued, state: "BUILDING", buildingAt: Date.now() };
  saveDeployment(building);
  const header = [`Cloning ${building.repo} (branch ${building.branch}, commit ${building.sha.slice(0, 7)})`];
  const workDir = previewsDir("work", deploymentId);
  try {
    const injected = faults.buildFailure?.();
    if (injected) throw new BuildFailure(["Build failed: a fault was injected for testing"], injected);
    const files = await readCommitFiles(localRepoDir(repo), building.sha);
    // Read when the build starts, as Vercel does: settings saved later need a new deployment.
    const appEnv = deploymentEnvironment(building.projectId, building.target, building.branch);
    const { log } = await buildCommit({ files, projectId: building.projectId, deploymentId, workDir, outDir: buildDir(deploymentId), appEnv });
    // The stable host moves before the state says READY, so whoever sees
    // READY and opens that host gets this build.
    const aliasAssigned = assignAlias(building) || undefined;
    saveDeployment({ ...building, state: "READY", log: [...header, ...log], aliasAssigned, readyAt: Date.now() });
  } catch (error) {
    // A failure this host didn't foresee (a full disk, git missing) is the
    // host's, not the app's.
    const lines = isBuildFailure(error) ? error.lines : [`Build failed: ${(error as Error).message}`];
    const failureKind: DeploymentFailureKind = isBuildFailure(error) ? error.kind : "unavailable";
    if (!isBuildFailure(error)) console.error(`[local previews] build ${deploymentId} failed unexpectedly`, error);
    saveDeployment({ ...building, state: "ERROR", log: [...header, ...lines, "Error: the build failed"], errorMessage: lines.join("\n"), failureKind });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// Production deployments become the project's production host; preview
// deployments of the staging branch its staging host. An alias never moves
// back to an older deployment (another process may finish out of order).
function assignAlias(deployment: StoredDeployment): boolean {
  const kind: AliasKind | null = deployment.target === "production" ? "production" : deployment.branch === STAGING_BRANCH ? "staging" : null;
  if (!kind) return false;
  const current = readAlias(deployment.projectId, kind);
  if (current && current.createdAt > deployment.createdAt) return false;
  writeAlias(deployment.projectId, kind, { deploymentId: deployment.id, createdAt: deployment.createdAt });
  return true;
}
