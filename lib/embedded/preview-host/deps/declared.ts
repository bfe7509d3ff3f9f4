import "server-only";

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { BuildFailure } from "../build-failure";
import type { SourceFiles } from "../git-tree";

// What an app's package.json (and pnpm lockfile) say it needs, reduced to
// the parts that decide what gets installed.
export type Declared = {
  // name → range, dependencies and devDependencies together (both are
  // installed: Tailwind and PostCSS plugins are devDependencies).
  packages: Record<string, string>;
  // The package.json fields that decide the install, as declared:
  // dependencies, devDependencies, optionalDependencies, pnpm's settings
  // (overrides, patched packages), overrides, resolutions.
  manifest: Record<string, unknown>;
  lockfile: Buffer | null; // pnpm-lock.yaml, as committed
};

const INSTALL_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "pnpm", "overrides", "resolutions"];
const EXTRA_FIELDS = INSTALL_FIELDS.slice(2);

export function readDeclared(files: SourceFiles): Declared | null {
  const raw = files.get("package.json");
  if (!raw) return null;
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new BuildFailure([`package.json: not valid JSON (${(error as Error).message})`]);
  }
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new BuildFailure(["package.json: not a JSON object"]);
  const packages: Record<string, string> = {};
  for (const field of ["dependencies", "devDependencies"]) {
    const entries = manifest[field];
    if (entries === undefined) continue;
    if (typeof entries !== "object" || entries === null || Array.isArray(entries)) throw new BuildFailure([`package.json: "${field}" is not an object`]);
    for (const [name, range] of Object.entries(entries)) {
      if (typeof range !== "string") throw new BuildFailure([`package.json: the version of "${name}" is not a string`]);
      packages[name] = range;
    }
  }
  const kept: Record<string, unknown> = {};
  for (const field of INSTALL_FIELDS) if (manifest[field] !== undefined) kept[field] = manifest[field];
  return { packages, manifest: kept, lockfile: files.get("pnpm-lock.yaml") ?? null };
}

// The cache key of a dependency set: the same declared packages, lockfile
// and installer give the same node_modules, whatever the app is called.
export function dependencySetKey(declared: Declared, installer: string): string {
  return createHash("sha256")
    .update(
      JSON.stringify({
        layout: 1,
        installer,
        node: process.versions.node.split(".")[0],
        platform: `${process.platform}-${process.arch}`,
        manifest: canonical(declared.manifest),
        lockfile: declared.lockfile ? createHash("sha256").update(declared.lockfile).digest("hex") : null,
      }),
    )
    .digest("hex")
    .slice(0, 32);
}

// Type checking and linting only: previews never type-check (v0 turns
// build errors from types off) or lint, so these never decide anything.
const TOOLING = /^(typescript|@types\/.+|eslint|eslint-.+|@eslint\/.+|@typescript-eslint\/.+|prettier|prettier-.+)$/;

// The declared packages `nodeModules` doesn't satisfy, tooling aside. An
// empty answer means these installed packages are exactly what the app
// asked for, and it builds with them without installing anything.
export function unsatisfied(declared: Declared, nodeModules: string): string[] {
  const missing: string[] = [];
  for (const [name, range] of Object.entries(declared.packages)) {
    if (TOOLING.test(name)) continue;
    const version = installedVersion(nodeModules, name);
    if (!version || !satisfies(version, range)) missing.push(`${name}@${range}`);
  }
  // A lockfile pins versions, and overrides change them: only an install honours those.
  if (declared.lockfile) missing.push("pnpm-lock.yaml");
  missing.push(...EXTRA_FIELDS.filter((field) => declared.manifest[field] !== undefined));
  return missing;
}

// Object keys sorted at every depth, so the key doesn't depend on the order
// the app wrote them in.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

function satisfies(version: string, range: string): boolean {
  const trimmed = range.trim();
  if (trimmed === "" || trimmed === "*" || trimmed === "latest") return true;
  return semver.validRange(trimmed) !== null && semver.satisfies(version, trimmed, { includePrerelease: true });
}

function installedVersion(nodeModules: string, name: string): string | null {
  if (!/^(@[a-z0-9._~-]+\/)?[a-z0-9._~-]+$/i.test(name)) return null;
  try {
    const { version } = JSON.parse(readFileSync(path.join(nodeModules, name, "package.json"), "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : null;
  } catch {
    return null;
  }
}
