import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError, IntegrationError } from "@/lib/errors";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { MergeConflictError, toGitHubError } from "./errors";
import { createGitHubHost } from "./real";
import type { RepoRef } from "./types";

let gh: Awaited<ReturnType<typeof startFakeGitHub>>;
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

beforeAll(async () => {
  gh = await startFakeGitHub({ orgs: ["acme"] });
});
afterAll(() => gh.close());
beforeEach(() => {
  gh.reset();
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

async function stagedRepo(name: string, version = "v0"): Promise<RepoRef & { staged: string }> {
  const repo = await host().createAppRepo({ name });
  const { sha } = await host().commitFiles(repo, "staging", files(2, version), "first");
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
    expect(await host().createAppRepo({ name: "solo" })).toMatchObject({ owner: "octo", name: "solo", ownerKind: "personal" });
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
    await host().createAppRepo({ name: "mine" });
    gh.reset();
    const repo = await host("no-such-org").createAppRepo({ name: "mine" });
    expect(repo.name).toMatch(/^mine-[a-z0-9]{4}$/);
    expect(calls()).toEqual(["POST /orgs/no-such-org/repos", "POST /user/repos", "POST /user/repos"]);
  });

  it("gives up after a few taken names, and keeps suffixed names within GitHub's 100 characters", async () => {
    gh.fail({ method: "POST", path: /^\/user\/repos$/, status: 422, body: nameTaken, times: 4 });
    await expect(host().createAppRepo({ name: "x".repeat(100) })).rejects.toMatchObject({ service: "github", kind: "conflict" });
    expect(gh.requests).toHaveLength(4);
    for (const r of gh.requests.slice(1)) expect((r.body as { name: string }).name).toMatch(/^x{95}-[a-z0-9]{4}$/);
  });
});

describe("commitFiles", () => {
  it.each([1, 30, 300])("commits %i files in 4 requests: branch, tree, commit, ref", async (count) => {
    const repo = await host().createAppRepo({ name: `many-${count}` });
    const first = await host().commitFiles(repo, "staging", files(count, "v0"), "first");
    gh.reset();
    const outcome = await host().commitFiles(repo, "staging", files(count), "update");
    expect(outcome.changed).toBe(true);
    const base = `/repos/octo/many-${count}`;
    expect(calls()).toEqual([`GET ${base}/branches/staging`, `POST ${base}/git/trees`, `POST ${base}/git/commits`, `PATCH ${base}/git/refs/heads%2Fstaging`]);

    const tree = gh.requests[1]!.body as { tree: { path: string; mode: string; type: string; content: string }[]; base_tree?: string };
    expect(tree.base_tree).toBeUndefined();
    expect(tree.tree).toHaveLength(count);
    expect(tree.tree[0]).toEqual({ path: "components/c0.tsx", mode: "100644", type: "blob", content: 'export const c0 = "v1";' });
    expect(gh.requests[2]!.body).toMatchObject({ message: "update", parents: [first.sha], author, committer: author });
    expect(gh.requests[3]!.body).toEqual({ sha: outcome.sha, force: false });
    expect(head(repo, "staging")).toBe(outcome.sha);
  });

  it("makes no commit for unchanged files (2 requests)", async () => {
    const repo = await stagedRepo("same", "v1");
    expect(await host().commitFiles(repo, "staging", files(2, "v1"), "again")).toEqual({ sha: repo.staged, changed: false });
    expect(calls()).toEqual(["GET /repos/octo/same/branches/staging", "POST /repos/octo/same/git/trees"]);
  });

  it("creates staging from main on the first commit, pointing straight at the new commit", async () => {
    const repo = await host().createAppRepo({ name: "fresh" });
    const main = head(repo, "main")!;
    gh.reset();
    const outcome = await host().commitFiles(repo, "staging", files(1), "first");
    expect(calls()).toEqual([
      "GET /repos/octo/fresh/branches/staging",
      "GET /repos/octo/fresh/branches/main",
      "POST /repos/octo/fresh/git/trees",
      "POST /repos/octo/fresh/git/commits",
      "POST /repos/octo/fresh/git/refs",
    ]);
    expect(gh.requests[3]!.body).toMatchObject({ parents: [main] });
    expect(gh.requests[4]!.body).toEqual({ ref: "refs/heads/staging", sha: outcome.sha });
    expect(head(repo, "staging")).toBe(outcome.sha);
    expect(head(repo, "main")).toBe(main);
  });

  it("waits briefly for a brand-new repo's main branch to appear", async () => {
    const repo = await host().createAppRepo({ name: "lagging" });
    gh.reset();
    gh.fail({ method: "GET", path: /\/branches\/main$/, status: 404, body: { message: "Branch not found" }, times: 2 });
    expect((await host().commitFiles(repo, "staging", files(1), "first")).changed).toBe(true);
    expect(calls().filter((c) => c.endsWith("/branches/main"))).toHaveLength(3);
  });

  it("on a lost race (not a fast forward) commits the same tree again on the new head, once", async () => {
    const repo = await stagedRepo("race");
    gh.fail(notFastForward);
    const outcome = await host().commitFiles(repo, "staging", files(2, "v1"), "second");
    expect(outcome.changed).toBe(true);
    expect(calls()).toEqual([
      "GET /repos/octo/race/branches/staging",
      "POST /repos/octo/race/git/trees",
      "POST /repos/octo/race/git/commits",
      "PATCH /repos/octo/race/git/refs/heads%2Fstaging",
      "GET /repos/octo/race/branches/staging",
      "POST /repos/octo/race/git/commits",
      "PATCH /repos/octo/race/git/refs/heads%2Fstaging",
    ]);
    expect(head(repo, "staging")).toBe(outcome.sha);
  });

  it("gives up with not_fast_forward when the branch moves twice", async () => {
    const repo = await stagedRepo("race2");
    gh.fail({ ...notFastForward, times: 2 });
    await expect(host().commitFiles(repo, "staging", files(2, "v1"), "m")).rejects.toMatchObject({ kind: "not_fast_forward", status: 422 });
    expect(calls().filter((c) => c.startsWith("PATCH"))).toHaveLength(2);
    expect(head(repo, "staging")).toBe(repo.staged);
  });

  it("keeps both commits when two writers race on the same branch", async () => {
    const repo = await stagedRepo("writers");
    const [a, b] = await Promise.all([host().commitFiles(repo, "staging", files(2, "a"), "a"), host().commitFiles(repo, "staging", files(2, "b"), "b")]);
    const tip = head(repo, "staging")!;
    expect([a.sha, b.sha]).toContain(tip);
    const other = tip === a.sha ? b.sha : a.sha;
    expect(parents(repo, tip)).toEqual([other]);
    expect(parents(repo, other)).toEqual([repo.staged]);
  });

  it("recovers when another writer created the branch first", async () => {
    const repo = await host().createAppRepo({ name: "created" });
    gh.fail({ method: "POST", path: /\/git\/refs$/, status: 422, body: { message: "Reference already exists" } });
    expect((await host().commitFiles(repo, "staging", files(1), "first")).changed).toBe(true);
    expect(calls().filter((c) => c.endsWith("/git/refs"))).toHaveLength(2);
  });

  it("refuses hostile paths before any request", async () => {
    for (const bad of ["../evil", "/etc/passwd", ".git/config", ".env.local"]) {
      await expect(host().commitFiles({ owner: "octo", name: "x" }, "staging", { [bad]: "x" }, "m")).rejects.toBeInstanceOf(AppError);
    }
    expect(gh.requests).toHaveLength(0);
  });

  it("reports a missing repository as not_found", async () => {
    await expect(host().commitFiles({ owner: "octo", name: "missing" }, "staging", files(1), "m")).rejects.toMatchObject({
      service: "github",
      kind: "not_found",
      status: 404,
    });
  });
});

describe("promote", () => {
  it("fast-forwards main to exactly the given commit", async () => {
    const repo = await stagedRepo("ff");
    expect(await host().promote(repo, repo.staged)).toEqual({ sha: repo.staged, method: "fast-forward" });
    expect(calls()).toEqual(["GET /repos/octo/ff/branches/main", "PATCH /repos/octo/ff/git/refs/heads%2Fmain"]);
    expect(gh.requests[1]!.body).toEqual({ sha: repo.staged, force: false });
    expect(head(repo, "main")).toBe(repo.staged);
  });

  it("reports unchanged without writing when main already is that commit", async () => {
    const repo = await stagedRepo("again");
    await host().promote(repo, repo.staged);
    gh.reset();
    expect(await host().promote(repo, repo.staged)).toEqual({ sha: repo.staged, method: "unchanged" });
    expect(calls()).toEqual(["GET /repos/octo/again/branches/main"]);
  });

  it("merges when main has diverged", async () => {
    const repo = await stagedRepo("diverged");
    const hotfix = await host().commitFiles(repo, "main", files(1, "hotfix"), "hotfix");
    gh.reset();
    const outcome = await host().promote(repo, repo.staged);
    expect(outcome.method).toBe("merge");
    expect(calls()).toEqual([
      "GET /repos/octo/diverged/branches/main",
      "PATCH /repos/octo/diverged/git/refs/heads%2Fmain",
      "POST /repos/octo/diverged/merges",
    ]);
    expect(gh.requests[2]!.body).toMatchObject({ base: "main", head: repo.staged });
    expect(head(repo, "main")).toBe(outcome.sha);
    expect(parents(repo, outcome.sha)).toEqual([hotfix.sha, repo.staged]);
  });

  it("reports unchanged with main's head when the merge has nothing to do (204)", async () => {
    const repo = await stagedRepo("contained");
    gh.answerMerges("nothing");
    try {
      gh.fail(notFastForward);
      expect(await host().promote(repo, repo.staged)).toEqual({ sha: head(repo, "main"), method: "unchanged" });
      expect(calls().at(-1)).toBe("GET /repos/octo/contained/branches/main");
    } finally {
      gh.answerMerges("merge");
    }
  });

  it("turns a merge conflict into MergeConflictError, sent exactly once, main untouched", async () => {
    const repo = await stagedRepo("conflict");
    await host().commitFiles(repo, "main", files(1, "live"), "live");
    const main = head(repo, "main");
    gh.reset();
    gh.answerMerges("conflict");
    try {
      const error = await host().promote(repo, repo.staged).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MergeConflictError);
      expect(error).toMatchObject({ service: "github", kind: "conflict", status: 409 });
    } finally {
      gh.answerMerges("merge");
    }
    expect(calls().filter((c) => c.endsWith("/merges"))).toHaveLength(1);
    expect(head(repo, "main")).toBe(main);
  });
});

describe("retries and rate limits", () => {
  it("retries 5xx, then reports unavailable once retries run out", async () => {
    const repo = await stagedRepo("flaky");
    gh.fail({ method: "POST", path: /\/git\/trees$/, status: 502 });
    expect((await host().commitFiles(repo, "staging", files(2, "v1"), "m")).changed).toBe(true);
    expect(calls().filter((c) => c.endsWith("/git/trees"))).toHaveLength(2);

    gh.reset();
    gh.fail({ method: "POST", path: /\/git\/trees$/, status: 500, times: 4 });
    const error = await host().commitFiles(repo, "staging", files(2, "v2"), "m").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ service: "github", kind: "unavailable", status: 500 });
    expect(calls().filter((c) => c.endsWith("/git/trees"))).toHaveLength(4);
  });

  it("never resends a 409 or 422", async () => {
    const repo = await stagedRepo("answers");
    gh.fail({ method: "POST", path: /\/git\/trees$/, status: 409, body: { message: "Git Repository is empty." } });
    await expect(host().commitFiles(repo, "staging", files(2, "v1"), "m")).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(calls().filter((c) => c.endsWith("/git/trees"))).toHaveLength(1);

    gh.reset();
    gh.fail({ method: "POST", path: /\/git\/commits$/, status: 422, body: { message: "Tree SHA does not exist" } });
    await expect(host().commitFiles(repo, "staging", files(2, "v1"), "m")).rejects.toMatchObject({ kind: "rejected", status: 422 });
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
