import "server-only";

import { randomInt } from "node:crypto";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { IntegrationError } from "@/lib/errors";
import { assertSafeFiles } from "@/lib/files/safe-files";
import { contentBytes } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import { blobIds, type CommittedFiles, createCommittedFilesMemo, planChanges } from "../../github/committed-files";
import { MergeConflictError } from "../../github/errors";
import { git } from "@/lib/embedded/git-cli";
import { emitLocalPush, type LocalPush, localRepoDir } from "./store";
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
} from "../../github/types";

type Author = { name: string; email: string };

const NAME_ATTEMPTS = 4;
// update-ref's "old value" meaning "the ref must not exist yet".
const ABSENT = "0".repeat(40);
const MAIN_REF = `refs/heads/${PRODUCTION_BRANCH}`;

// Real bare git repositories on disk standing in for GitHub: same operations,
// same answers (name clashes, branches created from main, no commit for an
// unchanged app, promote by fast-forward or merge, conflicts refused).
export function createLocalGitHost({ owner, author }: { owner?: string; author: Author }): GitHost {
  const repoOwner = owner ?? "local";
  const memo = createCommittedFilesMemo();
  const identity = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };

  async function createAppRepo({ name, description }: { name: string; description?: string }): Promise<AppRepo> {
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      const repo = { owner: repoOwner, name: attempt === 0 ? name : withSuffix(name) };
      const dir = repoDir(repo);
      if (!(await claimDirectory(dir))) continue;
      try {
        await git(dir, ["init", "--bare", "-q", `--initial-branch=${PRODUCTION_BRANCH}`]);
        if (description) await writeFile(path.join(dir, "description"), `${description}\n`);
        const tree = await writeTree(dir, null, { "README.md": `# ${repo.name}\n` });
        const initial = await commitTree(dir, tree, [], "Initial commit", identity);
        await git(dir, ["update-ref", MAIN_REF, initial, ABSENT]);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      return { ...repo, url: `file://${dir}`, ownerKind: owner ? "org" : "personal", defaultBranch: PRODUCTION_BRANCH };
    }
    throw new IntegrationError("github", "conflict", `create repository ${repoOwner}/${name}: ${NAME_ATTEMPTS} names taken`);
  }

  // Same rules as the GitHub client: built on the branch head, writing the
  // files the chat changed since `previousCommit` and deleting the ones it
  // removed since, so an outside change to the branch survives.
  async function commitFiles(repo: RepoRef, branch: string, files: FileMap, message: string, options: CommitOptions = {}): Promise<CommitOutcome> {
    assertSafeFiles(files);
    const ref = `refs/heads/${branch}`;
    const wanted = blobIds(files);
    // Queued before any await, so writes for one repo land in call order.
    return serialized(repoDir(repo), async () => {
      const dir = await existingRepo(repo);
      const previous = options.previousCommit;
      const before = previous ? (memo.get(repo, previous) ?? (await readCommitted(dir, repo, previous))) : undefined;
      for (let attempt = 0; ; attempt++) {
        const heads = await branchHeads(dir, [ref, MAIN_REF]);
        const head = heads.get(ref)?.sha ?? null;
        const base = head ? heads.get(ref)! : heads.get(MAIN_REF);
        if (!base) throw new IntegrationError("github", "not_found", `${repo.owner}/${repo.name} has no ${PRODUCTION_BRANCH} branch`);
        // A branch that is gone (or new) starts from main with all the files.
        const since = head ? before : undefined;
        const { write, remove } = planChanges(wanted, since?.files);
        const record = (sha: string) => memo.set(repo, sha, { files: wanted, exact: since === undefined || (head === previous && since.exact) });

        // The usual cycle: the branch is where this pipeline left it, so the
        // plan alone says whether anything changed, and one git process
        // writes the commit (each process started costs tens of ms in a
        // server this size).
        if (head && head === previous && since?.exact) {
          if (write.length === 0 && remove.length === 0) {
            record(head);
            return { sha: head, changed: false };
          }
          const sha = await importCommit(dir, { ref, head, files, write, remove, message, author });
          if (sha) {
            record(sha);
            announce({ repo, branch, sha });
            return { sha, changed: true };
          }
          if (attempt > 0) throw keptMoving(repo, branch);
          continue;
        }

        // A new branch holds exactly the app, like the GitHub client's.
        const tree = await writeTree(dir, head, Object.fromEntries(write.map((p) => [p, files[p]!])), remove);
        let outcome: CommitOutcome;
        if (base.tree === tree) {
          outcome = { sha: base.sha, changed: false };
          if (head) {
            record(base.sha);
            return outcome;
          }
        } else {
          outcome = { sha: await commitTree(dir, tree, [base.sha], message, identity), changed: true };
        }
        if (await moveRef(dir, ref, outcome.sha, head)) {
          record(outcome.sha);
          if (outcome.changed) announce({ repo, branch, sha: outcome.sha });
          return outcome;
        }
        // Another process moved the branch since we read it: rebuild on its new head, once.
        if (attempt > 0) throw keptMoving(repo, branch);
      }
    });
  }

  async function promote(repo: RepoRef, sha: string): Promise<PromoteOutcome> {
    return serialized(repoDir(repo), async () => {
      const dir = await existingRepo(repo);
      await assertCommit(dir, repo, sha);
      for (let attempt = 0; ; attempt++) {
        const main = await mainHead(dir, repo);
        if (main !== sha && isRestoreMessage(await commitMessage(dir, main))) {
          const outcome = await landTree(dir, repo, main, sha, [sha], `Publish ${sha.slice(0, 7)}`);
          if (outcome) return outcome;
          if (attempt > 0) throw keptMoving(repo);
          continue;
        }
        // GitHub answers 204 (nothing to merge) when main already contains the commit.
        if (main === sha || (await isAncestor(dir, sha, main))) return { sha: main, method: "unchanged" };

        const outcome: PromoteOutcome = (await isAncestor(dir, main, sha))
          ? { sha, method: "fast-forward" }
          : { sha: await mergeCommit(dir, main, sha, identity), method: "merge" };
        if (await moveRef(dir, MAIN_REF, outcome.sha, main)) {
          announce({ repo, branch: PRODUCTION_BRANCH, sha: outcome.sha });
          return outcome;
        }
        if (attempt > 0) throw keptMoving(repo);
      }
    });
  }

  async function restore(repo: RepoRef, sha: string): Promise<RestoreOutcome> {
    return serialized(repoDir(repo), async () => {
      const dir = await existingRepo(repo);
      await assertCommit(dir, repo, sha);
      for (let attempt = 0; ; attempt++) {
        const outcome = await landTree(dir, repo, await mainHead(dir, repo), sha, [], restoreMessage(sha));
        if (outcome) return outcome;
        if (attempt > 0) throw keptMoving(repo);
      }
    });
  }

  // `sha`'s files as a new commit on main (parents: `main`, then `joined`),
  // unless main already holds them. Null when another process moved main
  // since it was read.
  async function landTree(dir: string, repo: RepoRef, main: string, sha: string, joined: string[], message: string): Promise<RestoreOutcome | null> {
    const tree = (await resolve(dir, `${sha}^{tree}`))!;
    if ((await resolve(dir, `${main}^{tree}`)) === tree) return { sha: main, method: "unchanged" };
    const commit = await commitTree(dir, tree, [main, ...joined], message, identity);
    if (!(await moveRef(dir, MAIN_REF, commit, main))) return null;
    announce({ repo, branch: PRODUCTION_BRANCH, sha: commit });
    return { sha: commit, method: "restored" };
  }

  return { createAppRepo, commitFiles, promote, restore };
}

async function assertCommit(dir: string, repo: RepoRef, sha: string): Promise<void> {
  if (!/^[0-9a-f]{40}$/.test(sha) || !(await resolve(dir, `${sha}^{commit}`))) {
    throw new IntegrationError("github", "not_found", `commit ${sha} not found in ${repo.owner}/${repo.name}`);
  }
}

async function mainHead(dir: string, repo: RepoRef): Promise<string> {
  const main = await resolve(dir, MAIN_REF);
  if (!main) throw new IntegrationError("github", "not_found", `${repo.owner}/${repo.name} has no ${PRODUCTION_BRANCH} branch`);
  return main;
}

async function commitMessage(dir: string, sha: string): Promise<string> {
  const raw = (await git(dir, ["cat-file", "commit", sha])).stdout;
  return raw.slice(raw.indexOf("\n\n") + 2);
}

function keptMoving(repo: RepoRef, branch = PRODUCTION_BRANCH): IntegrationError {
  return new IntegrationError("github", "not_fast_forward", `${repo.owner}/${repo.name}@${branch} kept moving`);
}

// Every write to one repository runs alone within this process: a preview
// sync and a publish for the same app would otherwise read the same head and
// one would lose the compare-and-swap. Other processes writing the same
// repository are still caught by update-ref's compare-and-swap.
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).catch(() => {}).then(task);
  queues.set(key, next);
  const forget = () => {
    if (queues.get(key) === next) queues.delete(key);
  };
  next.then(forget, forget);
  return next;
}

// Listeners (the local preview host) must not turn a commit that landed into
// a reported failure.
function announce(push: LocalPush): void {
  try {
    emitLocalPush(push);
  } catch (error) {
    console.error(`[git] push listener failed for ${push.repo.owner}/${push.repo.name}@${push.branch}:`, error);
  }
}

// Names become directory names here, so they are held to GitHub's own rule
// (letters, digits, "-", "_", ".") and can never climb out of DATA_DIR.
function repoDir(repo: RepoRef): string {
  for (const part of [repo.owner, repo.name]) {
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(part) || /^\.+$/.test(part)) {
      throw new IntegrationError("github", "rejected", `invalid repository name ${JSON.stringify(`${repo.owner}/${repo.name}`)}`);
    }
  }
  return localRepoDir(repo);
}

async function existingRepo(repo: RepoRef): Promise<string> {
  const dir = repoDir(repo);
  const found = await stat(dir).catch(() => null);
  if (!found?.isDirectory()) throw new IntegrationError("github", "not_found", `repository ${repo.owner}/${repo.name} does not exist`);
  return dir;
}

// mkdir without `recursive` fails when the directory exists, so two
// creators racing for one name can't both get it.
async function claimDirectory(dir: string): Promise<boolean> {
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    await mkdir(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

const SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function withSuffix(name: string): string {
  const suffix = Array.from({ length: 4 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join("");
  return `${name.slice(0, 100 - suffix.length - 1)}-${suffix}`;
}

// Each branch's commit and tree, in one git process.
async function branchHeads(dir: string, refs: string[]): Promise<Map<string, { sha: string; tree: string }>> {
  const listing = await git(dir, ["for-each-ref", "--format=%(refname) %(objectname) %(tree)", "--", ...refs]);
  const heads = new Map<string, { sha: string; tree: string }>();
  for (const line of listing.stdout.split("\n").filter(Boolean)) {
    const [ref, sha, tree] = line.split(" ") as [string, string, string];
    heads.set(ref, { sha, tree });
  }
  return heads;
}

// A commit on `head` writing `write` and deleting `remove`, made by one
// `git fast-import`, which moves `ref` only if it still points at `head`
// (anything else isn't a fast-forward). Null when another process moved it.
async function importCommit(
  dir: string,
  { ref, head, files, write, remove, message, author }: { ref: string; head: string; files: FileMap; write: string[]; remove: string[]; message: string; author: Author },
): Promise<string | null> {
  const when = `${Math.floor(Date.now() / 1000)} +0000`;
  const person = `${author.name} <${author.email}> ${when}`;
  const parts: Uint8Array[] = [];
  const text = (line: string) => parts.push(Buffer.from(line, "utf8"));
  const data = (bytes: Uint8Array) => {
    text(`data ${bytes.byteLength}\n`);
    parts.push(bytes);
    text("\n");
  };
  text(`commit ${ref}\nmark :1\nauthor ${person}\ncommitter ${person}\n`);
  data(Buffer.from(message, "utf8"));
  text(`from ${head}\n`);
  for (const p of remove) text(`D ${quotePath(p)}\n`);
  for (const p of write) {
    text(`M 100644 inline ${quotePath(p)}\n`);
    data(contentBytes(files[p]!));
  }
  text("\nget-mark :1\n");
  const imported = await git(dir, ["fast-import", "--quiet"], { input: Buffer.concat(parts), allowFail: true });
  return imported.code === 0 ? imported.stdout.trim() : null;
}

// fast-import's C-style quoting, which takes any name as it is.
function quotePath(p: string): string {
  return `"${p.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, "\\n")}"`;
}

async function resolve(dir: string, rev: string): Promise<string | null> {
  const { stdout, code } = await git(dir, ["rev-parse", "--verify", "-q", "--end-of-options", rev], { allowFail: true });
  return code === 0 ? stdout.trim() : null;
}

async function isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean> {
  return (await git(dir, ["merge-base", "--is-ancestor", ancestor, descendant], { allowFail: true })).code === 0;
}

// Compare-and-swap: moves `ref` only if it still points at `expected`
// (null: only if it doesn't exist yet).
async function moveRef(dir: string, ref: string, to: string, expected: string | null): Promise<boolean> {
  return (await git(dir, ["update-ref", ref, to, expected ?? ABSENT], { allowFail: true })).code === 0;
}

async function commitTree(dir: string, tree: string, parents: string[], message: string, identity: Record<string, string>): Promise<string> {
  const args = ["commit-tree", tree, ...parents.flatMap((p) => ["-p", p]), "-F", "-"];
  return (await git(dir, args, { input: message, env: identity })).stdout.trim();
}

// A merge commit of `main` and `sha`, built without a working tree. A
// conflict writes nothing a branch points to, so `main` stays as it was.
async function mergeCommit(dir: string, main: string, sha: string, identity: Record<string, string>): Promise<string> {
  const merged = await git(dir, ["merge-tree", "--write-tree", "--name-only", main, sha], { allowFail: true });
  if (merged.code === 1) {
    const conflicted = merged.stdout.split("\n\n")[0]!.split("\n").slice(1).join(", ");
    throw new MergeConflictError(`merge ${sha} into ${PRODUCTION_BRANCH}: conflicts in ${conflicted}`);
  }
  if (merged.code !== 0) throw new IntegrationError("github", "unavailable", `merge-tree exited ${merged.code}: ${merged.stderr}`);
  const tree = merged.stdout.split("\n")[0]!.trim();
  return commitTree(dir, tree, [main, sha], `Publish ${sha.slice(0, 7)}`, identity);
}

// The tree of `base` (or an empty one) with `files` written and `remove`
// deleted, built in a throwaway index: one process writes every blob, one
// fills the index, one writes the tree, whatever the file count.
async function writeTree(dir: string, base: string | null, files: FileMap, remove: string[] = []): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "local-git-"));
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, "index") };
    if (base) await git(dir, ["read-tree", "--end-of-options", base], { env });
    const paths = Object.keys(files);
    let blobs: string[] = [];
    if (paths.length > 0) {
      const sources: string[] = [];
      for (const [i, filePath] of paths.entries()) {
        sources.push(path.join(scratch, `blob-${i}`));
        // Text as UTF-8, bytes as they are: the blob id is `git hash-object` of the content.
        await writeFile(sources[i]!, files[filePath]!);
      }
      const hashed = await git(dir, ["hash-object", "-w", "--no-filters", "--stdin-paths"], { input: sources.join("\n") + "\n" });
      blobs = hashed.stdout.trim().split("\n");
    }
    // NUL-terminated records: names with quotes or spaces are taken as they
    // are. Mode 0 removes a path (a path the base lacks is simply absent).
    const records = [...remove.map((p) => `0 ${ABSENT}\t${p}\0`), ...paths.map((p, i) => `100644 ${blobs[i]}\t${p}\0`)].join("");
    if (records) await git(dir, ["update-index", "-z", "--add", "--replace", "--index-info"], { input: records, env });
    return (await git(dir, ["write-tree"], { env })).stdout.trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// Null when the repository has no such commit.
async function listBlobs(dir: string, sha: string): Promise<{ object: string; filePath: string }[] | null> {
  const listing = await git(dir, ["ls-tree", "-r", "-z", "--end-of-options", `${sha}^{commit}`], { allowFail: true });
  if (listing.code !== 0) return null;
  return listing.stdout
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf("\t");
      const [, type, object] = line.slice(0, tab).split(" ") as [string, string, string];
      return { type, object, filePath: line.slice(tab + 1) };
    })
    .filter((entry) => entry.type === "blob");
}

// The files of a commit the pipeline made but this process doesn't remember:
// every file on it counts as the chat's, as with the GitHub client. A commit
// the repository doesn't have is treated as no previous commit.
async function readCommitted(dir: string, repo: RepoRef, sha: string): Promise<CommittedFiles | undefined> {
  const blobs = /^[0-9a-f]{40}$/.test(sha) ? await listBlobs(dir, sha) : null;
  if (!blobs) {
    console.warn(`[git] previous commit ${sha} is not in ${repo.owner}/${repo.name}; writing every file`);
    return undefined;
  }
  const files = new Map(blobs.map((b) => [b.filePath, b.object]));
  return { files, exact: true };
}
