// The GitHub fake answers as GitHub documents it
// (../shared/reference/github-and-vercel.md), so the client tests and the
// bench can't pass against behaviour the real service doesn't have.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, type FakeGitHubPush, startFakeGitHub } from "./github-server";

let gh: FakeGitHub;
const pushes: FakeGitHubPush[] = [];

beforeAll(async () => {
  gh = await startFakeGitHub({ login: "octo", email: "octo@example.com", orgs: ["acme"], onPush: (push) => pushes.push(push) });
});
afterAll(() => gh.close());
beforeEach(() => {
  pushes.length = 0;
});

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${gh.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const gitHashObject = (content: string) => execFileSync("git", ["hash-object", "--stdin"], { input: content, encoding: "utf8" }).trim();

async function repoWithStaging(name: string) {
  const created = await api("POST", "/user/repos", { name, auto_init: true });
  const main = (await api("GET", `/repos/octo/${name}/branches/main`)).body as { commit: { sha: string; commit: { tree: { sha: string } } } };
  const tree = await api("POST", `/repos/octo/${name}/git/trees`, { tree: [{ path: "page.txt", mode: "100644", type: "blob", content: "base\n" }] });
  const commit = await api("POST", `/repos/octo/${name}/git/commits`, { message: "staging", tree: tree.body!.sha, parents: [main.commit.sha] });
  await api("POST", `/repos/octo/${name}/git/refs`, { ref: "refs/heads/staging", sha: commit.body!.sha });
  return { id: created.body!.id as number, main: main.commit.sha, staging: commit.body!.sha as string };
}

describe("fake GitHub", () => {
  it("leaves a repository created without auto_init empty: git-data calls answer 409", async () => {
    expect((await api("POST", "/user/repos", { name: "bare" })).status).toBe(201);
    expect(await api("POST", "/repos/octo/bare/git/trees", { tree: [] })).toMatchObject({ status: 409, body: { message: "Git Repository is empty." } });
    expect((await api("POST", "/repos/octo/bare/git/blobs", { content: "x" })).status).toBe(409);
    expect((await api("GET", "/repos/octo/bare/branches/main")).status).toBe(404);
    const put = await api("PUT", "/repos/octo/bare/contents/README.md", { message: "first", content: Buffer.from("hi").toString("base64") });
    expect(put.status).toBe(201);
    expect((await api("GET", "/repos/octo/bare/branches/main")).body).toMatchObject({ commit: { sha: (put.body!.commit as { sha: string }).sha } });
    expect(pushes).toMatchObject([{ owner: "octo", repo: "bare", branch: "main", message: "first", authorEmail: "octo@example.com" }]);
  });

  it("hashes blobs and trees as git does, honours base_tree and returns the tree's entries", async () => {
    await api("POST", "/user/repos", { name: "trees", auto_init: true });
    const main = (await api("GET", "/repos/octo/trees/branches/main")).body as { commit: { commit: { tree: { sha: string } } } };
    const tree = await api("POST", "/repos/octo/trees/git/trees", {
      base_tree: main.commit.commit.tree.sha,
      tree: [{ path: "src/a.ts", mode: "100644", type: "blob", content: "a\n" }],
    });
    expect(tree.status).toBe(201);
    expect(tree.body!.tree).toEqual([
      { path: "README.md", mode: "100644", type: "blob", sha: gitHashObject("# trees\n"), size: 8 },
      { path: "src", mode: "040000", type: "tree", sha: expect.stringMatching(/^[0-9a-f]{40}$/) },
    ]);
    const listing = await api("GET", `/repos/octo/trees/git/trees/${tree.body!.sha as string}?recursive=1`);
    expect((listing.body!.tree as { path: string; sha: string }[]).map((e) => [e.path, e.sha])).toContainEqual(["src/a.ts", gitHashObject("a\n")]);
    // The same files make the same tree id, as in git (the empty tree's id is well known).
    expect((await api("POST", "/repos/octo/trees/git/trees", { tree: [] })).body!.sha).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
  });

  it("answers bad input with 422 as documented", async () => {
    await api("POST", "/user/repos", { name: "strict", auto_init: true });
    const entry = { path: "a.txt", mode: "100644", type: "blob" };
    expect((await api("POST", "/repos/octo/strict/git/trees", { tree: [{ ...entry, content: "x", sha: gitHashObject("x") }] })).status).toBe(422);
    expect((await api("POST", "/repos/octo/strict/git/trees", { tree: [{ ...entry, sha: "0".repeat(40) }] })).status).toBe(422);
    expect((await api("POST", "/repos/octo/strict/git/trees", { tree: [{ ...entry, sha: null }] })).status).toBe(422);
    expect((await api("POST", "/repos/octo/strict/git/trees", { base_tree: "f".repeat(40), tree: [] })).status).toBe(422);
    expect((await api("POST", "/repos/octo/strict/git/commits", { message: "m", tree: "f".repeat(40), parents: [] })).status).toBe(422);
    expect((await api("POST", "/repos/octo/strict/git/refs", { ref: "staging", sha: "f".repeat(40) })).status).toBe(422);
    expect((await api("POST", "/user/repos", { name: "strict" })).body).toMatchObject({ errors: [{ field: "name", message: "name already exists on this account" }] });
    expect(pushes).toEqual([]);
  });

  it("decodes URL-encoded ref segments and refuses updates that are not a fast forward", async () => {
    const repo = await repoWithStaging("refs");
    expect((await api("GET", "/repos/octo/refs/branches/staging")).status).toBe(200);
    expect(await api("PATCH", "/repos/octo/refs/git/refs/heads%2Fstaging", { sha: repo.main, force: false })).toMatchObject({
      status: 422,
      body: { message: "Update is not a fast forward" },
    });
    expect((await api("PATCH", "/repos/octo/refs/git/refs/heads%2Fmain", { sha: repo.staging, force: false })).status).toBe(200);
    expect(pushes.map((p) => [p.branch, p.sha, p.repoId])).toEqual([
      ["staging", repo.staging, repo.id],
      ["main", repo.staging, repo.id],
    ]);
  });

  it("merges from file content: 204 when there is nothing to merge, 409 when both sides changed a file, 201 authored by the token's user", async () => {
    const repo = await repoWithStaging("merges");
    expect((await api("POST", "/repos/octo/merges/merges", { base: "staging", head: "main" })).status).toBe(204);
    // main changes another file: merges cleanly.
    gh.push("octo", "merges", "main", { "other.txt": "main\n" });
    pushes.length = 0;
    const merged = await api("POST", "/repos/octo/merges/merges", { base: "main", head: "staging", commit_message: "Publish" });
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({ parents: [{}, { sha: repo.staging }], author: { email: "octo@example.com" } });
    // staging's tree was made without README.md: its deletion is merged too.
    expect([...gh.filesAt("octo", "merges", "main").keys()].sort()).toEqual(["other.txt", "page.txt"]);
    expect(pushes).toMatchObject([{ branch: "main", sha: merged.body!.sha, message: "Publish", authorEmail: "octo@example.com" }]);
    // Both sides change page.txt: a conflict, main untouched.
    gh.push("octo", "merges", "main", { "page.txt": "live\n" });
    gh.push("octo", "merges", "staging", { "page.txt": "staged\n" });
    const before = gh.repos.get("octo/merges")!.branches.get("main");
    expect((await api("POST", "/repos/octo/merges/merges", { base: "main", head: "staging" })).status).toBe(409);
    expect(gh.repos.get("octo/merges")!.branches.get("main")).toBe(before);
  });

  it("sends rate-limit headers on every answer", async () => {
    for (const answer of [await api("GET", "/repos/octo/nope"), await api("POST", "/user/repos", { name: "limits" })]) {
      expect(answer.headers.get("x-ratelimit-limit")).toBe("5000");
      expect(Number(answer.headers.get("x-ratelimit-remaining"))).toBeLessThan(5000);
      expect(Number(answer.headers.get("x-ratelimit-used"))).toBeGreaterThan(0);
      expect(Number(answer.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
      expect(answer.headers.get("x-ratelimit-resource")).toBe("core");
    }
  });
});
