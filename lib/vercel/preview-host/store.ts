import "server-only";

import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import type { DeploymentState } from "../types";

// Everything the local preview host knows lives on disk, so any process (a
// second server, or this one after a restart) sees the same projects,
// deployments and aliases and can serve every build.

export type StoredProject = {
  id: string;
  name: string;
  linkedRepo?: string;
  productionBranch: string;
  previewsProtected: boolean;
};

export type StoredDeployment = {
  id: string;
  projectId: string;
  sha: string;
  branch: string;
  target: "production" | "preview";
  state: DeploymentState;
  errorMessage?: string;
  log: string[];
  createdAt: number;
  readyAt?: number;
};

export function previewsDir(...parts: string[]): string {
  return path.resolve(getEnv().DATA_DIR, "previews", ...parts);
}

export function newLocalId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

// Write-then-rename: readers in other processes never see half a file.
function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(3).toString("hex")}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, file);
}

export function saveProject(project: StoredProject): void {
  writeJson(previewsDir("projects", `${project.id}.json`), project);
}

export function listProjects(): StoredProject[] {
  const dir = previewsDir("projects");
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  return names.map((n) => readJson<StoredProject>(path.join(dir, n))).filter((p): p is StoredProject => p !== null);
}

export function findProject(idOrName: string): StoredProject | null {
  return readJson<StoredProject>(previewsDir("projects", `${idOrName}.json`)) ?? listProjects().find((p) => p.name === idOrName) ?? null;
}

const deploymentFile = (projectId: string, id: string) => previewsDir("deployments", `${projectId}__${id}.json`);

export function saveDeployment(deployment: StoredDeployment): void {
  writeJson(deploymentFile(deployment.projectId, deployment.id), deployment);
}

export function readDeployment(id: string): StoredDeployment | null {
  const dir = previewsDir("deployments");
  try {
    const name = readdirSync(dir).find((n) => n.endsWith(`__${id}.json`));
    return name ? readJson<StoredDeployment>(path.join(dir, name)) : null;
  } catch {
    return null;
  }
}

export function projectDeployments(projectId: string): StoredDeployment[] {
  const dir = previewsDir("deployments");
  try {
    return readdirSync(dir)
      .filter((n) => n.startsWith(`${projectId}__`))
      .map((n) => readJson<StoredDeployment>(path.join(dir, n)))
      .filter((d): d is StoredDeployment => d !== null)
      .sort((a, b) => b.createdAt - a.createdAt);
  } catch {
    return [];
  }
}

type Aliases = Record<string, string>; // host label → deployment id

export function readAliases(): Aliases {
  return readJson<Aliases>(previewsDir("aliases.json")) ?? {};
}

export function setAlias(label: string, deploymentId: string): void {
  writeJson(previewsDir("aliases.json"), { ...readAliases(), [label]: deploymentId });
}
