import "server-only";

import { createHash, randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { IntegrationError } from "@/lib/errors";
import { assertSafeFiles } from "@/lib/files/safe-files";
import type { FileContent, FileMap } from "@/lib/files/types";
import { type BlobIds, blobIds, type CommittedFiles, createCommittedFilesMemo, planChanges } from "./committed-files";
import { MergeConflictError, toGitHubError } from "./errors";
import {
  type AppRepo,
  type CommitOptions,
  type CommitOutcome,
  type GitHost,
  isRestoreMessage,
  PRODUCTION_BRANCH,
  type PromoteOutcome,
  type RepoRef,
  type RestoreOutcome,
  restoreMessage,
} from "./types";

const GitHubClient = Octokit.plugin(retry, throttling);

export type GitHubHostOptions = {
  token: string;
  org?: string;
  baseUrl: string;
  author: { name: string; email: string };
  // plugin-throttling paces writes per id across every client in the process.
  // Defaults to a hash of the token: clients sharing a token share GitHub's
  // limits, clients with different tokens don't wait on each other.
  throttleId?: string;
  // Only for tests and benchmarks against a local server: `enabled: false`
  // drops the throttling plugin (and its one-second spacing of writes), and
  // every retry wait counts `retryAfterBaseMs` per second instead of 1000.
  pacing?: { enabled: boolean; retryAfterBaseMs: number };
};

const NAME_ATTEMPTS = 4;
const GITHUB_NAME_MAX = 100;
const RATE_LIMIT_RETRIES = 2;
// A longer wait (a primary quota resets hourly) would outlast the deploy
// lease; failing lets the builder see "try again later" instead of a hang.
const MAX_RATE_LIMIT_WAIT_S = 90;
// Right after creation GitHub can briefly answer 404 for a new repository's
// branch (eventual consistency); the first commit waits a little for it.
const NEW_REPO_WAITS_S = [0.5, 1, 2];
const FILE_MODE = "100644" as const;

type Head = { commit: string; tree: string; exists: boolean };
type BranchHead = { commit: string; tree: string; message: string };

export function createGitHubHost(options: GitHubHostOptions): GitHost {
  const unitMs = options.pacing?.retryAfterBaseMs ?? 1000;
  const octokit = new GitHubClient({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "chat-driven-staging-deploy",
    retry: {
      // 409/422 on refs and merges are answers (conflict, not a fast
      // forward), never hiccups: resending could only repeat them. 429 is
      // left to the throttling plugin, which honours retry-after.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
      retryAfterBaseValue: unitMs,
    },
    throttle: {
      enabled: options.pacing?.enabled ?? true,
      id: options.throttleId ?? tokenId(options.token),
      retryAfterBaseValue: unitMs,
      onRateLimit: retryBriefly("rate limit"),
      onSecondaryRateLimit: retryBriefly("secondary rate limit"),
    },
  });
  const identity = { name: options.author.name, email: options.author.email };
  const memo = createCommittedFilesMemo();
  // Once the organisation refused a repository, later apps go straight to the
  // token's own account, for as long as this client lives (the process: the
  // app keeps one). A restart asks the organisation again.
  let orgRefusal: string | undefined;

  async function call<T>(during: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toGitHubError(error, during);
    }
  }

  async function createAppRepo({ name, description }: { name: string; description?: string }): Promise<AppRepo> {
    let org = orgRefusal ? undefined : options.org;
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      const candidate = attempt === 0 ? name : withSuffix(name);
      const body = { name: candidate, description, private: true, auto_init: true };
      const target = org;
      if (target) {
        try {
          const { data } = await call(`create repository ${target}/${candidate}`, () => octokit.rest.repos.createInOrg({ org: target, ...body }));
          return toRepo(data, "org");
        } catch (error) {
          const mapped = error as IntegrationError;
          if (mapped.kind === "conflict") continue;
          if (!orgRefused(mapped)) throw mapped;
          console.warn(`[github] organisation ${target} refused the repository; this and later apps use the token's own account: ${mapped.message}`);
          orgRefusal = mapped.message;
          org = undefined;
        }
      }
      try {
        const { data } = await call(`create repository ${candidate}`, () => octokit.rest.repos.createForAuthenticatedUser(body));
        return toRepo(data, "personal");
      } catch (error) {
        if ((error as IntegrationError).kind !== "conflict") throw error;
      }
    }
    throw new IntegrationError("github", "conflict", `create repository ${name}: ${NAME_ATTEMPTS} names taken`);
  }

  // The app's files onto the branch head (base_tree), so an outside change
  // to staging survives: only the files the chat changed since the commit it
  // last made (`previousCommit`) are written, only the ones it removed are
  // deleted. Text goes inline; bytes (images) as base64 blobs, and only those
  // the repository doesn't hold yet. 4 requests when something changed (+1
  // per new image), 1 when nothing did.
  async function commitFiles(repo: RepoRef, branch: string, files: FileMap, message: string, options: CommitOptions = {}): Promise<CommitOutcome> {
    assertSafeFiles(files);
    const { owner, name } = repo;
    const where = `${owner}/${name}@${branch}`;
    const wanted = blobIds(files);
    const previous = options.previousCommit;
    const before = previous ? (memo.get(repo, previous) ?? (await readCommitted(repo, previous))) : undefined;
    // Blobs GitHub already has, so referencing them costs nothing.
    const stored = new Set(before?.files.values());
    let head = await readHead(repo, branch);
    let created: string | undefined;

    for (let attempt = 0; ; attempt++) {
      // A ref write retried after a 5xx may have landed the first time and
      // then report "already exists": the head is then our own commit.
      if (created && head.commit === created) return { sha: created, changed: true };
      // A branch that is gone (or new) starts from main with all the files.
      const since = head.exists ? before : undefined;
      const { write, remove } = planChanges(wanted, since?.files);
      // We know every file the chat had is on this head only if it is the
      // commit we last made and we knew it exactly; else a deletion must be
      // checked against the head (GitHub refuses deleting a missing path).
      const known = head.commit === previous && since?.exact === true;
      const onHead = remove.length > 0 && !known ? await readFiles(repo, head.commit) : undefined;
      const deletions = onHead ? remove.filter((path) => onHead.has(path)) : remove;
      const written = new Set(write);
      const exact = since === undefined || known || (onHead !== undefined && [...wanted].every(([p, id]) => written.has(p) || onHead.get(p) === id));
      const result = (sha: string, changed: boolean): CommitOutcome => {
        memo.set(repo, sha, { files: wanted, exact });
        return { sha, changed };
      };
      try {
        if (write.length === 0 && deletions.length === 0 && head.exists) return result(head.commit, false);
        const entries = [
          ...(await Promise.all(write.map((path) => treeEntry(repo, path, files[path]!, wanted.get(path)!, stored)))),
          ...deletions.map((path) => ({ path, mode: FILE_MODE, type: "blob" as const, sha: null })),
        ];
        // A new branch holds exactly the app (no base_tree): nothing of
        // main's initial README or history is taken for the chat's.
        const base = head.exists ? { base_tree: head.tree } : {};
        const tree = (await call(`create tree in ${where}`, () => octokit.rest.git.createTree({ owner, repo: name, ...base, tree: entries }))).data.sha;
        // Every blob the tree names now exists: a rebuild references them by id.
        for (const path of write) stored.add(wanted.get(path)!);
        if (tree === head.tree) {
          if (!head.exists) await createBranch(repo, branch, head.commit);
          return result(head.commit, false);
        }
        const parent = head.commit;
        const commit = await call(`create commit in ${where}`, () =>
          octokit.rest.git.createCommit({ owner, repo: name, message, tree, parents: [parent], author: identity, committer: identity }),
        );
        created = commit.data.sha;
        if (head.exists) {
          const sha = created;
          await call(`update ${where}`, () => octokit.rest.git.updateRef({ owner, repo: name, ref: `heads/${branch}`, sha, force: false }));
        } else {
          await createBranch(repo, branch, created);
        }
        return result(created, true);
      } catch (error) {
        // Someone else moved or created the branch: rebuild on its new head, once.
        if (attempt > 0 || !lostRace(error as IntegrationError)) throw error;
      }
      head = await readHead(repo, branch);
    }
  }

  async function treeEntry(repo: RepoRef, path: string, content: FileContent, id: string, stored: Set<string>) {
    const file = { path, mode: FILE_MODE, type: "blob" as const };
    if (stored.has(id)) return { ...file, sha: id };
    if (typeof content === "string") return { ...file, content };
    return { ...file, sha: await createBlob(repo, content) };
  }

  // The files of a commit the pipeline made but no longer remembers (after a
  // restart): one recursive tree read. Every file on it counts as the chat's.
  // A commit the repository doesn't have is treated as no previous commit.
  async function readCommitted(repo: RepoRef, sha: string): Promise<CommittedFiles | undefined> {
    try {
      const known = { files: await readFiles(repo, sha), exact: true };
      memo.set(repo, sha, known);
      return known;
    } catch (error) {
      if ((error as IntegrationError).kind !== "not_found") throw error;
      console.warn(`[github] previous commit ${sha} is not in ${repo.owner}/${repo.name}; writing every file`);
      return undefined;
    }
  }

  async function readFiles(repo: RepoRef, sha: string): Promise<BlobIds> {
    const { data } = await call(`read files of ${repo.owner}/${repo.name}@${sha}`, () =>
      octokit.rest.git.getTree({ owner: repo.owner, repo: repo.name, tree_sha: sha, recursive: "true" }),
    );
    if (data.truncated) throw new IntegrationError("github", "rejected", `tree of ${repo.owner}/${repo.name}@${sha} is too large to list`);
    return new Map(data.tree.filter((e) => e.type === "blob" && e.path && e.sha).map((e) => [e.path!, e.sha!]));
  }

  async function createBlob(repo: RepoRef, bytes: Uint8Array): Promise<string> {
    const { data } = await call(`create blob in ${repo.owner}/${repo.name}`, () =>
      octokit.rest.git.createBlob({ owner: repo.owner, repo: repo.name, content: Buffer.from(bytes).toString("base64"), encoding: "base64" }),
    );
    return data.sha;
  }

  // The branch head and its tree in one call. A missing branch starts from
  // main and is created pointing straight at the new commit (no extra call).
  async function readHead(repo: RepoRef, branch: string): Promise<Head> {
    try {
      return { ...(await readBranch(repo, branch)), exists: true };
    } catch (error) {
      if ((error as IntegrationError).kind !== "not_found" || branch === PRODUCTION_BRANCH) throw error;
    }
    for (let attempt = 0, seeded = false; ; attempt++) {
      try {
        return { ...(await readBranch(repo, PRODUCTION_BRANCH)), exists: false };
      } catch (error) {
        if ((error as IntegrationError).kind !== "not_found") throw error;
        if (attempt >= NEW_REPO_WAITS_S.length) {
          // A repository whose first commit never happened has no branch at
          // all and refuses every git-data call: give it one, then go on.
          if (seeded || !(await isEmptyRepo(repo))) throw error;
          await seedEmptyRepo(repo);
          // The new main may take a moment to show, like a new repository's.
          seeded = true;
          attempt = -1;
          continue;
        }
      }
      await sleep(NEW_REPO_WAITS_S[attempt]! * unitMs);
    }
  }

  async function isEmptyRepo(repo: RepoRef): Promise<boolean> {
    try {
      await call(`read ${repo.owner}/${repo.name}@${PRODUCTION_BRANCH}`, () =>
        octokit.rest.git.getTree({ owner: repo.owner, repo: repo.name, tree_sha: PRODUCTION_BRANCH }),
      );
      return false;
    } catch (error) {
      const mapped = error as IntegrationError;
      if (mapped.status === 409 && /repository is empty/i.test(mapped.message)) return true;
      if (mapped.kind === "not_found") return false;
      throw error;
    }
  }

  // The Contents API is the one write GitHub accepts in an empty repository:
  // it makes the first commit (a README, as auto_init would have).
  async function seedEmptyRepo(repo: RepoRef): Promise<void> {
    console.warn(`[github] ${repo.owner}/${repo.name} has no first commit; creating it`);
    await call(`create the first commit in ${repo.owner}/${repo.name}`, () =>
      octokit.rest.repos.createOrUpdateFileContents({
        owner: repo.owner,
        repo: repo.name,
        path: "README.md",
        branch: PRODUCTION_BRANCH,
        message: "Initial commit",
        content: Buffer.from(`# ${repo.name}\n`).toString("base64"),
        author: identity,
        committer: identity,
      }),
    );
  }

  async function readBranch(repo: RepoRef, branch: string): Promise<BranchHead> {
    const { data } = await call(`read ${repo.owner}/${repo.name}@${branch}`, () =>
      octokit.rest.repos.getBranch({ owner: repo.owner, repo: repo.name, branch }),
    );
    return { commit: data.commit.sha, tree: data.commit.commit.tree.sha, message: data.commit.commit.message };
  }

  async function readCommitTree(repo: RepoRef, sha: string): Promise<string> {
    const { data } = await call(`read commit ${sha} of ${repo.owner}/${repo.name}`, () =>
      octokit.rest.git.getCommit({ owner: repo.owner, repo: repo.name, commit_sha: sha }),
    );
    return data.tree.sha;
  }

  // `tree` as a new commit on main (parents: main's head, then `joined`),
  // unless main already holds it. Someone else moving main meanwhile: built
  // again on the new head, once. 2 requests, once main's head is known.
  async function landTree(repo: RepoRef, main: BranchHead, tree: string, joined: string[], message: string): Promise<RestoreOutcome> {
    const { owner, name } = repo;
    const where = `${owner}/${name}@${PRODUCTION_BRANCH}`;
    for (let attempt = 0; ; attempt++) {
      if (main.tree === tree) return { sha: main.commit, method: "unchanged" };
      const parents = [main.commit, ...joined];
      const { data } = await call(`create commit in ${where}`, () =>
        octokit.rest.git.createCommit({ owner, repo: name, message, tree, parents, author: identity, committer: identity }),
      );
      try {
        await call(`update ${where}`, () => octokit.rest.git.updateRef({ owner, repo: name, ref: `heads/${PRODUCTION_BRANCH}`, sha: data.sha, force: false }));
        return { sha: data.sha, method: "restored" };
      } catch (error) {
        if (attempt > 0 || !lostRace(error as IntegrationError)) throw error;
      }
      main = await readBranch(repo, PRODUCTION_BRANCH);
    }
  }

  // 4 requests: main's head, the commit's tree, the new commit, the ref (2
  // when main already holds those files).
  async function restore(repo: RepoRef, sha: string): Promise<RestoreOutcome> {
    const main = await readBranch(repo, PRODUCTION_BRANCH);
    return landTree(repo, main, await readCommitTree(repo, sha), [], restoreMessage(sha));
  }

  async function createBranch(repo: RepoRef, branch: string, sha: string): Promise<void> {
    await call(`create ${repo.owner}/${repo.name}@${branch}`, () =>
      octokit.rest.git.createRef({ owner: repo.owner, repo: repo.name, ref: `refs/heads/${branch}`, sha }),
    );
  }

  async function promote(repo: RepoRef, sha: string): Promise<PromoteOutcome> {
    const { owner, name } = repo;
    const where = `${owner}/${name}@${PRODUCTION_BRANCH}`;
    // Read first: a no-op update answers 200 like a real fast forward, and
    // "unchanged" tells the caller no production deployment will follow.
    const main = await readBranch(repo, PRODUCTION_BRANCH);
    if (main.commit === sha) return { sha, method: "unchanged" };
    if (isRestoreMessage(main.message)) return landTree(repo, main, await readCommitTree(repo, sha), [sha], `Publish ${sha.slice(0, 7)}`);
    try {
      await call(`fast-forward ${where} to ${sha}`, () =>
        octokit.rest.git.updateRef({ owner, repo: name, ref: `heads/${PRODUCTION_BRANCH}`, sha, force: false }),
      );
      return { sha, method: "fast-forward" };
    } catch (error) {
      if ((error as IntegrationError).kind !== "not_fast_forward") throw error;
    }
    let merged;
    try {
      merged = await octokit.rest.repos.merge({ owner, repo: name, base: PRODUCTION_BRANCH, head: sha, commit_message: `Publish ${sha.slice(0, 7)}` });
    } catch (error) {
      const mapped = toGitHubError(error, `merge ${sha} into ${where}`);
      if (mapped.status === 409) throw new MergeConflictError(mapped.message, { status: 409, cause: error });
      throw mapped;
    }
    if (merged.status === 201) return { sha: merged.data.sha, method: "merge" };
    // 204: main already contains the commit (it moved on past it).
    return { sha: (await readBranch(repo, PRODUCTION_BRANCH)).commit, method: "unchanged" };
  }

  return { createAppRepo, commitFiles, promote, restore };
}

function retryBriefly(kind: string) {
  return (retryAfter: number, request: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
    const again = retryCount < RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
    console.warn(`[github] ${kind} on ${request.method} ${request.url}: ${again ? `retrying in ${retryAfter}s` : "giving up"}`);
    return again;
  };
}

// The organisation itself said no (no such org, no right to create there,
// org policy): the token's own account can still hold the app.
function orgRefused(error: IntegrationError): boolean {
  if (error.status === 404) return true;
  return (error.status === 403 || error.status === 422) && error.kind === "rejected";
}

function lostRace(error: IntegrationError): boolean {
  return error.kind === "not_fast_forward" || (error.status === 422 && /reference already exists/i.test(error.message));
}

const SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

// A taken name gets a short random suffix; an existing repository is never
// reused, since it may belong to another app or person.
function withSuffix(name: string): string {
  const suffix = Array.from({ length: 4 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join("");
  return `${name.slice(0, GITHUB_NAME_MAX - suffix.length - 1)}-${suffix}`;
}

function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}

function toRepo(data: { name: string; owner: { login: string }; html_url: string; default_branch?: string }, ownerKind: AppRepo["ownerKind"]): AppRepo {
  return { owner: data.owner.login, name: data.name, url: data.html_url, ownerKind, defaultBranch: data.default_branch ?? PRODUCTION_BRANCH };
}
