import "server-only";

import { existsSync } from "node:fs";
import path from "node:path";
import type { Modules } from "../toolchain";

// What a Next.js app sees of its dependency set inside the sandbox: the
// installed packages and the set's package.json and lockfile (Turbopack
// takes the folder with the lockfile as the project's root), at their own
// paths. Not the set's other apps: builds of other deployments sit beside
// this one.
export function dependencyMounts(setDir: string, modules: Modules): { source: string; at: string }[] {
  const mounts = [{ source: modules.realRoot, at: modules.nodeModules }];
  for (const name of ["package.json", "pnpm-lock.yaml"]) {
    const file = path.join(setDir, name);
    if (existsSync(file)) mounts.push({ source: file, at: file });
  }
  return mounts;
}
