import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MergeConflictError } from "./errors";
import { createLocalGitHost, readTreeAt } from "./local";
import { localRepoDir, onLocalPush } from "./local-store";
import type { RepoRef } from "./types";

const host = createLocalGitHost({ author: { name: "Builder", email: "builder@example.com" } });
const gitOut = (repo: RepoRef, ...args: string[]) =>
  execFileSync("git", ["--git-dir", localRepoDir(repo), ...args], { encoding: "utf8" }).trim();

describe("local git host", () => {
  it("creates a repo with an initial commit on main, and suffixes a taken name", async () => {
    const first = await host.createAppRepo({ name: "bakery" });
    expect(first).toMatchObject({ owner: "local", name: "bakery", ownerKind: "personal", defaultBranch: "main" });
    expect(gitOut(first, "log", "--format=%s", "main")).toBe("Initial commit");
    const second = await host.createAppRepo({ name: "bakery" });
    expect(second.name).toMatch(/^bakery-[0-9a-f]{4}$/);
    expect(gitOut(first, "rev-list", "--count", "main")).toBe("1");
  });

  it("commits exactly the given files to staging, creating it from main", async () => {
    const repo = await host.createAppRepo({ name: "todo" });
    const pushes: string[] = [];
    const stop = onLocalPush((p) => pushes.push(`${p.branch}:${p.sha}`));
    const one = await host.commitFiles(repo, "staging", { "app/page.tsx": "one", "lib/a.ts": "a" }, "first");
    stop();
    expect(one.changed).toBe(true);
    expect(gitOut(repo, "rev-parse", "staging")).toBe(one.sha);
    expect(gitOut(repo, "ls-tree", "-r", "--name-only", "staging").split("\n")).toEqual(["app/page.tsx", "lib/a.ts"]);
    expect(gitOut(repo, "rev-parse", "staging^")).toBe(gitOut(repo, "rev-parse", "main"));
    expect(pushes).toEqual([`staging:${one.sha}`]);

    const two = await host.commitFiles(repo, "staging", { "app/page.tsx": "two" }, "second");
    expect(gitOut(repo, "ls-tree", "-r", "--name-only", "staging")).toBe("app/page.tsx");
    expect(gitOut(repo, "show", "staging:app/page.tsx")).toBe("two");
    expect(gitOut(repo, "rev-parse", "staging^")).toBe(one.sha);
    expect(await readTreeAt(repo, two.sha)).toEqual({ "app/page.tsx": "two" });
  });

  it("makes no commit when nothing changed", async () => {
    const repo = await host.createAppRepo({ name: "same" });
    const first = await host.commitFiles(repo, "staging", { "a.txt": "x" }, "m");
    const again = await host.commitFiles(repo, "staging", { "a.txt": "x" }, "m");
    expect(again).toEqual({ sha: first.sha, changed: false });
    expect(gitOut(repo, "rev-list", "--count", "staging")).toBe("2");
  });

  it("promotes by fast-forward to exactly the given commit", async () => {
    const repo = await host.createAppRepo({ name: "ff" });
    const a = await host.commitFiles(repo, "staging", { "a.txt": "1" }, "a");
    await host.commitFiles(repo, "staging", { "a.txt": "2" }, "b");
    expect(await host.promote(repo, a.sha)).toEqual({ sha: a.sha, method: "fast-forward" });
    expect(gitOut(repo, "rev-parse", "main")).toBe(a.sha);
    expect(await host.promote(repo, a.sha)).toEqual({ sha: a.sha, method: "unchanged" });
  });

  it("merges when main has moved on, and refuses a conflict leaving main untouched", async () => {
    const repo = await host.createAppRepo({ name: "merge" });
    const staged = await host.commitFiles(repo, "staging", { "README.md": `# merge\n`, "page.txt": "from staging" }, "s");
    await host.commitFiles(repo, "main", { "README.md": `# merge\n`, "other.txt": "hotfix" }, "hotfix");
    const merged = await host.promote(repo, staged.sha);
    expect(merged.method).toBe("merge");
    expect(gitOut(repo, "ls-tree", "-r", "--name-only", "main").split("\n").sort()).toEqual(["README.md", "other.txt", "page.txt"]);
    expect(gitOut(repo, "rev-list", "--parents", "-n1", "main").split(" ")).toHaveLength(3);

    const conflicting = await host.commitFiles(repo, "staging", { "README.md": "# merge\n", "page.txt": "staging edit" }, "s2");
    await host.commitFiles(repo, "main", { "README.md": "# merge\n", "page.txt": "live edit", "other.txt": "hotfix" }, "live");
    const mainBefore = gitOut(repo, "rev-parse", "main");
    await expect(host.promote(repo, conflicting.sha)).rejects.toBeInstanceOf(MergeConflictError);
    expect(gitOut(repo, "rev-parse", "main")).toBe(mainBefore);
  });

  it("refuses hostile paths before writing anything", async () => {
    const repo = await host.createAppRepo({ name: "hostile" });
    for (const bad of ["../escape.txt", ".git/config", ".env", "/abs.txt"]) {
      await expect(host.commitFiles(repo, "staging", { [bad]: "x" }, "m")).rejects.toBeInstanceOf(AppError);
    }
    expect(gitOut(repo, "branch", "--list")).toBe("* main");
    expect(existsSync(`${localRepoDir(repo)}/../escape.txt`)).toBe(false);
  });
});
