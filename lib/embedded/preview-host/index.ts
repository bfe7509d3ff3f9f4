import "server-only";

import { IntegrationError } from "@/lib/errors";
import { type LocalPush, onLocalPush } from "@/lib/embedded/git-host/store";
import { PRODUCTION_BRANCH, type RepoRef, STAGING_BRANCH } from "@/lib/github/types";
import type { Deployment, PreviewHost, Project } from "../../vercel/types";
import { type BuildFaults, closeOrphanedBuilds, startDeployment } from "./deployments";
import { claimProjectLabels, deploymentLabel, hostUrl } from "./hosts";
import { ensureVendor } from "./fast-path/vendor";
import { sandboxMode, type SandboxMode, setSandboxProbe } from "./sandbox/mode";
import type { SandboxProbe } from "./sandbox/probe";
import { cleanLeftoverGroups } from "./sandbox/processes";
import { startLocalPreviewServer } from "./server";
import {
  claimProjectName,
  listProjects,
  newId,
  readAlias,
  readCommitDeployment,
  readDeployment,
  readProject,
  saveProject,
  saveProjectEnvironment,
  type StoredDeployment,
  type StoredProject,
} from "./store";
import { ownModules } from "./toolchain";

export { startLocalPreviewServer, stopLocalPreviewServer } from "./server";

// The React bundle every fast-path build of this server's own packages
// shares, built ahead of the first build (see ./fast-path/vendor.ts).
export async function warmUpLocalPreviews(): Promise<void> {
  await ensureVendor(ownModules);
}

export type LocalPreviewHost = PreviewHost & {
  // The port previews are served on (LOCAL_PREVIEW_PORT, or the one picked when that is 0).
  serverPort(): Promise<number>;
  // Always there: every local build keeps its full log.
  buildOutput(deploymentId: string): Promise<string[]>;
  // Whether generated code runs in a sandbox here, in words for admins.
  sandbox(): SandboxMode;
};

// `faults` makes builds fail on purpose (tests); `sandboxProbe` replaces the
// probe of this machine's sandbox (tests of each mode).
export type LocalPreviewHostOptions = { faults?: BuildFaults; sandboxProbe?: () => SandboxProbe };

const globalForPushes = globalThis as unknown as { __localPreviewPushes?: () => void; __localPreviewCleaned?: boolean };

// Once per process: the sandbox is probed (and the mode logged), builds and
// preview servers left running by a server that died on this data
// directory are stopped, and what it was building is closed as interrupted
// (./deployments.ts), so nothing waits for it.
function startUp(): void {
  if (globalForPushes.__localPreviewCleaned) return;
  globalForPushes.__localPreviewCleaned = true;
  sandboxMode();
  const stopped = cleanLeftoverGroups();
  if (stopped.length > 0) console.warn(`[local previews] stopped what an earlier run left behind: ${stopped.join(", ")}`);
  const closed = closeOrphanedBuilds();
  if (closed.length > 0) console.warn(`[local previews] builds interrupted by an earlier run's end: ${closed.join(", ")}`);
}

// The stand-in for Vercel: the same calls as the real client, answered from
// ${DATA_DIR}/previews. Like Vercel's Git integration, every commit pushed
// to the local git host gets a deployment in each project linked to that
// repo: production for the project's production branch, preview otherwise.
// Builds run in this process; the preview server starts with the first host
// and serves every build on disk.
export function createLocalPreviewHost({ faults = {}, sandboxProbe }: LocalPreviewHostOptions = {}): LocalPreviewHost {
  if (sandboxProbe) setSandboxProbe(sandboxProbe);
  startUp();
  void startLocalPreviewServer().catch((error) => console.error("[local previews] the preview server did not start", error));
  // One push listener per process, so a push starts one build per linked
  // project: the newest host's, which builds with its own options.
  globalForPushes.__localPreviewPushes?.();
  globalForPushes.__localPreviewPushes = onLocalPush((push) => deployPush(push, faults));

  return {
    async createProject({ name, repo }) {
      assertProjectName(name);
      const id = newId("prj");
      if (!claimProjectName(name, id)) throw new IntegrationError("vercel", "conflict", `project name ${name} is already taken`, { status: 409 });
      const project: StoredProject = {
        id,
        name,
        linkedRepo: repoName(repo),
        productionBranch: PRODUCTION_BRANCH,
        previewsProtected: false,
        ...claimProjectLabels(id, name),
        createdAt: Date.now(),
      };
      saveProject(project);
      return toProject(project);
    },
    async getProject(idOrName) {
      const project = readProject(idOrName);
      return project ? toProject(project) : null;
    },
    async linkProject(idOrName, repo) {
      const project = { ...requireProject(idOrName), linkedRepo: repoName(repo) };
      saveProject(project);
      return toProject(project);
    },
    async setProductionBranch(projectId, branch) {
      saveProject({ ...requireProject(projectId), productionBranch: branch });
    },
    async disablePreviewProtection(projectId) {
      saveProject({ ...requireProject(projectId), previewsProtected: false });
    },
    async findDeploymentForCommit({ projectId, sha, branch }) {
      const deployment = readCommitDeployment(projectId, sha, branch);
      return deployment ? toDeployment(deployment) : null;
    },
    async getDeployment(id) {
      return toDeployment(requireDeployment(id));
    },
    async createDeployment({ projectId, repo, branch, sha, target }) {
      const project = requireProject(projectId);
      repoName(repo); // rejects a repository that can't be on the local git host
      if (!/^[0-9a-f]{40}$/.test(sha)) throw new IntegrationError("vercel", "rejected", `not a commit id: ${sha}`, { status: 400 });
      return toDeployment(startDeployment(project, { repo, branch, sha, target }, faults));
    },
    async setEnvironment(projectId, vars, { previewBranch }) {
      saveProjectEnvironment(requireProject(projectId).id, { previewBranch, vars });
    },
    async getProductionUrl(projectId) {
      const project = requireProject(projectId);
      return readAlias(project.id, "production") ? hostUrl(project.productionLabel, await startLocalPreviewServer()) : null;
    },
    // Builds take well under a second and status is a small local file: look often.
    pollDelayMs: (elapsedMs) => (elapsedMs < 15_000 ? 10 : 250),
    serverPort: () => startLocalPreviewServer(),
    buildOutput: async (deploymentId) => requireDeployment(deploymentId).log,
    sandbox: () => sandboxMode(),
    adminNotice() {
      const mode = sandboxMode();
      return mode.kind === "sandboxed" ? null : mode.log;
    },
  };
}

function deployPush({ repo, branch, sha }: LocalPush, faults: BuildFaults): void {
  // A listener that throws would fail the push itself.
  try {
    if (/^0+$/.test(sha)) return; // a deleted branch
    const linked = `${repo.owner}/${repo.name}`;
    for (const project of listProjects()) {
      if (project.linkedRepo !== linked) continue;
      startDeployment(project, { repo, branch, sha, target: branch === project.productionBranch ? "production" : "preview" }, faults);
    }
  } catch (error) {
    console.error(`[local previews] push to ${repo.owner}/${repo.name} ${branch} not deployed`, error);
  }
}

// Vercel's rules: lowercase letters, digits, '.', '_', '-', at most 100, no '---'.
function assertProjectName(name: string): void {
  if (!/^[a-z0-9][a-z0-9._-]{0,99}$/.test(name) || name.includes("---")) {
    throw new IntegrationError("vercel", "rejected", `invalid project name: ${name}`, { status: 400 });
  }
}

function repoName(repo: RepoRef): string {
  const part = /^[A-Za-z0-9._-]{1,100}$/;
  if (!part.test(repo.owner) || !part.test(repo.name) || [repo.owner, repo.name].some((p) => p === "." || p === "..")) {
    throw new IntegrationError("vercel", "rejected", `invalid repository: ${repo.owner}/${repo.name}`, { status: 400 });
  }
  return `${repo.owner}/${repo.name}`;
}

function requireProject(idOrName: string): StoredProject {
  const project = readProject(idOrName);
  if (!project) throw new IntegrationError("vercel", "not_found", `project ${idOrName} not found`, { status: 404 });
  return project;
}

function requireDeployment(id: string): StoredDeployment {
  const deployment = readDeployment(id);
  if (!deployment) throw new IntegrationError("vercel", "not_found", `deployment ${id} not found`, { status: 404 });
  return deployment;
}

async function toDeployment(d: StoredDeployment): Promise<Deployment> {
  const port = await startLocalPreviewServer();
  const project = readProject(d.projectId);
  return {
    id: d.id,
    state: d.state,
    url: hostUrl(deploymentLabel(d.id), port),
    branchUrl: project && d.target === "preview" && d.branch === STAGING_BRANCH ? hostUrl(project.stagingLabel, port) : undefined,
    sha: d.sha,
    branch: d.branch,
    target: d.target,
    errorMessage: d.errorMessage,
    failureKind: d.failureKind,
    aliasAssigned: d.aliasAssigned,
  };
}

function toProject(p: StoredProject): Project {
  return { id: p.id, name: p.name, linkedRepo: p.linkedRepo, productionBranch: p.productionBranch, previewsProtected: p.previewsProtected };
}
