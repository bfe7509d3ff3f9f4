import "server-only";

import { mkdir, writeFile, rm } from "node:fs/promises";
import { getEnv } from "@/lib/env";
import { IntegrationError } from "@/lib/errors";
import { readTreeAt } from "@/lib/github/local";
import { onLocalPush } from "@/lib/github/local-store";
import { PRODUCTION_BRANCH, type RepoRef } from "@/lib/github/types";
import type { Deployment, PreviewHost, Project } from "../types";
import { BuildError, buildSite, faultInjected } from "./build";
import { startLocalPreviewServer } from "./server";
import {
  findProject,
  listProjects,
  newLocalId,
  previewsDir,
  projectDeployments,
  readAliases,
  readDeployment,
  saveDeployment,
  saveProject,
  setAlias,
  type StoredDeployment,
  type StoredProject,
} from "./store";

const globalForHost = globalThis as unknown as { __localPreviewPushes?: () => void };

// The stand-in for Vercel: same calls as the real client. Each pushed commit
// of a linked repo gets a deployment (as Vercel's Git integration does), built
// in this process and served from its own *.localhost origin.
export function createLocalPreviewHost(): PreviewHost {
  void startLocalPreviewServer().catch((error) => console.error("[local previews] server failed to start", error));
  globalForHost.__localPreviewPushes ??= onLocalPush(({ repo, branch, sha }) => {
    for (const project of listProjects().filter((p) => p.linkedRepo === `${repo.owner}/${repo.name}`)) {
      void queueDeployment(project, repo, branch, sha).catch((error) => console.error("[local previews] push not deployed", error));
    }
  });

  return {
    async createProject({ name, repo }) {
      if (findProject(name)) throw new IntegrationError("vercel", "conflict", `project ${name} already exists`, { status: 409 });
      const project: StoredProject = { id: newLocalId("prj"), name, linkedRepo: `${repo.owner}/${repo.name}`, productionBranch: PRODUCTION_BRANCH, previewsProtected: false };
      saveProject(project);
      return toProject(project);
    },
    async getProject(idOrName) {
      const project = findProject(idOrName);
      return project ? toProject(project) : null;
    },
    async linkProject(idOrName, repo) {
      const project = requireProject(idOrName);
      saveProject({ ...project, linkedRepo: `${repo.owner}/${repo.name}` });
      return toProject({ ...project, linkedRepo: `${repo.owner}/${repo.name}` });
    },
    async setProductionBranch(projectId, branch) {
      saveProject({ ...requireProject(projectId), productionBranch: branch });
    },
    async disablePreviewProtection(projectId) {
      saveProject({ ...requireProject(projectId), previewsProtected: false });
    },
    async findDeploymentForCommit({ projectId, sha, branch }) {
      const match = projectDeployments(projectId).find((d) => d.sha === sha && d.branch === branch);
      return match ? toDeployment(match, await startLocalPreviewServer()) : null;
    },
    async getDeployment(id) {
      const deployment = readDeployment(id);
      if (!deployment) throw new IntegrationError("vercel", "not_found", `deployment ${id} not found`, { status: 404 });
      return toDeployment(deployment, await startLocalPreviewServer());
    },
    async createDeployment({ projectId, repo, branch, sha }) {
      const deployment = await queueDeployment(requireProject(projectId), repo, branch, sha);
      return toDeployment(deployment, await startLocalPreviewServer());
    },
    async getProductionUrl(projectId) {
      const project = requireProject(projectId);
      return readAliases()[project.name] ? hostUrl(project.name, await startLocalPreviewServer()) : null;
    },
    // Builds take about a second here: poll briskly rather than on Vercel's schedule.
    pollDelayMs: (elapsed) => (elapsed < 10_000 ? 10 : 250),
  };
}

function requireProject(idOrName: string): StoredProject {
  const project = findProject(idOrName);
  if (!project) throw new IntegrationError("vercel", "not_found", `project ${idOrName} not found`, { status: 404 });
  return project;
}

// Builds for one project run one at a time, as on Vercel, so a slow older
// build can never overwrite the alias after a newer one.
const projectQueues = new Map<string, Promise<unknown>>();

async function queueDeployment(project: StoredProject, repo: RepoRef, branch: string, sha: string): Promise<StoredDeployment> {
  const deployment: StoredDeployment = {
    id: newLocalId("dpl"),
    projectId: project.id,
    sha,
    branch,
    target: branch === project.productionBranch ? "production" : "preview",
    state: "QUEUED",
    log: [],
    createdAt: Date.now(),
  };
  saveDeployment(deployment);
  const previous = projectQueues.get(project.id) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(() => runBuild(project, repo, deployment));
  projectQueues.set(project.id, run);
  return deployment;
}

async function runBuild(project: StoredProject, repo: RepoRef, deployment: StoredDeployment): Promise<void> {
  saveDeployment({ ...deployment, state: "BUILDING" });
  const work = previewsDir("work", deployment.id);
  try {
    if (faultInjected(getEnv().LOCAL_PREVIEW_FAULT_FILE)) throw new BuildError(["build failed: a fault was injected for testing"]);
    const output = await buildSite(await readTreeAt(repo, deployment.sha), work);
    const dir = previewsDir("builds", deployment.id);
    await mkdir(dir, { recursive: true });
    await Promise.all([writeFile(`${dir}/index.html`, output.html), writeFile(`${dir}/app.js`, output.js), writeFile(`${dir}/app.css`, output.css)]);
    saveDeployment({ ...deployment, state: "READY", log: output.log, readyAt: Date.now() });
    setAlias(deployment.target === "production" ? project.name : `${project.name}-preview`, deployment.id);
  } catch (error) {
    const log = error instanceof BuildError ? error.log : [`build failed: ${(error as Error).message}`];
    saveDeployment({ ...deployment, state: "ERROR", log, errorMessage: log.at(-1) });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function hostUrl(label: string, port: number): string {
  return `http://${label}.${getEnv().LOCAL_PREVIEW_HOSTNAME}:${port}`;
}

function toDeployment(d: StoredDeployment, port: number): Deployment {
  const project = findProject(d.projectId);
  return {
    id: d.id,
    state: d.state,
    url: hostUrl(d.id, port),
    branchUrl: project && d.target === "preview" ? hostUrl(`${project.name}-preview`, port) : undefined,
    sha: d.sha,
    branch: d.branch,
    target: d.target,
    errorMessage: d.state === "ERROR" ? d.log.join("\n") : undefined,
    aliasAssigned: d.state === "READY",
  };
}

function toProject(p: StoredProject): Project {
  return { id: p.id, name: p.name, linkedRepo: p.linkedRepo, productionBranch: p.productionBranch, previewsProtected: p.previewsProtected };
}
