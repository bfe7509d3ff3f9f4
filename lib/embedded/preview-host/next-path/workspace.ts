import "server-only";

import { existsSync, readdirSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SourceFiles } from "../git-tree";

// Each app's `next build` runs in a workspace kept between its versions,
// inside the app's dependency set (so Node and Turbopack find node_modules
// by walking up, without links out of the project):
//
//   sets/<key>/workspaces/<projectId>/   the latest version's files, and .next
//                                        with Next.js's build cache (.next/cache)
//   sets/<key>/apps/<deploymentId>/      one built version, served by next start
//
// Before a build the workspace is made exactly the commit's files: files
// that changed are written, files the commit doesn't have are deleted (a
// build never sees another version's files), and unchanged files are left
// alone, so Next.js finds its cache still valid for them. Only .next
// survives from build to build.
export function workspaceDir(setDir: string, projectId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(projectId)) throw new Error(`not a project id: ${projectId}`);
  return path.join(setDir, "workspaces", projectId);
}

// Paths the commit may hold that never reach a build: its own installed
// packages and build output.
const NOT_WRITTEN = /^(node_modules|\.next)(\/|$)/;

export type WorkspaceSync = { fresh: boolean; written: number; removed: number };

export async function syncWorkspace(dir: string, files: SourceFiles): Promise<WorkspaceSync> {
  const fresh = !existsSync(dir);
  await mkdir(dir, { recursive: true });
  const wanted = new Map([...files].filter(([name]) => !NOT_WRITTEN.test(name)));
  const removed = await removeOthers(dir, "", wanted);

  let written = 0;
  const changed: [string, Buffer][] = [];
  await Promise.all(
    [...wanted].map(async ([name, content]) => {
      const current = await readFile(path.join(dir, name)).catch(() => null);
      if (current === null || !current.equals(content)) changed.push([name, content]);
    }),
  );
  const dirs = new Set(changed.map(([name]) => path.dirname(path.join(dir, name))));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  await Promise.all(
    changed.map(async ([name, content]) => {
      await writeFile(path.join(dir, name), content);
      written++;
    }),
  );
  return { fresh, written, removed };
}

// Deletes everything under `dir` that isn't one of the commit's files (a
// file where the commit has a folder, links, what the last build generated
// beside the sources), then any folder left empty. Returns how many files
// went.
async function removeOthers(root: string, relative: string, wanted: Map<string, Buffer>): Promise<number> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  let removed = 0;
  for (const entry of entries) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    const full = path.join(root, name);
    if (name === ".next") continue;
    if (entry.isDirectory()) {
      removed += await removeOthers(root, name, wanted);
      if ((await readdir(full)).length === 0) await rmdir(full);
    } else if (!entry.isFile() || !wanted.has(name)) {
      await unlink(full);
      removed++;
    }
  }
  return removed;
}

// The built version, copied out of the workspace into its own folder for
// next start (the workspace moves on with the app's next version): the
// sources and .next, without the build cache.
export async function publishBuild(workspace: string, appDir: string): Promise<void> {
  const cache = path.join(workspace, ".next", "cache");
  const staging = `${appDir}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await cp(workspace, staging, { recursive: true, filter: (source) => source !== cache });
  await rm(appDir, { recursive: true, force: true });
  await rename(staging, appDir);
}

// A project whose dependencies changed builds in a workspace of its new
// set: the ones it had in other sets only take disk space.
export async function removeOtherWorkspaces(setsDir: string, keep: string, projectId: string): Promise<void> {
  let sets: string[];
  try {
    sets = readdirSync(setsDir);
  } catch {
    return;
  }
  await Promise.all(
    sets
      .map((set) => path.join(setsDir, set, "workspaces", projectId))
      .filter((dir) => dir !== keep && existsSync(dir))
      .map((dir) => rm(dir, { recursive: true, force: true })),
  );
}
