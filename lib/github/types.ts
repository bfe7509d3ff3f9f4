import type { FileMap } from "@/lib/files/types";

export type RepoRef = { owner: string; name: string };

export type AppRepo = RepoRef & {
  url: string;
  // Repos go to GITHUB_ORG when it is set and accepts them; otherwise to the
  // token's own account. Both are kept, so the pipeline knows which it got.
  ownerKind: "org" | "personal";
  defaultBranch: string;
};

export type CommitOutcome = {
  sha: string;
  // false: the branch already held exactly these files, so no commit was made
  // and `sha` is the existing head.
  changed: boolean;
};

export type CommitOptions = {
  // The commit the pipeline last made (or reported unchanged) on this branch,
  // as the deployments table records it. Without it (the first commit) every
  // file is written and nothing is deleted.
  previousCommit?: string;
};

export type PromoteOutcome = {
  sha: string;
  // "restored": main's head was a restore (see `restore`), so the commit's
  // files went on top of it as a new commit joining both histories.
  method: "fast-forward" | "merge" | "restored" | "unchanged";
};

export type RestoreOutcome = {
  // The new head of main, or its unchanged head.
  sha: string;
  // "unchanged": main already held exactly those files; no commit was made.
  method: "restored" | "unchanged";
};

export interface GitHost {
  createAppRepo(input: { name: string; description?: string }): Promise<AppRepo>;
  // `files` is the complete set of files the app has. The commit is built on
  // the branch head: it writes the files the chat changed since
  // `previousCommit` and deletes the ones it removed since; anything else on
  // the branch (someone else's change) stays. Creates `branch` from main when
  // missing. An unchanged app makes no commit.
  commitFiles(repo: RepoRef, branch: string, files: FileMap, message: string, options?: CommitOptions): Promise<CommitOutcome>;
  // Moves `main` to exactly `sha` when that is a fast forward, else merges it.
  // A merge conflict throws MergeConflictError and leaves `main` untouched.
  // After a restore, main's files are an older version's, and a fast forward
  // or merge of a later version would undo or clash with that: the next
  // promote puts exactly `sha`'s files on main as a commit whose parents are
  // main and `sha`, and promotes after it work as usual again.
  promote(repo: RepoRef, sha: string): Promise<PromoteOutcome>;
  // Puts exactly the files of `sha` (any earlier commit) on main as a new
  // commit whose parent is main's head: history is kept, nothing is forced.
  // Main already holding those files makes no commit.
  restore(repo: RepoRef, sha: string): Promise<RestoreOutcome>;
}

// The trailer that marks a restore commit, so the next promote knows main no
// longer descends from what it published.
const RESTORED_TRAILER = "Restored-From";

export function restoreMessage(sha: string): string {
  return `Restore ${sha.slice(0, 7)}\n\n${RESTORED_TRAILER}: ${sha}\n`;
}

export function isRestoreMessage(message: string): boolean {
  return new RegExp(`^${RESTORED_TRAILER}: [0-9a-f]{40}$`, "m").test(message);
}

export const PRODUCTION_BRANCH = "main";
export const STAGING_BRANCH = "staging";
