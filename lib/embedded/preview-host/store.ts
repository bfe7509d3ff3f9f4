import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import type { DeploymentFailureKind, DeploymentState, EnvironmentVariable } from "../../vercel/types";

// Everything the local preview host knows lives on disk under
// ${DATA_DIR}/previews, so any process (a second server, or this one after a
// restart) sees the same projects, deployments and aliases and can serve
// every build. Metadata is small JSON, written whole and renamed into place,
// so a reader in another process never sees half a file.
//
//   projects/<projectId>.json        the project
//   names/<name>                     project name → id (claimed exclusively)
//   hosts/<label>.json               host label → project and alias kind (claimed exclusively)
//   deployments/<deploymentId>.json  the deployment, its state and build log
//   commits/<projectId>/<sha>.<branch hash>.json   latest deployment of that commit
//   aliases/<projectId>/<kind>.json  which deployment each stable host shows
//   builds/<deploymentId>/           the built site (see ./manifest.ts)
//   env/<projectId>.json             the project's settings (owner-only file)

export type StoredProject = {
  id: string;
  name: string;
  linkedRepo?: string; // "owner/name"
  productionBranch: string;
  previewsProtected: boolean;
  // Host labels claimed for this project (see ./hosts.ts).
  productionLabel: string;
  stagingLabel: string;
  createdAt: number;
};

export type StoredDeployment = {
  id: string;
  projectId: string;
  repo: string; // "owner/name"
  sha: string;
  branch: string;
  target: "production" | "preview";
  state: DeploymentState;
  errorMessage?: string;
  failureKind?: DeploymentFailureKind;
  log: string[];
  aliasAssigned?: boolean;
  createdAt: number;
  buildingAt?: number;
  readyAt?: number;
  // The server process whose queue builds it (see ./deployments.ts).
  owner?: { pid: number; started: string | null };
};

export type AliasKind = "production" | "staging";
export type AliasTarget = { deploymentId: string; createdAt: number };
export type HostClaim = { projectId: string; kind: AliasKind };

export function previewsDir(...parts: string[]): string {
  return path.resolve(getEnv().DATA_DIR, "previews", ...parts);
}

// "dpl_" + lowercase base36: the same shape as Vercel's ids, and safe in a
// host label once "_" becomes "-".
export function newId(prefix: "dpl" | "prj"): string {
  return `${prefix}_${BigInt(`0x${randomBytes(12).toString("hex")}`).toString(36)}`;
}

const DEPLOYMENT_ID = /^dpl_[a-z0-9]{1,40}$/;
const PROJECT_ID = /^prj_[a-z0-9]{1,40}$/;

function isDeploymentId(id: string): boolean {
  return DEPLOYMENT_ID.test(id);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function writeJsonAtomic(file: string, value: unknown, mode?: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, JSON.stringify(value), { mode });
  renameSync(temp, file);
}

// Creates `file` only if nobody has: the one way two processes agree on who
// owns a name.
function claim(file: string, content: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, content, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

// Projects

export function saveProject(project: StoredProject): void {
  writeJsonAtomic(previewsDir("projects", `${project.id}.json`), project);
}

export function claimProjectName(name: string, projectId: string): boolean {
  return claim(previewsDir("names", name), projectId);
}

export function readProject(idOrName: string): StoredProject | null {
  if (PROJECT_ID.test(idOrName)) {
    const byId = readJson<StoredProject>(previewsDir("projects", `${idOrName}.json`));
    if (byId) return byId;
  }
  const id = readName(idOrName);
  return id ? readJson<StoredProject>(previewsDir("projects", `${id}.json`)) : null;
}

function readName(name: string): string | null {
  if (!/^[a-z0-9][a-z0-9._-]{0,99}$/.test(name)) return null;
  try {
    return readFileSync(previewsDir("names", name), "utf8");
  } catch {
    return null;
  }
}

// Projects reachable by name: a project whose name claim was lost to another
// process is never listed.
export function listProjects(): StoredProject[] {
  let names: string[];
  try {
    names = readdirSync(previewsDir("names"));
  } catch {
    return [];
  }
  return names.map(readProject).filter((p): p is StoredProject => p !== null);
}

export function claimHostLabel(label: string, owner: HostClaim): boolean {
  return claim(previewsDir("hosts", `${label}.json`), JSON.stringify(owner));
}

export function releaseHostLabel(label: string): void {
  rmSync(previewsDir("hosts", `${label}.json`), { force: true });
}

export function readHostClaim(label: string): HostClaim | null {
  return readJson<HostClaim>(previewsDir("hosts", `${label}.json`));
}

// Deployments

export function saveDeployment(deployment: StoredDeployment): void {
  writeJsonAtomic(previewsDir("deployments", `${deployment.id}.json`), deployment);
}

export function readDeployment(id: string): StoredDeployment | null {
  return isDeploymentId(id) ? readJson<StoredDeployment>(previewsDir("deployments", `${id}.json`)) : null;
}

export function listDeployments(): StoredDeployment[] {
  let names: string[];
  try {
    names = readdirSync(previewsDir("deployments")).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  return names.flatMap((name) => readDeployment(name.slice(0, -".json".length)) ?? []);
}

function commitFile(projectId: string, sha: string, branch: string): string {
  const branchKey = createHash("sha256").update(branch).digest("hex").slice(0, 16);
  return previewsDir("commits", projectId, `${sha}.${branchKey}.json`);
}

export function recordCommitDeployment(deployment: StoredDeployment): void {
  writeJsonAtomic(commitFile(deployment.projectId, deployment.sha, deployment.branch), { deploymentId: deployment.id });
}

export function readCommitDeployment(projectId: string, sha: string, branch: string): StoredDeployment | null {
  if (!PROJECT_ID.test(projectId) || !/^[0-9a-f]{40,64}$/.test(sha)) return null;
  const entry = readJson<{ deploymentId: string }>(commitFile(projectId, sha, branch));
  return entry ? readDeployment(entry.deploymentId) : null;
}

// Aliases, one file per project and kind, so the staging and production
// hosts can move at the same time from different processes.

export function readAlias(projectId: string, kind: AliasKind): AliasTarget | null {
  return PROJECT_ID.test(projectId) ? readJson<AliasTarget>(previewsDir("aliases", projectId, `${kind}.json`)) : null;
}

export function writeAlias(projectId: string, kind: AliasKind, target: AliasTarget): void {
  writeJsonAtomic(previewsDir("aliases", projectId, `${kind}.json`), target);
}

// Settings, per project: what its previews of one branch and its production
// builds get, as Vercel keeps them. Nothing else of this server's
// environment ever joins them.

export type StoredEnvironment = { previewBranch: string; vars: EnvironmentVariable[] };

export function saveProjectEnvironment(projectId: string, environment: StoredEnvironment): void {
  if (!PROJECT_ID.test(projectId)) throw new Error(`not a project id: ${projectId}`);
  writeJsonAtomic(previewsDir("env", `${projectId}.json`), environment, 0o600);
}

// The variables a new deployment of `branch` (or production) is built and run with.
export function deploymentEnvironment(projectId: string, target: "production" | "preview", branch: string): Record<string, string> {
  const stored = PROJECT_ID.test(projectId) ? readJson<StoredEnvironment>(previewsDir("env", `${projectId}.json`)) : null;
  if (!stored || (target === "preview" && branch !== stored.previewBranch)) return {};
  return Object.fromEntries(stored.vars.map((v) => [v.key, v.value]));
}

export function buildDir(deploymentId: string): string {
  if (!isDeploymentId(deploymentId)) throw new Error(`not a deployment id: ${deploymentId}`);
  return previewsDir("builds", deploymentId);
}
