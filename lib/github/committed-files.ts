import "server-only";

import { gitBlobId } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import type { RepoRef } from "./types";

// path → git blob id
export type BlobIds = Map<string, string>;

// The app's files as the pipeline committed them, keyed by commit: tells the
// next commit what the chat changed or removed since, and which blobs the
// repository already holds, without asking GitHub. `exact` says every path is
// known to be on that commit with that id; it is false when an outside change
// may have removed or replaced a file the chat didn't touch.
export type CommittedFiles = { files: BlobIds; exact: boolean };

// Enough for every app a process serves between two of its cycles; a
// forgotten commit costs one tree read.
const LIMIT = 500;

export function blobIds(files: FileMap): BlobIds {
  return new Map(Object.entries(files).map(([path, content]) => [path, gitBlobId(content)]));
}

export function createCommittedFilesMemo() {
  const memo = new Map<string, CommittedFiles>();
  const key = (repo: RepoRef, sha: string) => `${repo.owner}/${repo.name}@${sha}`;
  return {
    get: (repo: RepoRef, sha: string): CommittedFiles | undefined => memo.get(key(repo, sha)),
    set(repo: RepoRef, sha: string, known: CommittedFiles): void {
      memo.delete(key(repo, sha));
      memo.set(key(repo, sha), known);
      if (memo.size > LIMIT) memo.delete(memo.keys().next().value!);
    },
  };
}

// What one commit must change on top of the branch head: the files the chat
// changed since the commit it last made (`before`), and the files it removed
// since. Files the chat didn't touch are left as the head has them, so an
// outside change to them survives. Without `before` (first commit) every file
// is written and nothing is removed.
export function planChanges(wanted: BlobIds, before: BlobIds | undefined): { write: string[]; remove: string[] } {
  const write = [...wanted.keys()].filter((path) => before?.get(path) !== wanted.get(path));
  const remove = before ? [...before.keys()].filter((path) => !wanted.has(path)) : [];
  return { write, remove };
}
