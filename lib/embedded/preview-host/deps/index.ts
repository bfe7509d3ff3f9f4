import "server-only";

import { randomBytes } from "node:crypto";
import { existsSync, realpathSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Modules, ownModules } from "../toolchain";
import type { SourceFiles } from "../git-tree";
import { previewsDir } from "../store";
import { type Declared, dependencySetKey, readDeclared, unsatisfied } from "./declared";
import { installerVersion, pnpmInstall } from "./install";

export type ResolvedModules = Modules & {
  // The dependency set's folder, for installed sets: the real-Next path
  // builds apps inside it, so Node and Next.js find node_modules by walking up.
  setDir: string | null;
  installed: boolean; // whether this build had to install anything
  log: string[];
};

// The shared dependency cache, under ${DATA_DIR}/previews/deps:
//
//   store/         pnpm's content-addressed store: one copy of every package file
//   cache/         registry metadata, so repeated installs ask the registry less
//   sets/<key>/    one installed dependency set (package.json, pnpm-lock.yaml,
//                  node_modules of hard links into store/), named by the hash of
//                  what was declared (./declared.ts); complete or absent
//
// A build whose set is on disk installs nothing. This server's own
// node_modules is a set too, already present: an app that declares nothing
// it lacks (the local generator's apps) builds from it, offline.
function depsDir(...parts: string[]): string {
  return previewsDir("deps", ...parts);
}

export async function resolveModules(files: SourceFiles, { allowOwn }: { allowOwn: boolean }): Promise<ResolvedModules> {
  const declared = readDeclared(files);
  if (!declared || Object.keys(declared.packages).length === 0) {
    if (allowOwn) return { ...ownModules, setDir: null, installed: false, log: ["Dependencies: none declared; using the preview host's packages"] };
  }
  const packages: Declared = declared ?? { packages: {}, manifest: {}, lockfile: null };
  if (allowOwn && declared) {
    const missing = unsatisfied(declared, ownModules.nodeModules);
    if (missing.length === 0) {
      const count = Object.keys(declared.packages).length;
      return { ...ownModules, setDir: null, installed: false, log: [`Dependencies: all ${count} declared packages are installed on the preview host; nothing to install`] };
    }
  }
  return ensureSet(packages);
}

const pending = new Map<string, Promise<ResolvedModules>>();
let installs: Promise<unknown> = Promise.resolve();

// One install per set at a time in this process, and one install at all
// (pnpm takes most of a core and close to 1 GB while unpacking Next.js).
function ensureSet(declared: Declared): Promise<ResolvedModules> {
  const installer = installerVersion();
  const key = dependencySetKey(declared, installer);
  const setDir = depsDir("sets", key);
  if (existsSync(setDir)) return Promise.resolve(cached(setDir, key, declared, false, []));
  let running = pending.get(key);
  if (!running) {
    const started = installs.then(() => install(setDir, declared));
    installs = started.catch(() => {});
    running = started.then((lines) => cached(setDir, key, declared, true, lines));
    pending.set(key, running);
    void running.catch(() => {}).finally(() => pending.delete(key));
  }
  return running;
}

function cached(setDir: string, key: string, declared: Declared, installed: boolean, lines: string[]): ResolvedModules {
  const nodeModules = path.join(setDir, "node_modules");
  const count = Object.keys(declared.packages).length;
  return {
    nodeModules,
    realRoot: realpathSync(nodeModules),
    setDir,
    installed,
    log: installed
      ? [`Dependencies: installed ${count} declared packages (set ${key.slice(0, 12)})`, ...lines.map((line) => `  ${line}`)]
      : [`Dependencies: ${count} declared packages already installed (set ${key.slice(0, 12)}); nothing to install`],
  };
}

// Installed in a folder of its own, then renamed into place: a set on disk
// is always complete, and two processes installing the same set at once
// both succeed (the second rename finds the first's and drops its own).
async function install(setDir: string, declared: Declared): Promise<string[]> {
  if (existsSync(setDir)) return [];
  const temp = `${setDir}.${randomBytes(4).toString("hex")}.tmp`;
  await mkdir(temp, { recursive: true });
  try {
    const manifest = { name: "preview-dependencies", private: true, ...declared.manifest };
    await writeFile(path.join(temp, "package.json"), JSON.stringify(manifest, null, 2));
    if (declared.lockfile) await writeFile(path.join(temp, "pnpm-lock.yaml"), declared.lockfile);
    const lines = await pnpmInstall({ dir: temp, store: depsDir("store"), cache: depsDir("cache") });
    await rename(temp, setDir).catch(async (error: NodeJS.ErrnoException) => {
      if (!existsSync(setDir)) throw error;
      await rm(temp, { recursive: true, force: true });
    });
    return lines;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
