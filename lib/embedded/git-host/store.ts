import "server-only";

import { EventEmitter } from "node:events";
import path from "node:path";
import { getEnv } from "@/lib/env";
import type { RepoRef } from "../../github/types";

// Where the local git host keeps each app's bare repository.
export function localRepoDir(repo: RepoRef): string {
  return path.resolve(getEnv().DATA_DIR, "git", repo.owner, `${repo.name}.git`);
}

export type LocalPush = { repo: RepoRef; branch: string; sha: string };

// The local stand-in for GitHub's push webhook: the local preview host listens
// so every pushed commit gets a deployment, as Vercel's Git integration does.
const pushes = new EventEmitter();

export function emitLocalPush(push: LocalPush): void {
  pushes.emit("push", push);
}

export function onLocalPush(listener: (push: LocalPush) => void): () => void {
  pushes.on("push", listener);
  return () => pushes.off("push", listener);
}
