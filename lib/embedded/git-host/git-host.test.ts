import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { MergeConflictError } from "../../github/errors";
import { asFileContent } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import { readCommitFiles } from "@/lib/embedded/preview-host/git-tree";
import { createLocalGitHost } from "./index";
import { type LocalPush, localRepoDir, onLocalPush } from "./store";
import type { RepoRef } from "../../github/types";

const author = { name: "Builder", email: "builder@example.com" };
const host = createLocalGitHost({ author });

const gitOut = (repo: RepoRef, ...args: string[]) =>
  execFileSync("git", ["--git-dir", localRepoDir(repo), ...args], { encoding: "utf8", env: { NODE_ENV: "test", PATH: process.env.PATH } }).trim();
const gitIn = (repo: RepoRef, args: string[], input: string | Buffer, env: Record<string, string> = {}) =>
  execFileSync("git", ["--git-dir", localRepoDir(repo), ...args], { input, encoding: "utf8", env: { NODE_ENV: "test", PATH: process.env.PATH, ...env } }).trim();
const filesAt = (repo: RepoRef, rev: string) => gitOut(repo, "ls-tree", "-r", "--name-only", rev).split("\n").filter(Boolean);
// What the local preview host reads back from a commit.
const readTreeAt = async (repo: RepoRef, sha: string): Promise<FileMap> =>
  Object.fromEntries([...(await readCommitFiles(localRepoDir(repo), sha))].map(([p, bytes]) => [p, asFileContent(new Uint8Array(bytes))]));
const looseObjects = (repo: RepoRef) => gitOut(repo, "count-objects", "-v").match(/^count: (\d+)$/m)![1];

// Someone else pushes to the branch (null deletes a file).
function outsidePush(repo: RepoRef, branch: string, changes: Record<string, string | null>): string {
  const env = { GIT_INDEX_FILE: path.join(mkdtempSync(path.join(os.tmpdir(), "outside-")), "index") };
  gitIn(repo, ["read-tree", branch], "", env);
  for (const [file, content] of Object.entries(changes)) {
    if (content === null) gitIn(repo, ["update-index", "--force-remove", file], "", env);
    else gitIn(repo, ["update-index", "--add", "--cacheinfo", `100644,${gitIn(repo, ["hash-object", "-w", "--stdin"], content)},${file}`], "", env);
  }
  const who = { GIT_AUTHOR_NAME: "Someone", GIT_AUTHOR_EMAIL: "someone@example.com", GIT_COMMITTER_NAME: "Someone", GIT_COMMITTER_EMAIL: "someone@example.com" };
  const commit = gitIn(repo, ["commit-tree", gitIn(repo, ["write-tree"], "", env), "-p", branch], "Outside change", who);
  gitIn(repo, ["update-ref", `refs/heads/${branch}`, commit], "");
  return commit;
}

let stopListening: (() => void) | undefined;
afterEach(() => stopListening?.());
function recordPushes(): LocalPush[] {
  const pushes: LocalPush[] = [];
  stopListening = onLocalPush((push) => pushes.push(push));
  return pushes;
}

describe("local git host: repositories", () => {
  it("creates a bare repo under DATA_DIR with an initial README commit on main", async () => {
    const repo = await host.createAppRepo({ name: "bakery", description: "Ana's bakery" });
    const dir = path.join(getEnv().DATA_DIR, "git", "local", "bakery.git");
    expect(repo).toEqual({ owner: "local", name: "bakery", url: `file://${dir}`, ownerKind: "personal", defaultBranch: "main" });
    expect(gitOut(repo, "rev-parse", "--is-bare-repository")).toBe("true");
    expect(gitOut(repo, "symbolic-ref", "HEAD")).toBe("refs/heads/main");
    expect(gitOut(repo, "log", "--format=%s|%an <%ae>|%cn", "main")).toBe("Initial commit|Builder <builder@example.com>|Builder");
    expect(filesAt(repo, "main")).toEqual(["README.md"]);
    expect(gitOut(repo, "show", "main:README.md")).toBe("# bakery");
    expect(readFileSync(path.join(dir, "description"), "utf8")).toBe("Ana's bakery\n");
  });

  it("gives a taken name a short suffix and never touches the existing repo", async () => {
    const first = await host.createAppRepo({ name: "todo" });
    const before = gitOut(first, "rev-parse", "main");
    const second = await host.createAppRepo({ name: "todo" });
    expect(second.name).toMatch(/^todo-[a-z0-9]{4}$/);
    expect(gitOut(first, "rev-parse", "main")).toBe(before);
    expect(gitOut(second, "show", "main:README.md")).toBe(`# ${second.name}`);
  });

  it("hands out distinct names to simultaneous creators", async () => {
    const repos = await Promise.all(Array.from({ length: 4 }, () => host.createAppRepo({ name: "race" })));
    expect(new Set(repos.map((r) => r.name)).size).toBe(4);
    for (const repo of repos) expect(gitOut(repo, "rev-list", "--count", "main")).toBe("1");
  });

  it("puts repos under the configured organisation", async () => {
    const repo = await createLocalGitHost({ owner: "acme", author }).createAppRepo({ name: "shop" });
    expect(repo).toMatchObject({ owner: "acme", name: "shop", ownerKind: "org" });
    expect(existsSync(path.join(getEnv().DATA_DIR, "git", "acme", "shop.git"))).toBe(true);
  });

  it("refuses names that could leave the data directory, and unknown repos", async () => {
    for (const name of ["../escape", "a/b", "..", ""]) {
      await expect(host.createAppRepo({ name })).rejects.toMatchObject({ kind: "rejected" });
    }
    expect(existsSync(path.join(getEnv().DATA_DIR, "git", "escape.git"))).toBe(false);
    await expect(host.commitFiles({ owner: "local", name: "nope" }, "staging", {}, "m")).rejects.toMatchObject({ service: "github", kind: "not_found" });
  });
});

describe("local git host: commits", () => {
  it("commits exactly the given files to staging, created from main, and announces the push", async () => {
    const repo = await host.createAppRepo({ name: "notes" });
    const pushes = recordPushes();
    const one = await host.commitFiles(repo, "staging", { "app/page.tsx": "one", "lib/a.ts": "a" }, "Update from chat (v1)");
    expect(one.changed).toBe(true);
    expect(gitOut(repo, "rev-parse", "staging")).toBe(one.sha);
    expect(gitOut(repo, "rev-parse", "staging^")).toBe(gitOut(repo, "rev-parse", "main"));
    expect(gitOut(repo, "log", "-1", "--format=%B|%an <%ae>|%cn <%ce>", "staging")).toBe(
      "Update from chat (v1)|Builder <builder@example.com>|Builder <builder@example.com>",
    );
    // A new branch holds exactly the app's files: main's README is not carried over.
    expect(filesAt(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts"]);
    expect(filesAt(repo, "main")).toEqual(["README.md"]);
    expect(pushes).toEqual([{ repo, branch: "staging", sha: one.sha }]);
  });

  it("removes files the chat removed since the previous commit", async () => {
    const repo = await host.createAppRepo({ name: "deletions" });
    const one = await host.commitFiles(repo, "staging", { "app/page.tsx": "one", "app/old.tsx": "old", "lib/a.ts": "a" }, "first");
    const two = await host.commitFiles(repo, "staging", { "app/page.tsx": "two" }, "second", { previousCommit: one.sha });
    expect(filesAt(repo, "staging")).toEqual(["app/page.tsx"]);
    expect(gitOut(repo, "show", "staging:app/page.tsx")).toBe("two");
    expect(gitOut(repo, "rev-parse", "staging^")).toBe(one.sha);
    expect(gitOut(repo, "diff", "--name-status", one.sha, two.sha).split("\n")).toEqual(["D\tapp/old.tsx", "M\tapp/page.tsx", "D\tlib/a.ts"]);
  });

  it("makes no commit and announces nothing when nothing changed", async () => {
    const repo = await host.createAppRepo({ name: "same" });
    const first = await host.commitFiles(repo, "staging", { "a.txt": "x", "b/c.txt": "y" }, "m");
    const pushes = recordPushes();
    const again = await host.commitFiles(repo, "staging", { "b/c.txt": "y", "a.txt": "x" }, "m", { previousCommit: first.sha });
    expect(again).toEqual({ sha: first.sha, changed: false });
    expect(gitOut(repo, "rev-list", "--count", "staging")).toBe("2");
    expect(pushes).toEqual([]);
  });

  it("creates a missing branch at main when main already holds exactly these files", async () => {
    const repo = await host.createAppRepo({ name: "as-main" });
    const main = gitOut(repo, "rev-parse", "main");
    expect(await host.commitFiles(repo, "staging", { "README.md": "# as-main\n" }, "m")).toEqual({ sha: main, changed: false });
    expect(gitOut(repo, "rev-parse", "staging")).toBe(main);
  });

  it("serialises simultaneous commits into one straight history", async () => {
    const repo = await host.createAppRepo({ name: "busy" });
    const outcomes = await Promise.all(["a", "b", "c"].map((v) => host.commitFiles(repo, "staging", { "v.txt": v }, v)));
    expect(outcomes.every((o) => o.changed)).toBe(true);
    expect(gitOut(repo, "rev-list", "--count", "staging")).toBe("4");
    expect(gitOut(repo, "rev-list", "--merges", "--count", "staging")).toBe("0");
    expect(gitOut(repo, "rev-list", "--max-count=3", "staging").split("\n")).toEqual(outcomes.map((o) => o.sha).reverse());
  });

  it("round-trips names and content exactly through readTreeAt", async () => {
    const repo = await host.createAppRepo({ name: "roundtrip" });
    const files = {
      "app/[slug]/page.tsx": "export default 1;\n",
      'odd "quoted" name.txt': "héllo 👋\r\nsecond line",
      "empty.txt": "",
      "deep/a/b/c/d.json": JSON.stringify({ ok: true }),
      "no-newline.md": "x",
    };
    const { sha } = await host.commitFiles(repo, "staging", files, "m");
    expect(await readTreeAt(repo, sha)).toEqual(files);
    expect(await readTreeAt(repo, gitOut(repo, "rev-parse", "main"))).toEqual({ "README.md": "# roundtrip\n" });
  });

  it("refuses hostile paths before writing anything", async () => {
    const repo = await host.createAppRepo({ name: "hostile" });
    const objects = looseObjects(repo);
    for (const bad of ["../escape.txt", "a/../../b.txt", "/etc/passwd", ".git/config", "x/.git/hooks/pre-commit", ".env", ".env.local", "a\u0000b"]) {
      await expect(host.commitFiles(repo, "staging", { "ok.txt": "fine", [bad]: "x" }, "m")).rejects.toBeInstanceOf(AppError);
    }
    expect(gitOut(repo, "for-each-ref", "--format=%(refname)")).toBe("refs/heads/main");
    expect(looseObjects(repo)).toBe(objects);
    expect(existsSync(path.join(localRepoDir(repo), "..", "escape.txt"))).toBe(false);
    expect(existsSync(path.join(localRepoDir(repo), "config.lock"))).toBe(false);
  });

  it("commits .env templates as written (only real environment files are refused)", async () => {
    const repo = await host.createAppRepo({ name: "env-templates" });
    const files = { "app/page.tsx": "x", ".env.example": "STRIPE_SECRET_KEY=\n", ".env.local.example": "A=\n", ".env.sample": "B=\n", ".env.template": "C=\n" };
    const commit = await host.commitFiles(repo, "staging", files, "m");
    expect(Object.keys(await readTreeAt(repo, commit.sha)).sort()).toEqual(Object.keys(files).sort());
  });
});

describe("local git host: promote", () => {
  it("fast-forwards main to exactly the given commit, then reports unchanged", async () => {
    const repo = await host.createAppRepo({ name: "ff" });
    const a = await host.commitFiles(repo, "staging", { "a.txt": "1" }, "a");
    await host.commitFiles(repo, "staging", { "a.txt": "2" }, "b");
    const pushes = recordPushes();
    expect(await host.promote(repo, a.sha)).toEqual({ sha: a.sha, method: "fast-forward" });
    expect(gitOut(repo, "rev-parse", "main")).toBe(a.sha);
    expect(pushes).toEqual([{ repo, branch: "main", sha: a.sha }]);

    expect(await host.promote(repo, a.sha)).toEqual({ sha: a.sha, method: "unchanged" });
    // An older commit main already contains: nothing to do, main stays.
    const initial = gitOut(repo, "rev-parse", `${a.sha}^`);
    expect(await host.promote(repo, initial)).toEqual({ sha: a.sha, method: "unchanged" });
    expect(pushes).toHaveLength(1);
  });

  it("merges when main has moved on", async () => {
    const repo = await host.createAppRepo({ name: "merge" });
    const staged = await host.commitFiles(repo, "staging", { "README.md": "# merge\n", "page.txt": "from staging" }, "s");
    const hotfix = await host.commitFiles(repo, "main", { "README.md": "# merge\n", "other.txt": "hotfix" }, "hotfix");
    const pushes = recordPushes();
    const merged = await host.promote(repo, staged.sha);
    expect(merged.method).toBe("merge");
    expect(gitOut(repo, "rev-parse", "main")).toBe(merged.sha);
    expect(gitOut(repo, "rev-list", "--parents", "-n1", "main").split(" ")).toEqual([merged.sha, hotfix.sha, staged.sha]);
    expect(gitOut(repo, "log", "-1", "--format=%s", "main")).toBe(`Publish ${staged.sha.slice(0, 7)}`);
    expect(filesAt(repo, "main")).toEqual(["README.md", "other.txt", "page.txt"]);
    expect(pushes).toEqual([{ repo, branch: "main", sha: merged.sha }]);
  });

  it("refuses a conflict, naming the file, and leaves main untouched", async () => {
    const repo = await host.createAppRepo({ name: "conflict" });
    const staged = await host.commitFiles(repo, "staging", { "README.md": "# conflict\n", "page.txt": "staging edit" }, "s");
    await host.commitFiles(repo, "main", { "README.md": "# conflict\n", "page.txt": "live edit" }, "live");
    const mainBefore = gitOut(repo, "rev-parse", "main");
    const pushes = recordPushes();
    const error = await host.promote(repo, staged.sha).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MergeConflictError);
    expect(error).toMatchObject({ service: "github", kind: "conflict", message: expect.stringContaining("page.txt") });
    expect(gitOut(repo, "rev-parse", "main")).toBe(mainBefore);
    expect(pushes).toEqual([]);
  });

  it("refuses an unknown commit", async () => {
    const repo = await host.createAppRepo({ name: "unknown" });
    await expect(host.promote(repo, "f".repeat(40))).rejects.toMatchObject({ kind: "not_found" });
    await expect(host.promote(repo, "--all")).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("local git host: restore", () => {
  // Two versions on staging, the second published.
  async function publishedTwice(name: string) {
    const repo = await host.createAppRepo({ name });
    const older = await host.commitFiles(repo, "staging", { "page.txt": "one", "old.txt": "gone later" }, "one");
    const newer = await host.commitFiles(repo, "staging", { "page.txt": "two" }, "two", { previousCommit: older.sha });
    await host.promote(repo, newer.sha);
    return { repo, older: older.sha, newer: newer.sha };
  }

  it("puts an earlier commit's exact files on main as a new commit on top of it, and announces it", async () => {
    const { repo, older, newer } = await publishedTwice("restore");
    const pushes = recordPushes();
    const outcome = await host.restore(repo, older);
    expect(outcome.method).toBe("restored");
    expect(gitOut(repo, "rev-parse", "main")).toBe(outcome.sha);
    expect(gitOut(repo, "rev-list", "--parents", "-n1", "main").split(" ")).toEqual([outcome.sha, newer]);
    expect(gitOut(repo, "rev-parse", "main^{tree}")).toBe(gitOut(repo, "rev-parse", `${older}^{tree}`));
    expect(filesAt(repo, "main")).toEqual(["old.txt", "page.txt"]);
    expect(pushes).toEqual([{ repo, branch: "main", sha: outcome.sha }]);
  });

  it("makes no commit when main already holds those files", async () => {
    const { repo, newer } = await publishedTwice("restore-same");
    const pushes = recordPushes();
    expect(await host.restore(repo, newer)).toEqual({ sha: newer, method: "unchanged" });
    expect(gitOut(repo, "rev-parse", "main")).toBe(newer);
    expect(pushes).toEqual([]);
  });

  it("after a restore, promote puts exactly the published files live joining both histories; later promotes work as usual", async () => {
    const { repo, older, newer } = await publishedTwice("restore-publish");
    const restored = await host.restore(repo, older);
    // Contained in main, but main's files are the older ones: not "unchanged".
    const again = await host.promote(repo, newer);
    expect(again.method).toBe("restored");
    expect(gitOut(repo, "rev-list", "--parents", "-n1", "main").split(" ")).toEqual([again.sha, restored.sha, newer]);
    expect(gitOut(repo, "rev-parse", "main^{tree}")).toBe(gitOut(repo, "rev-parse", `${newer}^{tree}`));

    const later = await host.commitFiles(repo, "staging", { "page.txt": "three" }, "three", { previousCommit: newer });
    expect((await host.promote(repo, later.sha)).method).toBe("merge");
    expect(gitOut(repo, "rev-parse", "main^{tree}")).toBe(gitOut(repo, "rev-parse", `${later.sha}^{tree}`));
  });

  it("refuses an unknown commit", async () => {
    const repo = await host.createAppRepo({ name: "restore-unknown" });
    await expect(host.restore(repo, "f".repeat(40))).rejects.toMatchObject({ kind: "not_found" });
    await expect(host.restore(repo, "--all")).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("local git host: building on the branch head", () => {
  const app = { "app/page.tsx": "page v1", "lib/a.ts": "a v1", "lib/old.ts": "old" };

  it("keeps a file someone else pushed between two cycles, and in the cycles after", async () => {
    const repo = await host.createAppRepo({ name: "outside-file" });
    const one = await host.commitFiles(repo, "staging", app, "one");
    const outside = outsidePush(repo, "staging", { "notes/todo.md": "theirs" });
    const two = await host.commitFiles(repo, "staging", { ...app, "app/page.tsx": "page v2" }, "two", { previousCommit: one.sha });
    expect(gitOut(repo, "rev-parse", `${two.sha}^`)).toBe(outside);
    expect(gitOut(repo, "show", "staging:notes/todo.md")).toBe("theirs");
    expect(gitOut(repo, "show", "staging:app/page.tsx")).toBe("page v2");
    const three = await host.commitFiles(repo, "staging", { ...app, "app/page.tsx": "page v3" }, "three", { previousCommit: two.sha });
    expect(three.changed).toBe(true);
    expect(gitOut(repo, "show", "staging:notes/todo.md")).toBe("theirs");
  });

  it("deletes only what the chat removed; someone else's edit to a file the chat left alone survives", async () => {
    const repo = await host.createAppRepo({ name: "outside-edit" });
    const one = await host.commitFiles(repo, "staging", app, "one");
    outsidePush(repo, "staging", { "lib/a.ts": "a edited by hand" });
    const { "lib/old.ts": _removed, ...rest } = app;
    const two = await host.commitFiles(repo, "staging", { ...rest, "app/page.tsx": "page v2" }, "two", { previousCommit: one.sha });
    expect(two.changed).toBe(true);
    expect(filesAt(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts"]);
    expect(gitOut(repo, "show", "staging:lib/a.ts")).toBe("a edited by hand");
    expect(gitOut(repo, "show", "staging:app/page.tsx")).toBe("page v2");
  });

  it("makes no commit for an unchanged version even after an outside push, and goes on from there", async () => {
    const repo = await host.createAppRepo({ name: "outside-same" });
    const one = await host.commitFiles(repo, "staging", app, "one");
    const outside = outsidePush(repo, "staging", { "notes/todo.md": "theirs" });
    const pushes = recordPushes();
    const same = await host.commitFiles(repo, "staging", app, "again", { previousCommit: one.sha });
    expect(same).toEqual({ sha: outside, changed: false });
    expect(pushes).toEqual([]);
    const next = await host.commitFiles(repo, "staging", { ...app, "lib/a.ts": "a v2" }, "next", { previousCommit: same.sha });
    expect(gitOut(repo, "rev-parse", `${next.sha}^`)).toBe(outside);
    expect(filesAt(repo, "staging")).toContain("notes/todo.md");
  });

  // Someone else's commit lands on staging between the host reading the head
  // and writing its commit: `git` is wrapped so that the race runs once, just
  // before the named git command.
  function raceBefore(gitCommand: string, repo: RepoRef): () => void {
    const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    const bin = mkdtempSync(path.join(os.tmpdir(), "racing-git-"));
    writeFileSync(
      path.join(bin, "git"),
      [
        "#!/bin/sh",
        `if [ "$3" = "${gitCommand}" ] && [ ! -f "$2/raced" ]; then`,
        '  touch "$2/raced"',
        "  (",
        '  export GIT_DIR="$2" GIT_INDEX_FILE="$2/race-index" GIT_AUTHOR_NAME=Someone GIT_AUTHOR_EMAIL=someone@example.com GIT_COMMITTER_NAME=Someone GIT_COMMITTER_EMAIL=someone@example.com',
        `  ${realGit} read-tree refs/heads/staging`,
        `  ${realGit} update-index --add --cacheinfo "100644,$(printf theirs | ${realGit} hash-object -w --stdin),notes/race.md"`,
        `  ${realGit} update-ref refs/heads/staging "$(echo Outside | ${realGit} commit-tree "$(${realGit} write-tree)" -p refs/heads/staging)"`,
        "  )",
        "fi",
        `exec ${realGit} "$@"`,
      ].join("\n") + "\n",
    );
    chmodSync(path.join(bin, "git"), 0o755);
    const originalPath = process.env.PATH;
    process.env.PATH = `${bin}:${originalPath}`;
    return () => {
      process.env.PATH = originalPath;
      expect(existsSync(path.join(localRepoDir(repo), "raced"))).toBe(true);
    };
  }

  it("after a lost race rebuilds on the new head without erasing the other change", async () => {
    const repo = await host.createAppRepo({ name: "outside-race" });
    const one = await host.commitFiles(repo, "staging", app, "one");
    const { "lib/old.ts": _removed, ...rest } = app;
    const raced = raceBefore("fast-import", repo);
    const two = await host.commitFiles(repo, "staging", { ...rest, "app/page.tsx": "page v2" }, "two", { previousCommit: one.sha }).finally(raced);
    expect(gitOut(repo, "log", "--format=%s", `${one.sha}..staging`).split("\n")).toEqual(["two", "Outside"]);
    expect(gitOut(repo, "rev-parse", "staging")).toBe(two.sha);
    expect(filesAt(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts", "notes/race.md"]);
  });

  it("after a lost race on a branch someone else had already changed, rebuilds on the new head too", async () => {
    const repo = await host.createAppRepo({ name: "outside-race-again" });
    const one = await host.commitFiles(repo, "staging", app, "one");
    outsidePush(repo, "staging", { "notes/first.md": "theirs first" });
    const { "lib/old.ts": _removed, ...rest } = app;
    const raced = raceBefore("update-index", repo);
    const two = await host.commitFiles(repo, "staging", { ...rest, "app/page.tsx": "page v2" }, "two", { previousCommit: one.sha }).finally(raced);
    expect(gitOut(repo, "log", "--format=%s", `${one.sha}..staging`).split("\n")).toEqual(["two", "Outside", "Outside change"]);
    expect(gitOut(repo, "rev-parse", "staging")).toBe(two.sha);
    expect(filesAt(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts", "notes/first.md", "notes/race.md"]);
  });

  it("writes names with quotes and spaces exactly, in the usual cycle too", async () => {
    const repo = await host.createAppRepo({ name: "odd-names" });
    const one = await host.commitFiles(repo, "staging", { "a.txt": "1" }, "one");
    const odd = { "a.txt": "2", 'say "hi" there.txt': "quoted", '"starts with a quote.md': "q", "dir with space/ü.txt": "ü" };
    const two = await host.commitFiles(repo, "staging", odd, "two", { previousCommit: one.sha });
    expect(gitOut(repo, "rev-parse", `${two.sha}^`)).toBe(one.sha);
    expect(await readTreeAt(repo, two.sha)).toEqual(odd);
  });

  it("commits images byte for byte: the blob id is git hash-object of the bytes", async () => {
    const repo = await host.createAppRepo({ name: "bytes" });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff, 0xfe, 0x80]);
    const { sha } = await host.commitFiles(repo, "staging", { "public/logo.png": png, "app/page.tsx": "page" }, "m");
    expect(gitOut(repo, "rev-parse", `${sha}:public/logo.png`)).toBe(gitIn(repo, ["hash-object", "--stdin"], Buffer.from(png)));
    expect((await readTreeAt(repo, sha))["public/logo.png"]).toEqual(png);
  });

  it("remembers nothing across instances but reads the previous commit instead", async () => {
    const repo = await host.createAppRepo({ name: "cold" });
    const one = await host.commitFiles(repo, "staging", app, "one");
    const { "lib/old.ts": _removed, ...rest } = app;
    const restarted = createLocalGitHost({ author });
    expect(await restarted.commitFiles(repo, "staging", app, "same", { previousCommit: one.sha })).toEqual({ sha: one.sha, changed: false });
    await restarted.commitFiles(repo, "staging", rest, "two", { previousCommit: one.sha });
    expect(filesAt(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts"]);
  });

  it("treats a previous commit the repository doesn't have as none: writes every file, deletes nothing", async () => {
    const repo = await host.createAppRepo({ name: "unknown-previous" });
    await host.commitFiles(repo, "staging", app, "one");
    const two = await host.commitFiles(repo, "staging", { "app/page.tsx": "page v2" }, "two", { previousCommit: "f".repeat(40) });
    expect(two.changed).toBe(true);
    expect(filesAt(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts", "lib/old.ts"]);
  });
});
