import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError, IntegrationError } from "@/lib/errors";
import { gitBlobId } from "@/lib/files/content";
import { type FakeGitHub, startFakeGitHub } from "@/tests/fakes/github-server";
import { isMergeConflictError, MergeConflictError, toGitHubError } from "./errors";
import { createGitHubHost } from "./real";
import type { GitHost, RepoRef } from "./types";

let gh: FakeGitHub;
const author = { name: "App Builder", email: "builder@example.com" };
// No write spacing, and retry waits in milliseconds instead of seconds.
const fast = { enabled: false, retryAfterBaseMs: 1 };
const host = (org?: string) => createGitHubHost({ token: "ghp_test", org, baseUrl: gh.url, author, pacing: fast });
// With the throttling plugin on, to exercise its rate-limit handlers. A fresh
// throttle id per host keeps the plugin's shared write queue from pacing
// these tests against each other.
let throttleIds = 0;
const throttledHost = () =>
  createGitHubHost({ token: "ghp_test", baseUrl: gh.url, author, throttleId: `test-${++throttleIds}`, pacing: { enabled: true, retryAfterBaseMs: 1 } });

const files = (n: number, version = "v1") =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`components/c${i}.tsx`, `export const c${i} = "${version}";`]));
const calls = () => gh.requests.map((r) => `${r.method} ${r.path}`);
const notFastForward = { method: "PATCH", path: /\/git\/refs\//, status: 422, body: { message: "Update is not a fast forward" } };
const nameTaken = {
  message: "Repository creation failed.",
  errors: [{ resource: "Repository", code: "custom", field: "name", message: "name already exists on this account" }],
};
const head = (repo: RepoRef, branch: string) => gh.repos.get(`${repo.owner}/${repo.name}`)!.branches.get(branch);
const parents = (repo: RepoRef, sha: string) => gh.repos.get(`${repo.owner}/${repo.name}`)!.commits.get(sha)?.parents;
const treeOf = (repo: RepoRef, sha: string) => gh.repos.get(`${repo.owner}/${repo.name}`)!.commits.get(sha)!.tree;
const fileNames = (repo: RepoRef, ref: string) => [...gh.filesAt(repo.owner, repo.name, ref).keys()].sort();
const text = (repo: RepoRef, ref: string, path: string) => gh.filesAt(repo.owner, repo.name, ref).get(path)?.toString("utf8");

// One client for the whole run, as the app keeps one: what it committed is remembered.
let client: GitHost;

beforeAll(async () => {
  gh = await startFakeGitHub({ orgs: ["acme"] });
  client = host();
});
afterAll(() => gh.close());
beforeEach(() => {
  gh.reset();
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

async function stagedRepo(name: string, version = "v0"): Promise<RepoRef & { staged: string }> {
  const repo = await client.createAppRepo({ name });
  const { sha } = await client.commitFiles(repo, "staging", files(2, version), "first");
  gh.reset();
  return { ...repo, staged: sha };
}

describe("createAppRepo", () => {
  it("creates a private, initialised repo in the org with the token", async () => {
    const repo = await host("acme").createAppRepo({ name: "bakery", description: "Ana's bakery" });
    expect(repo).toEqual({ owner: "acme", name: "bakery", url: "https://github.example/acme/bakery", ownerKind: "org", defaultBranch: "main" });
    expect(gh.requests).toHaveLength(1);
    expect(gh.requests[0]).toMatchObject({
      method: "POST",
      path: "/orgs/acme/repos",
      body: { name: "bakery", description: "Ana's bakery", private: true, auto_init: true },
    });
    expect(gh.requests[0]!.headers.authorization).toBe("token ghp_test");
  });

  it("uses the token's own account when no org is configured", async () => {
    expect(await client.createAppRepo({ name: "solo" })).toMatchObject({ owner: "octo", name: "solo", ownerKind: "personal" });
    expect(calls()).toEqual(["POST /user/repos"]);
    expect(gh.requests[0]!.body).toMatchObject({ private: true, auto_init: true });
  });

  it.each([
    ["does not exist (404)", "no-such-org", undefined],
    ["forbids it (403)", "acme", { method: "POST", path: /^\/orgs\//, status: 403, body: { message: "Must be an owner or member" } }],
    ["rejects it by policy (422)", "acme", { method: "POST", path: /^\/orgs\//, status: 422, body: { message: "Visibility can't be private" } }],
  ])("falls back to the personal account when the org %s", async (_, org, fault) => {
    if (fault) gh.fail(fault);
    const repo = await host(org).createAppRepo({ name: `fallback-${org}-${fault?.status ?? 404}` });
    expect(repo).toMatchObject({ owner: "octo", ownerKind: "personal" });
    expect(calls()).toEqual([`POST /orgs/${org}/repos`, "POST /user/repos"]);
  });

  it("remembers the organisation's refusal: later apps go straight to the personal account", async () => {
    const client = host("no-such-org");
    await client.createAppRepo({ name: "refused-1" });
    gh.reset();
    expect(await client.createAppRepo({ name: "refused-2" })).toMatchObject({ owner: "octo", ownerKind: "personal" });
    expect(calls()).toEqual(["POST /user/repos"]);
  });

  it("does not fall back when GitHub is down or the token is bad", async () => {
    gh.fail({ method: "POST", path: /^\/orgs\//, status: 502, times: 4 });
    await expect(host("acme").createAppRepo({ name: "down" })).rejects.toMatchObject({ kind: "unavailable", status: 502 });
    expect(calls()).toEqual(Array(4).fill("POST /orgs/acme/repos"));
    gh.reset();
    gh.fail({ method: "POST", path: /^\/orgs\//, status: 401, body: { message: "Bad credentials" } });
    await expect(host("acme").createAppRepo({ name: "badtoken" })).rejects.toMatchObject({ kind: "rejected", status: 401 });
    expect(calls()).toEqual(["POST /orgs/acme/repos"]);
  });

  it("suffixes a taken name instead of reusing the repo, in the same account", async () => {
    await host("acme").createAppRepo({ name: "taken" });
    gh.reset();
    const second = await host("acme").createAppRepo({ name: "taken" });
    expect(second).toMatchObject({ owner: "acme", ownerKind: "org" });
    expect(second.name).toMatch(/^taken-[a-z0-9]{4}$/);
    expect(calls()).toEqual(["POST /orgs/acme/repos", "POST /orgs/acme/repos"]);
    expect(gh.requests[1]!.body).toMatchObject({ name: second.name });
  });

  it("after the org refused once, retries taken names on the personal account only", async () => {
    await client.createAppRepo({ name: "mine" });
    gh.reset();
    const repo = await host("no-such-org").createAppRepo({ name: "mine" });
    expect(repo.name).toMatch(/^mine-[a-z0-9]{4}$/);
    expect(calls()).toEqual(["POST /orgs/no-such-org/repos", "POST /user/repos", "POST /user/repos"]);
  });

  it("gives up after a few taken names, and keeps suffixed names within GitHub's 100 characters", async () => {
    gh.fail({ method: "POST", path: /^\/user\/repos$/, status: 422, body: nameTaken, times: 4 });
    await expect(client.createAppRepo({ name: "x".repeat(100) })).rejects.toMatchObject({ service: "github", kind: "conflict" });
    expect(gh.requests).toHaveLength(4);
    for (const r of gh.requests.slice(1)) expect((r.body as { name: string }).name).toMatch(/^x{95}-[a-z0-9]{4}$/);
  });
});

describe("commitFiles", () => {
  it.each([1, 30, 300])("commits %i changed files in 4 requests on the branch head: branch, tree, commit, ref", async (count) => {
    const repo = await client.createAppRepo({ name: `many-${count}` });
    const first = await client.commitFiles(repo, "staging", files(count, "v0"), "first");
    gh.reset();
    const outcome = await client.commitFiles(repo, "staging", files(count), "update", { previousCommit: first.sha });
    expect(outcome.changed).toBe(true);
    const base = `/repos/octo/many-${count}`;
    expect(calls()).toEqual([`GET ${base}/branches/staging`, `POST ${base}/git/trees`, `POST ${base}/git/commits`, `PATCH ${base}/git/refs/heads%2Fstaging`]);

    const tree = gh.requests[1]!.body as { tree: { path: string; mode: string; type: string; content: string }[]; base_tree?: string };
    expect(tree.base_tree).toBe(treeOf(repo, first.sha));
    expect(tree.tree).toHaveLength(count);
    expect(tree.tree[0]).toEqual({ path: "components/c0.tsx", mode: "100644", type: "blob", content: 'export const c0 = "v1";' });
    expect(gh.requests[2]!.body).toMatchObject({ message: "update", parents: [first.sha], author, committer: author });
    expect(gh.requests[3]!.body).toEqual({ sha: outcome.sha, force: false });
    expect(head(repo, "staging")).toBe(outcome.sha);
    expect(fileNames(repo, "staging")).toEqual(Object.keys(files(count)).sort());
  });

  it("sends only the files the chat changed since its previous commit", async () => {
    const repo = await stagedRepo("partial");
    await client.commitFiles(repo, "staging", { ...files(2, "v0"), "components/c1.tsx": "changed" }, "m", { previousCommit: repo.staged });
    expect((gh.requests[1]!.body as { tree: object[] }).tree).toEqual([{ path: "components/c1.tsx", mode: "100644", type: "blob", content: "changed" }]);
  });

  it("makes no commit for an unchanged version (1 request)", async () => {
    const repo = await stagedRepo("same", "v1");
    expect(await client.commitFiles(repo, "staging", files(2, "v1"), "again", { previousCommit: repo.staged })).toEqual({ sha: repo.staged, changed: false });
    expect(calls()).toEqual(["GET /repos/octo/same/branches/staging"]);
  });

  it("without a previous commit on an existing branch, writes every file and deletes nothing; an unchanged tree makes no commit", async () => {
    const repo = await stagedRepo("no-previous", "v1");
    expect(await client.commitFiles(repo, "staging", files(2, "v1"), "again")).toEqual({ sha: repo.staged, changed: false });
    expect(calls()).toEqual(["GET /repos/octo/no-previous/branches/staging", "POST /repos/octo/no-previous/git/trees"]);
  });

  it("creates staging from main on the first commit, holding exactly the app, pointing straight at the new commit", async () => {
    const repo = await client.createAppRepo({ name: "fresh" });
    const main = head(repo, "main")!;
    gh.reset();
    const outcome = await client.commitFiles(repo, "staging", files(1), "first");
    expect(calls()).toEqual([
      "GET /repos/octo/fresh/branches/staging",
      "GET /repos/octo/fresh/branches/main",
      "POST /repos/octo/fresh/git/trees",
      "POST /repos/octo/fresh/git/commits",
      "POST /repos/octo/fresh/git/refs",
    ]);
    expect(gh.requests[2]!.body).not.toHaveProperty("base_tree");
    expect(gh.requests[3]!.body).toMatchObject({ parents: [main] });
    expect(gh.requests[4]!.body).toEqual({ ref: "refs/heads/staging", sha: outcome.sha });
    expect(head(repo, "staging")).toBe(outcome.sha);
    expect(head(repo, "main")).toBe(main);
    expect(fileNames(repo, "staging")).toEqual(["components/c0.tsx"]);
  });

  it("waits briefly for a brand-new repo's main branch to appear", async () => {
    const repo = await client.createAppRepo({ name: "lagging" });
    gh.reset();
    gh.fail({ method: "GET", path: /\/branches\/main$/, status: 404, body: { message: "Branch not found" }, times: 2 });
    expect((await client.commitFiles(repo, "staging", files(1), "first")).changed).toBe(true);
    expect(calls().filter((c) => c.endsWith("/branches/main"))).toHaveLength(3);
  });

  it("gives up with not_fast_forward when the branch moves twice", async () => {
    const repo = await stagedRepo("race2");
    gh.fail({ ...notFastForward, times: 2 });
    await expect(client.commitFiles(repo, "staging", files(2, "v1"), "m", { previousCommit: repo.staged })).rejects.toMatchObject({
      kind: "not_fast_forward",
      status: 422,
    });
    expect(calls().filter((c) => c.startsWith("PATCH"))).toHaveLength(2);
    expect(head(repo, "staging")).toBe(repo.staged);
  });

  it("keeps both commits when two writers race on the same branch", async () => {
    const repo = await stagedRepo("writers");
    const [a, b] = await Promise.all([client.commitFiles(repo, "staging", files(2, "a"), "a"), client.commitFiles(repo, "staging", files(2, "b"), "b")]);
    const tip = head(repo, "staging")!;
    expect([a.sha, b.sha]).toContain(tip);
    const other = tip === a.sha ? b.sha : a.sha;
    expect(parents(repo, tip)).toEqual([other]);
    expect(parents(repo, other)).toEqual([repo.staged]);
  });

  it("recovers when another writer created the branch first", async () => {
    const repo = await client.createAppRepo({ name: "created" });
    gh.fail({ method: "POST", path: /\/git\/refs$/, status: 422, body: { message: "Reference already exists" } });
    expect((await client.commitFiles(repo, "staging", files(1), "first")).changed).toBe(true);
    expect(calls().filter((c) => c.endsWith("/git/refs"))).toHaveLength(2);
  });

  it("refuses hostile paths before any request", async () => {
    for (const bad of ["../evil", "/etc/passwd", ".git/config", ".env.local"]) {
      await expect(client.commitFiles({ owner: "octo", name: "x" }, "staging", { [bad]: "x" }, "m")).rejects.toBeInstanceOf(AppError);
    }
    expect(gh.requests).toHaveLength(0);
  });

  it("reports a missing repository as not_found", async () => {
    await expect(client.commitFiles({ owner: "octo", name: "missing" }, "staging", files(1), "m")).rejects.toMatchObject({
      service: "github",
      kind: "not_found",
      status: 404,
    });
  });
});

describe("commitFiles: someone else's change on the branch", () => {
  const app = { "app/page.tsx": "page v1", "lib/a.ts": "a v1", "lib/old.ts": "old" };
  const { "lib/old.ts": _old, ...withoutOld } = app;

  async function appRepo(name: string) {
    const h = client;
    const repo = await h.createAppRepo({ name });
    const first = await h.commitFiles(repo, "staging", app, "first");
    gh.reset();
    return { h, repo, first: first.sha };
  }

  it("keeps a file pushed between two cycles, and in the cycles after", async () => {
    const { h, repo, first } = await appRepo("outside-file");
    const outside = gh.push("octo", repo.name, "staging", { "notes/todo.md": "theirs" });
    gh.reset();
    const two = await h.commitFiles(repo, "staging", { ...app, "app/page.tsx": "page v2" }, "two", { previousCommit: first });
    expect(calls()).toHaveLength(4);
    expect(parents(repo, two.sha)).toEqual([outside]);
    const three = await h.commitFiles(repo, "staging", { ...app, "app/page.tsx": "page v3" }, "three", { previousCommit: two.sha });
    expect(three.changed).toBe(true);
    expect(text(repo, "staging", "notes/todo.md")).toBe("theirs");
    expect(text(repo, "staging", "app/page.tsx")).toBe("page v3");
  });

  it("deletes a file the chat removed, in 4 requests when the branch is as it left it", async () => {
    const { h, repo, first } = await appRepo("chat-removed");
    await h.commitFiles(repo, "staging", withoutOld, "two", { previousCommit: first });
    expect(calls()).toHaveLength(4);
    expect((gh.requests[1]!.body as { tree: object[] }).tree).toEqual([{ path: "lib/old.ts", mode: "100644", type: "blob", sha: null }]);
    expect(fileNames(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts"]);
  });

  it("after an outside push, checks the head before deleting (one tree read) and keeps the other edits", async () => {
    const { h, repo, first } = await appRepo("outside-edit");
    // Someone edits a file the chat leaves alone, and deletes one the chat removes too.
    gh.push("octo", repo.name, "staging", { "lib/a.ts": "a edited by hand", "lib/old.ts": null, "notes/todo.md": "theirs" });
    gh.reset();
    const two = await h.commitFiles(repo, "staging", { ...withoutOld, "app/page.tsx": "page v2" }, "two", { previousCommit: first });
    expect(two.changed).toBe(true);
    expect(calls().filter((c) => c.includes("/git/trees/"))).toHaveLength(1);
    expect(gh.requests).toHaveLength(5);
    expect(fileNames(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts", "notes/todo.md"]);
    expect(text(repo, "staging", "lib/a.ts")).toBe("a edited by hand");
  });

  it("makes no commit for an unchanged version after an outside push (1 request)", async () => {
    const { h, repo, first } = await appRepo("outside-same");
    const outside = gh.push("octo", repo.name, "staging", { "notes/todo.md": "theirs" });
    gh.reset();
    expect(await h.commitFiles(repo, "staging", app, "again", { previousCommit: first })).toEqual({ sha: outside, changed: false });
    expect(gh.requests).toHaveLength(1);
  });

  it("after a lost race (not a fast forward) rebuilds on the new head without erasing the other change, once", async () => {
    const { h, repo, first } = await appRepo("race");
    let outside = "";
    gh.before("PATCH", /\/git\/refs\//, () => {
      outside = gh.push("octo", repo.name, "staging", { "notes/race.md": "theirs" });
    });
    const two = await h.commitFiles(repo, "staging", { ...withoutOld, "app/page.tsx": "page v2" }, "two", { previousCommit: first });
    expect(calls()).toEqual([
      "GET /repos/octo/race/branches/staging",
      "POST /repos/octo/race/git/trees",
      "POST /repos/octo/race/git/commits",
      "PATCH /repos/octo/race/git/refs/heads%2Fstaging",
      "GET /repos/octo/race/branches/staging",
      `GET /repos/octo/race/git/trees/${outside}`,
      "POST /repos/octo/race/git/trees",
      "POST /repos/octo/race/git/commits",
      "PATCH /repos/octo/race/git/refs/heads%2Fstaging",
    ]);
    // The rebuild names the blobs the first tree created instead of resending them.
    expect(gh.requests[6]!.body).toEqual({
      base_tree: treeOf(repo, outside),
      tree: [
        { path: "app/page.tsx", mode: "100644", type: "blob", sha: gitBlobId("page v2") },
        { path: "lib/old.ts", mode: "100644", type: "blob", sha: null },
      ],
    });
    expect(head(repo, "staging")).toBe(two.sha);
    expect(parents(repo, two.sha)).toEqual([outside]);
    expect(fileNames(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts", "notes/race.md"]);
  });

  it("after a restart reads the previous commit's files once", async () => {
    const { repo, first } = await appRepo("restarted");
    const restarted = host();
    expect(await restarted.commitFiles(repo, "staging", app, "same", { previousCommit: first })).toEqual({ sha: first, changed: false });
    expect(calls()).toEqual([`GET /repos/octo/restarted/git/trees/${first}`, "GET /repos/octo/restarted/branches/staging"]);
    gh.reset();
    await restarted.commitFiles(repo, "staging", withoutOld, "two", { previousCommit: first });
    expect(gh.requests).toHaveLength(4);
    expect(fileNames(repo, "staging")).toEqual(["app/page.tsx", "lib/a.ts"]);
  });
});

describe("commitFiles: images", () => {
  const png = (seed: number, size = 4096) => {
    const bytes = new Uint8Array(size);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (let i = 8; i < size; i++) bytes[i] = (i * 31 + seed * 7) & 0xff;
    return bytes;
  };
  const images = (changed = -1) => Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`public/img-${i}.png`, png(i === changed ? 100 + i : i)]));
  const hashObject = (bytes: Uint8Array) => execFileSync("git", ["hash-object", "--stdin"], { input: bytes, encoding: "utf8" }).trim();
  type TreeBody = { tree: { path: string; sha?: string | null; content?: string }[] };

  it("uploads each image once as a base64 blob whose id is git hash-object of its bytes", async () => {
    const repo = await client.createAppRepo({ name: "images" });
    gh.reset();
    const { sha } = await client.commitFiles(repo, "staging", { ...files(30), ...images() }, "first");
    const blobs = gh.requests.filter((r) => r.path.endsWith("/git/blobs"));
    expect(blobs).toHaveLength(6);
    const sent = blobs.map((r) => r.body as { content: string; encoding: string });
    expect(sent.every((b) => b.encoding === "base64")).toBe(true);
    expect(sent.map((b) => Buffer.from(b.content, "base64").toString("hex")).sort()).toEqual(Object.values(images()).map((b) => Buffer.from(b).toString("hex")).sort());
    const tree = gh.requests.find((r) => r.path.endsWith("/git/trees"))!.body as TreeBody;
    for (let i = 0; i < 6; i++) {
      expect(tree.tree.find((e) => e.path === `public/img-${i}.png`)).toMatchObject({ sha: hashObject(png(i)) });
      expect(new Uint8Array(gh.filesAt("octo", "images", sha).get(`public/img-${i}.png`)!)).toEqual(png(i));
    }
  });

  it("sends no request for an unchanged image, and one blob for a changed one", async () => {
    const repo = await client.createAppRepo({ name: "images-again" });
    const first = await client.commitFiles(repo, "staging", { ...files(30, "v0"), ...images() }, "first");
    gh.reset();
    const second = await client.commitFiles(repo, "staging", { ...files(30, "v1"), ...images() }, "text only", { previousCommit: first.sha });
    expect(gh.requests).toHaveLength(4);
    expect((gh.requests[1]!.body as TreeBody).tree.some((e) => e.path.startsWith("public/"))).toBe(false);

    gh.reset();
    const third = await client.commitFiles(repo, "staging", { ...files(30, "v1"), ...images(2) }, "one image", { previousCommit: second.sha });
    expect(calls().filter((c) => c.endsWith("/git/blobs"))).toHaveLength(1);
    expect(gh.requests).toHaveLength(5);
    const blob = gh.requests.find((r) => r.path.endsWith("/git/blobs"))!.body as { content: string };
    expect(new Uint8Array(Buffer.from(blob.content, "base64"))).toEqual(png(102));
    expect(new Uint8Array(gh.filesAt("octo", "images-again", third.sha).get("public/img-2.png")!)).toEqual(png(102));
    expect(new Uint8Array(gh.filesAt("octo", "images-again", third.sha).get("public/img-3.png")!)).toEqual(png(3));
  });

  it("reuses a blob the repository already holds under another name", async () => {
    const repo = await client.createAppRepo({ name: "images-moved" });
    const first = await client.commitFiles(repo, "staging", { "public/a.png": png(1) }, "first");
    gh.reset();
    await client.commitFiles(repo, "staging", { "public/b.png": png(1) }, "renamed", { previousCommit: first.sha });
    expect(calls().filter((c) => c.endsWith("/git/blobs"))).toHaveLength(0);
    expect(fileNames(repo, "staging")).toEqual(["public/b.png"]);
  });
});

describe("commitFiles: a repository without a first commit", () => {
  it("creates the first commit through the contents API, then commits as usual", async () => {
    gh.createRepo("octo", "empty", { autoInit: false });
    const repo = { owner: "octo", name: "empty" };
    const outcome = await client.commitFiles(repo, "staging", files(2), "first");
    expect(outcome.changed).toBe(true);
    expect(calls()).toContain("GET /repos/octo/empty/git/trees/main");
    const seed = gh.requests.find((r) => r.method === "PUT")!;
    expect(seed.path).toBe("/repos/octo/empty/contents/README.md");
    expect(seed.body).toMatchObject({ branch: "main", message: "Initial commit", author, committer: author });
    expect(parents(repo, outcome.sha)).toEqual([head(repo, "main")]);
    expect(fileNames(repo, "staging")).toEqual(Object.keys(files(2)));
  });

  it("reports a repository without main that is not empty as not_found, writing nothing", async () => {
    const repo = { owner: "octo", name: "other-default" };
    gh.createRepo(repo.owner, repo.name);
    gh.push(repo.owner, repo.name, "trunk", { "x.txt": "x" });
    gh.repos.get("octo/other-default")!.branches.delete("main");
    gh.reset();
    await expect(client.commitFiles(repo, "staging", files(1), "m")).rejects.toMatchObject({ kind: "not_found" });
    expect(gh.requests.some((r) => r.method !== "GET")).toBe(false);
  });
});

describe("promote", () => {
  it("fast-forwards main to exactly the given commit", async () => {
    const repo = await stagedRepo("ff");
    expect(await client.promote(repo, repo.staged)).toEqual({ sha: repo.staged, method: "fast-forward" });
    expect(calls()).toEqual(["GET /repos/octo/ff/branches/main", "PATCH /repos/octo/ff/git/refs/heads%2Fmain"]);
    expect(gh.requests[1]!.body).toEqual({ sha: repo.staged, force: false });
    expect(head(repo, "main")).toBe(repo.staged);
  });

  it("reports unchanged without writing when main already is that commit", async () => {
    const repo = await stagedRepo("again");
    await client.promote(repo, repo.staged);
    gh.reset();
    expect(await client.promote(repo, repo.staged)).toEqual({ sha: repo.staged, method: "unchanged" });
    expect(calls()).toEqual(["GET /repos/octo/again/branches/main"]);
  });

  it("merges when main has diverged", async () => {
    const repo = await stagedRepo("diverged");
    const hotfix = await client.commitFiles(repo, "main", { "hotfix.txt": "fix" }, "hotfix");
    gh.reset();
    const outcome = await client.promote(repo, repo.staged);
    expect(outcome.method).toBe("merge");
    expect(calls()).toEqual([
      "GET /repos/octo/diverged/branches/main",
      "PATCH /repos/octo/diverged/git/refs/heads%2Fmain",
      "POST /repos/octo/diverged/merges",
    ]);
    expect(gh.requests[2]!.body).toMatchObject({ base: "main", head: repo.staged });
    expect(head(repo, "main")).toBe(outcome.sha);
    expect(parents(repo, outcome.sha)).toEqual([hotfix.sha, repo.staged]);
    expect(fileNames(repo, "main")).toEqual(["components/c0.tsx", "components/c1.tsx", "hotfix.txt"]);
  });

  it("reports unchanged with main's head when the merge has nothing to do (204)", async () => {
    const repo = await stagedRepo("contained");
    await client.promote(repo, repo.staged);
    const after = await client.commitFiles(repo, "main", { "hotfix.txt": "fix" }, "hotfix");
    gh.reset();
    expect(await client.promote(repo, repo.staged)).toEqual({ sha: after.sha, method: "unchanged" });
    expect(calls().slice(-2)).toEqual(["POST /repos/octo/contained/merges", "GET /repos/octo/contained/branches/main"]);
  });

  it("turns a merge conflict (both sides changed a file) into MergeConflictError, sent exactly once, main untouched", async () => {
    const repo = await stagedRepo("conflict");
    await client.commitFiles(repo, "main", files(1, "live"), "live");
    const main = head(repo, "main");
    gh.reset();
    const error = await client.promote(repo, repo.staged).catch((e: unknown) => e);
    expect(isMergeConflictError(error)).toBe(true);
    expect(error).toMatchObject({ service: "github", kind: "conflict", status: 409 });
    expect(calls().filter((c) => c.endsWith("/merges"))).toHaveLength(1);
    expect(head(repo, "main")).toBe(main);
  });
});

describe("restore", () => {
  // v0 then v1 on staging, v1 published: main's files are v1's.
  async function publishedTwice(name: string) {
    const repo = await stagedRepo(name, "v0");
    const newer = await client.commitFiles(repo, "staging", files(2, "v1"), "second", { previousCommit: repo.staged });
    await client.promote(repo, newer.sha);
    gh.reset();
    return { repo, older: repo.staged, newer: newer.sha };
  }

  it("puts an earlier commit's files on main as a new commit on top of it, in 4 requests, never forced", async () => {
    const { repo, older, newer } = await publishedTwice("restore");
    const outcome = await client.restore(repo, older);
    expect(outcome.method).toBe("restored");
    expect(calls()).toEqual([
      "GET /repos/octo/restore/branches/main",
      `GET /repos/octo/restore/git/commits/${older}`,
      "POST /repos/octo/restore/git/commits",
      "PATCH /repos/octo/restore/git/refs/heads%2Fmain",
    ]);
    expect(gh.requests[3]!.body).toEqual({ sha: outcome.sha, force: false });
    expect(head(repo, "main")).toBe(outcome.sha);
    expect(parents(repo, outcome.sha)).toEqual([newer]);
    expect(treeOf(repo, outcome.sha)).toBe(treeOf(repo, older));
  });

  it("makes no commit when main already holds those files (2 requests)", async () => {
    const { repo, newer } = await publishedTwice("restore-same");
    expect(await client.restore(repo, newer)).toEqual({ sha: newer, method: "unchanged" });
    expect(calls()).toHaveLength(2);
    expect(head(repo, "main")).toBe(newer);
  });

  it("rebuilds on main's new head once when someone else moved it meanwhile, and gives up the second time", async () => {
    const { repo, older } = await publishedTwice("restore-race");
    const outside = () => gh.push(repo.owner, repo.name, "main", { "hotfix.txt": "fix" });
    gh.before("PATCH", /\/git\/refs\//, outside);
    const outcome = await client.restore(repo, older);
    expect(outcome.method).toBe("restored");
    expect(calls().filter((c) => c.startsWith("PATCH"))).toHaveLength(2);
    expect(head(repo, "main")).toBe(outcome.sha);
    expect(fileNames(repo, "main")).toEqual(["components/c0.tsx", "components/c1.tsx"]);

    const again = await publishedTwice("restore-race-twice");
    gh.before("PATCH", /\/git\/refs\//, () => gh.push(again.repo.owner, again.repo.name, "main", { "a.txt": "a" }));
    gh.before("PATCH", /\/git\/refs\//, () => gh.push(again.repo.owner, again.repo.name, "main", { "b.txt": "b" }));
    const mainBefore = () => head(again.repo, "main");
    await expect(client.restore(again.repo, again.older)).rejects.toMatchObject({ kind: "not_fast_forward" });
    expect(fileNames(again.repo, mainBefore()!)).toContain("b.txt");
  });

  it("reports a commit the repository doesn't have as not_found, writing nothing", async () => {
    const { repo } = await publishedTwice("restore-missing");
    await expect(client.restore(repo, "f".repeat(40))).rejects.toMatchObject({ kind: "not_found" });
    expect(gh.requests.some((r) => r.method !== "GET")).toBe(false);
  });

  it("after a restore, promote puts exactly the published files live joining both histories, and later promotes merge as usual", async () => {
    const { repo, older, newer } = await publishedTwice("restore-then-publish");
    const restored = await client.restore(repo, older);
    gh.reset();
    const again = await client.promote(repo, newer);
    expect(again.method).toBe("restored");
    expect(calls()).toHaveLength(4);
    expect(parents(repo, again.sha)).toEqual([restored.sha, newer]);
    expect(treeOf(repo, again.sha)).toBe(treeOf(repo, newer));

    const later = await client.commitFiles(repo, "staging", files(2, "v2"), "third", { previousCommit: newer });
    const merged = await client.promote(repo, later.sha);
    expect(merged.method).toBe("merge");
    expect(treeOf(repo, merged.sha)).toBe(treeOf(repo, later.sha));
  });
});

describe("retries and rate limits", () => {
  it("retries 5xx, then reports unavailable once retries run out", async () => {
    const repo = await stagedRepo("flaky");
    gh.fail({ method: "POST", path: /\/git\/trees$/, status: 502 });
    expect((await client.commitFiles(repo, "staging", files(2, "v1"), "m")).changed).toBe(true);
    expect(calls().filter((c) => c.endsWith("/git/trees"))).toHaveLength(2);

    gh.reset();
    gh.fail({ method: "POST", path: /\/git\/trees$/, status: 500, times: 4 });
    const error = await client.commitFiles(repo, "staging", files(2, "v2"), "m").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ service: "github", kind: "unavailable", status: 500 });
    expect(calls().filter((c) => c.endsWith("/git/trees"))).toHaveLength(4);
  });

  it("never resends a 409 or 422", async () => {
    const repo = await stagedRepo("answers");
    gh.fail({ method: "POST", path: /\/git\/trees$/, status: 409, body: { message: "Git Repository is empty." } });
    await expect(client.commitFiles(repo, "staging", files(2, "v1"), "m")).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(calls().filter((c) => c.endsWith("/git/trees"))).toHaveLength(1);

    gh.reset();
    gh.fail({ method: "POST", path: /\/git\/commits$/, status: 422, body: { message: "Tree SHA does not exist" } });
    await expect(client.commitFiles(repo, "staging", files(2, "v1"), "m")).rejects.toMatchObject({ kind: "rejected", status: 422 });
    expect(calls().filter((c) => c.endsWith("/git/commits"))).toHaveLength(1);
  });

  it("waits out a secondary rate limit (429 + retry-after), at most twice", async () => {
    const repo = await stagedRepo("secondary", "v1");
    const limited = { method: "GET", path: /\/branches\//, status: 429, headers: { "retry-after": "3" }, body: { message: "You have exceeded a secondary rate limit." } };
    gh.fail(limited);
    expect(await throttledHost().commitFiles(repo, "staging", files(2, "v1"), "m")).toEqual({ sha: repo.staged, changed: false });
    expect(calls().filter((c) => c.startsWith("GET"))).toHaveLength(2);

    gh.reset();
    gh.fail({ ...limited, times: 3 });
    const error = await throttledHost().commitFiles(repo, "staging", files(2, "v1"), "m").catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 3000 });
    expect(gh.requests).toHaveLength(3);
  });

  it("waits for a primary limit that resets soon, and fails fast on one that resets in an hour", async () => {
    const repo = await stagedRepo("primary", "v1");
    const exhausted = (resetInS: number) => ({
      method: "GET",
      path: /\/branches\//,
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + resetInS) },
      body: { message: "API rate limit exceeded for user." },
    });
    gh.fail(exhausted(1));
    expect((await throttledHost().commitFiles(repo, "staging", files(2, "v1"), "m")).changed).toBe(false);
    expect(calls().filter((c) => c.startsWith("GET"))).toHaveLength(2);

    gh.reset();
    gh.fail(exhausted(3600));
    const error = (await throttledHost().commitFiles(repo, "staging", files(2, "v1"), "m").catch((e: unknown) => e)) as IntegrationError;
    expect(error).toMatchObject({ kind: "rate_limited", status: 403 });
    expect(error.retryAfterMs).toBeGreaterThan(3500_000);
    expect(gh.requests).toHaveLength(1);
  });
});

describe("toGitHubError", () => {
  const failure = (status: number | undefined, message: string, extra: { readonly headers?: Readonly<Record<string, string>>; readonly errors?: readonly object[] } = {}) => ({
    status,
    message,
    response: status === undefined ? undefined : { data: { message, errors: extra.errors }, headers: extra.headers ?? {} },
  });

  it.each([
    [404, "Not Found", "not_found", {}],
    [409, "Merge conflict", "conflict", {}],
    [422, "Update is not a fast forward", "not_fast_forward", {}],
    [422, "Repository creation failed.", "conflict", { errors: nameTaken.errors }],
    [422, "Validation Failed", "rejected", { errors: [{ field: "visibility", message: "invalid" }] }],
    [429, "You have exceeded a secondary rate limit.", "rate_limited", { headers: { "retry-after": "60" } }],
    [403, "You have exceeded a secondary rate limit.", "rate_limited", {}],
    [403, "API rate limit exceeded", "rate_limited", { headers: { "x-ratelimit-remaining": "0" } }],
    [403, "Resource not accessible by integration", "rejected", {}],
    [401, "Bad credentials", "rejected", {}],
    [400, "Problems parsing JSON", "rejected", {}],
    [500, "fetch failed", "unavailable", {}],
    [502, "Bad Gateway", "unavailable", {}],
    [503, "Service Unavailable", "unavailable", {}],
  ] as const)("%i %s → %s", (status, message, kind, extra) => {
    const mapped = toGitHubError(failure(status, message, extra), "update acme/app@staging");
    expect(mapped).toBeInstanceOf(IntegrationError);
    expect(mapped).toMatchObject({ service: "github", kind, status });
    expect(mapped.message).toBe(`update acme/app@staging: ${status} ${message}`);
  });

  it("carries how long to wait", () => {
    expect(toGitHubError(failure(429, "slow", { headers: { "retry-after": "60" } })).retryAfterMs).toBe(60_000);
    const reset = String(Math.floor(Date.now() / 1000) + 120);
    const primary = toGitHubError(failure(403, "API rate limit exceeded", { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset } }));
    expect(primary.retryAfterMs).toBeGreaterThan(100_000);
    expect(primary.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(toGitHubError(failure(404, "Not Found")).retryAfterMs).toBeUndefined();
  });

  it("treats no response at all as unavailable and passes typed errors through", () => {
    expect(toGitHubError(new TypeError("socket hang up"))).toMatchObject({ kind: "unavailable", status: undefined });
    expect(toGitHubError("weird")).toMatchObject({ kind: "unavailable" });
    const conflict = new MergeConflictError("x");
    expect(toGitHubError(conflict)).toBe(conflict);
  });
});
