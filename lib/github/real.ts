import "server-only";

import { randomBytes } from "node:crypto";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { IntegrationError } from "@/lib/errors";
import { assertSafeFiles } from "@/lib/files/safe-files";
import type { FileMap } from "@/lib/files/types";
import { MergeConflictError, toGitHubError } from "./errors";
import { type AppRepo, type CommitOutcome, type GitHost, PRODUCTION_BRANCH, type PromoteOutcome, type RepoRef } from "./types";

const GitHubClient = Octokit.plugin(retry, throttling);

export type GitHubHostOptions = {
  token: string;
  org?: string;
  baseUrl: string;
  author: { name: string; email: string };
  throttleId?: string;
  // Tests and benchmarks against a local server skip GitHub's pacing and
  // shorten retry waits; production keeps the plugins' defaults.
  pacing?: { enabled: boolean; retryAfterBaseMs: number };
};

const NAME_ATTEMPTS = 4;

export function createGitHubHost(options: GitHubHostOptions): GitHost {
  const octokit = new GitHubClient({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: "chat-driven-staging-deploy",
    // A 409 or 422 on refs and merges is an answer, not a hiccup: never resend.
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451], retryAfterBaseValue: options.pacing?.retryAfterBaseMs ?? 1000 },
    throttle: {
      enabled: options.pacing?.enabled ?? true,
      id: options.throttleId,
      onRateLimit: (_after: number, _options: object, _octokit: unknown, retryCount: number) => retryCount < 2,
      onSecondaryRateLimit: (_after: number, _options: object, _octokit: unknown, retryCount: number) => retryCount < 2,
    },
  });
  const identity = { name: options.author.name, email: options.author.email };

  async function createAppRepo({ name, description }: { name: string; description?: string }): Promise<AppRepo> {
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      const candidate = attempt === 0 ? name : `${name}-${randomBytes(2).toString("hex")}`;
      const body = { name: candidate, description, private: true, auto_init: true };
      try {
        if (options.org) {
          try {
            const { data } = await octokit.rest.repos.createInOrg({ org: options.org, ...body });
            return toRepo(data, "org");
          } catch (error) {
            const mapped = toGitHubError(error, `create ${options.org}/${candidate}`);
            if (mapped.kind === "conflict") throw mapped;
            // The org refuses (no rights, no such org): the token's own account.
            console.warn(`[github] org ${options.org} refused the repository, using the personal account: ${mapped.message}`);
          }
        }
        const { data } = await octokit.rest.repos.createForAuthenticatedUser(body);
        return toRepo(data, "personal");
      } catch (error) {
        const mapped = toGitHubError(error, `create ${candidate}`);
        if (mapped.kind !== "conflict") throw mapped;
      }
    }
    throw new IntegrationError("github", "conflict", `no free repository name for ${name}`);
  }

  async function commitFiles(repo: RepoRef, branch: string, files: FileMap, message: string): Promise<CommitOutcome> {
    assertSafeFiles(files);
    const { owner, name } = repo;
    const tree = Object.entries(files).map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content }));

    for (let attempt = 0; ; attempt++) {
      const head = await branchHead(repo, branch);
      try {
        // No base_tree: the tree holds exactly the app's files, so files the
        // app dropped disappear, and unchanged files give the head's own tree.
        const created = await octokit.rest.git.createTree({ owner, repo: name, tree });
        if (created.data.sha === head.tree) return { sha: head.commit, changed: false };
        const commit = await octokit.rest.git.createCommit({
          owner,
          repo: name,
          message,
          tree: created.data.sha,
          parents: [head.commit],
          author: identity,
          committer: identity,
        });
        if (head.exists) {
          await octokit.rest.git.updateRef({ owner, repo: name, ref: `heads/${branch}`, sha: commit.data.sha, force: false });
        } else {
          await octokit.rest.git.createRef({ owner, repo: name, ref: `refs/heads/${branch}`, sha: commit.data.sha });
        }
        return { sha: commit.data.sha, changed: true };
      } catch (error) {
        const mapped = toGitHubError(error, `commit to ${owner}/${name}@${branch}`);
        // Someone moved the branch: rebuild on the new head, once.
        const raced = mapped.kind === "not_fast_forward" || /reference already exists/i.test(mapped.message);
        if (!raced || attempt > 0) throw mapped;
      }
    }
  }

  // One call gives both the head commit and its tree; a missing branch starts
  // from the default branch and is created pointing at the new commit.
  async function branchHead(repo: RepoRef, branch: string): Promise<{ commit: string; tree: string; exists: boolean }> {
    try {
      const { data } = await octokit.rest.repos.getBranch({ owner: repo.owner, repo: repo.name, branch });
      return { commit: data.commit.sha, tree: data.commit.commit.tree.sha, exists: true };
    } catch (error) {
      const mapped = toGitHubError(error, `read ${repo.owner}/${repo.name}@${branch}`);
      if (mapped.kind !== "not_found" || branch === PRODUCTION_BRANCH) throw mapped;
      const base = await branchHead(repo, PRODUCTION_BRANCH);
      return { ...base, tree: "", exists: false };
    }
  }

  async function promote(repo: RepoRef, sha: string): Promise<PromoteOutcome> {
    const { owner, name } = repo;
    try {
      await octokit.rest.git.updateRef({ owner, repo: name, ref: `heads/${PRODUCTION_BRANCH}`, sha, force: false });
      return { sha, method: "fast-forward" };
    } catch (error) {
      const mapped = toGitHubError(error, `fast-forward ${owner}/${name}@${PRODUCTION_BRANCH}`);
      if (mapped.kind !== "not_fast_forward") throw mapped;
    }
    try {
      const merged = await octokit.rest.repos.merge({ owner, repo: name, base: PRODUCTION_BRANCH, head: sha, commit_message: `Publish ${sha.slice(0, 7)}` });
      if (merged.status === 201) return { sha: merged.data.sha, method: "merge" };
      const head = await branchHead(repo, PRODUCTION_BRANCH);
      return { sha: head.commit, method: "unchanged" };
    } catch (error) {
      const mapped = toGitHubError(error, `merge ${sha} into ${owner}/${name}@${PRODUCTION_BRANCH}`);
      if (mapped.status === 409) throw new MergeConflictError(mapped.message);
      throw mapped;
    }
  }

  return { createAppRepo, commitFiles, promote };
}

function toRepo(data: { name: string; owner: { login: string }; html_url: string; default_branch?: string }, ownerKind: AppRepo["ownerKind"]): AppRepo {
  return { owner: data.owner.login, name: data.name, url: data.html_url, ownerKind, defaultBranch: data.default_branch ?? PRODUCTION_BRANCH };
}
