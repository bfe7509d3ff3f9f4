// The tests' stand-in for a push commits exactly the files it is given:
// git's index and its lock must not end up in the app's tree.
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { localRepoDir } from "@/lib/embedded/git-host/store";
import { commit, createBareRepo } from "./preview-host";

it("commits exactly the given files", () => {
  const repo = { owner: "local", name: `helper-${Date.now()}` };
  createBareRepo(repo);
  const sha = commit(repo, "staging", { "app/page.tsx": "export default function Page() { return null; }\n", "package.json": "{}\n" });
  const tree = execFileSync("git", ["--git-dir", localRepoDir(repo), "ls-tree", "-r", "--name-only", sha], { encoding: "utf8" });
  expect(tree.trim().split("\n")).toEqual(["app/page.tsx", "package.json"]);
});
