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
  method: "fast-forward" | "merge" | "unchanged";
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
  promote(repo: RepoRef, sha: string): Promise<PromoteOutcome>;
}

export const PRODUCTION_BRANCH = "main";
export const STAGING_BRANCH = "staging";
