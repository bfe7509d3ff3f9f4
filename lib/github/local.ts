import "server-only";

import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { IntegrationError } from "@/lib/errors";
import { assertSafeFiles } from "@/lib/files/safe-files";
import type { FileMap } from "@/lib/files/types";
import { MergeConflictError } from "./errors";
import { git, serialized } from "./git-cli";
import { emitLocalPush, localRepoDir } from "./local-store";
import { type AppRepo, type CommitOutcome, type GitHost, PRODUCTION_BRANCH, type PromoteOutcome, type RepoRef } from "./types";

type Author = { name: string; email: string };
const NO_COMMIT = "0".repeat(40);

// Real git repositories on disk standing in for GitHub: same operations,
// same answers (name clashes, branches, one commit per change, promote by
// fast-forward or merge, conflicts refused).
export function createLocalGitHost({ owner, author }: { owner?: string; author: Author }): GitHost {
  const repoOwner = owner ?? "local";
  const identity = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };

  async function createAppRepo({ name }: { name: string; description?: string }): Promise<AppRepo> {
    let repoName = name;
    while (existsSync(localRepoDir({ owner: repoOwner, name: repoName }))) {
      repoName = `${name}-${randomBytes(2).toString("hex")}`;
    }
    const dir = localRepoDir({ owner: repoOwner, name: repoName });
    await mkdir(path.dirname(dir), { recursive: true });
    await git(dir, ["init", "--bare", "-q", "-b", PRODUCTION_BRANCH]);
    const tree = await writeTree(dir, { "README.md": `# ${repoName}\n` });
    const { stdout } = await git(dir, ["commit-tree", tree, "-m", "Initial commit"], { env: identity });
    await git(dir, ["update-ref", `refs/heads/${PRODUCTION_BRANCH}`, stdout.trim(), NO_COMMIT]);
    return {
      owner: repoOwner,
      name: repoName,
      url: `file://${dir}`,
      ownerKind: owner ? "org" : "personal",
      defaultBranch: PRODUCTION_BRANCH,
    };
  }

  async function commitFiles(repo: RepoRef, branch: string, files: FileMap, message: string): Promise<CommitOutcome> {
    assertSafeFiles(files);
    const dir = existingRepo(repo);
    return serialized(dir, async () => {
      const tree = await writeTree(dir, files);
      for (let attempt = 0; ; attempt++) {
        const head = await revParse(dir, `refs/heads/${branch}`);
        const base = head ?? (await revParse(dir, `refs/heads/${PRODUCTION_BRANCH}`));
        if (!base) throw new IntegrationError("github", "not_found", `${repo.owner}/${repo.name} has no ${PRODUCTION_BRANCH} branch`);
        if ((await revParse(dir, `${base}^{tree}`)) === tree) {
          if (!head) await git(dir, ["update-ref", `refs/heads/${branch}`, base, NO_COMMIT]);
          return { sha: base, changed: false };
        }
        const { stdout } = await git(dir, ["commit-tree", tree, "-p", base, "-m", message], { env: identity });
        const sha = stdout.trim();
        // Compare-and-swap: only moves the branch if nobody moved it meanwhile.
        const moved = await git(dir, ["update-ref", `refs/heads/${branch}`, sha, head ?? NO_COMMIT], { allowFail: true });
        if (moved.code === 0) {
          emitLocalPush({ repo, branch, sha });
          return { sha, changed: true };
        }
        if (attempt > 0) throw new IntegrationError("github", "not_fast_forward", `${branch} kept moving in ${repo.owner}/${repo.name}`);
      }
    });
  }

  async function promote(repo: RepoRef, sha: string): Promise<PromoteOutcome> {
    const dir = existingRepo(repo);
    return serialized(dir, async () => {
      const ref = `refs/heads/${PRODUCTION_BRANCH}`;
      const main = await revParse(dir, ref);
      if (!main) throw new IntegrationError("github", "not_found", `${repo.owner}/${repo.name} has no ${PRODUCTION_BRANCH} branch`);
      if (!(await revParse(dir, `${sha}^{commit}`))) throw new IntegrationError("github", "not_found", `commit ${sha} not found`);
      if (main === sha || (await isAncestor(dir, sha, main))) return { sha: main, method: "unchanged" };

      if (await isAncestor(dir, main, sha)) {
        await git(dir, ["update-ref", ref, sha, main]);
        emitLocalPush({ repo, branch: PRODUCTION_BRANCH, sha });
        return { sha, method: "fast-forward" };
      }
      const merged = await git(dir, ["merge-tree", "--write-tree", "--messages", main, sha], { allowFail: true });
      if (merged.code === 1) throw new MergeConflictError(`merging ${sha} into ${PRODUCTION_BRANCH}: ${merged.stdout.trim()}`);
      if (merged.code !== 0) throw new IntegrationError("github", "unavailable", `merge-tree failed: ${merged.stdout.trim()}`);
      const tree = merged.stdout.split("\n")[0]!.trim();
      const { stdout } = await git(dir, ["commit-tree", tree, "-p", main, "-p", sha, "-m", `Publish ${sha.slice(0, 7)}`], { env: identity });
      const mergeSha = stdout.trim();
      await git(dir, ["update-ref", ref, mergeSha, main]);
      emitLocalPush({ repo, branch: PRODUCTION_BRANCH, sha: mergeSha });
      return { sha: mergeSha, method: "merge" };
    });
  }

  return { createAppRepo, commitFiles, promote };
}

// The files of a commit, as the local preview host needs them to build.
export async function readTreeAt(repo: RepoRef, sha: string): Promise<FileMap> {
  const dir = existingRepo(repo);
  const { stdout } = await git(dir, ["ls-tree", "-r", "-z", sha]);
  const entries = stdout
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta, filePath] = line.split("\t") as [string, string];
      const [, type, blob] = meta.split(" ") as [string, string, string];
      return { type, blob, filePath };
    })
    .filter((e) => e.type === "blob");
  if (entries.length === 0) return {};
  const batch = await git(dir, ["cat-file", "--batch"], { input: entries.map((e) => e.blob).join("\n") + "\n" });
  return parseBatch(batch.stdout, entries.map((e) => e.filePath));
}

function parseBatch(output: string, paths: string[]): FileMap {
  const files: FileMap = {};
  const buffer = Buffer.from(output, "utf8");
  let offset = 0;
  for (const filePath of paths) {
    const headerEnd = buffer.indexOf(0x0a, offset);
    const size = Number(buffer.subarray(offset, headerEnd).toString("utf8").split(" ")[2]);
    files[filePath] = buffer.subarray(headerEnd + 1, headerEnd + 1 + size).toString("utf8");
    offset = headerEnd + 1 + size + 1;
  }
  return files;
}

function existingRepo(repo: RepoRef): string {
  const dir = localRepoDir(repo);
  if (!existsSync(dir)) throw new IntegrationError("github", "not_found", `repository ${repo.owner}/${repo.name} does not exist`);
  return dir;
}

async function revParse(dir: string, rev: string): Promise<string | null> {
  const { stdout, code } = await git(dir, ["rev-parse", "--verify", "-q", rev], { allowFail: true });
  return code === 0 ? stdout.trim() : null;
}

async function isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean> {
  return (await git(dir, ["merge-base", "--is-ancestor", ancestor, descendant], { allowFail: true })).code === 0;
}

// Builds a tree holding exactly `files`: blobs are written in one process,
// the tree from a throwaway index in two more, whatever the file count.
async function writeTree(dir: string, files: FileMap): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "local-git-"));
  try {
    const paths = Object.keys(files).sort();
    const sources = await Promise.all(
      paths.map(async (filePath, i) => {
        const source = path.join(scratch, String(i));
        await writeFile(source, files[filePath]!, "utf8");
        return source;
      }),
    );
    const index = path.join(scratch, "index");
    if (paths.length > 0) {
      const { stdout } = await git(dir, ["hash-object", "-w", "--stdin-paths"], { input: sources.join("\n") + "\n" });
      const blobs = stdout.trim().split("\n");
      const info = paths.map((p, i) => `100644 ${blobs[i]}\t${p}`).join("\n") + "\n";
      await git(dir, ["update-index", "--add", "--index-info"], { input: info, env: { GIT_INDEX_FILE: index } });
    }
    const { stdout } = await git(dir, ["write-tree"], { env: { GIT_INDEX_FILE: index } });
    return stdout.trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
