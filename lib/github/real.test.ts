import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError, IntegrationError } from "@/lib/errors";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { MergeConflictError } from "./errors";
import { createGitHubHost } from "./real";

let gh: Awaited<ReturnType<typeof startFakeGitHub>>;
const author = { name: "App Builder", email: "builder@example.com" };
const fast = { enabled: false, retryAfterBaseMs: 1 };
const host = (org?: string) => createGitHubHost({ token: "ghp_test", org, baseUrl: gh.url, author, pacing: fast });
const files = (n: number, version = "v1") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`components/c${i}.tsx`, `export const c${i} = "${version}";`]));

beforeAll(async () => {
  gh = await startFakeGitHub({ orgs: ["acme"] });
});
afterAll(() => gh.close());
beforeEach(() => gh.reset());

describe("GitHub client", () => {
  it("creates private, initialised repos in the org, with the token", async () => {
    const repo = await host("acme").createAppRepo({ name: "bakery" });
    expect(repo).toMatchObject({ owner: "acme", name: "bakery", ownerKind: "org", defaultBranch: "main" });
    expect(gh.requests[0]).toMatchObject({ method: "POST", path: "/orgs/acme/repos", body: { name: "bakery", private: true, auto_init: true } });
    expect(gh.requests[0]!.headers.authorization).toBe("token ghp_test");
  });

  it("falls back to the personal account when the org refuses, and says so", async () => {
    const repo = await host("no-such-org").createAppRepo({ name: "todo" });
    expect(repo).toMatchObject({ owner: "octo", ownerKind: "personal" });
    expect(gh.requests.map((r) => r.path)).toEqual(["/orgs/no-such-org/repos", "/user/repos"]);
  });

  it("suffixes a taken name instead of reusing the repo", async () => {
    await host().createAppRepo({ name: "taken" });
    const second = await host().createAppRepo({ name: "taken" });
    expect(second.name).toMatch(/^taken-[0-9a-f]{4}$/);
  });

  it.each([1, 30, 300])("commits %i files in at most 4 requests", async (count) => {
    const repo = await host().createAppRepo({ name: `many-${count}` });
    await host().commitFiles(repo, "staging", files(count, "v0"), "first");
    gh.reset();
    const outcome = await host().commitFiles(repo, "staging", files(count), "update");
    expect(outcome.changed).toBe(true);
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/octo/many-${count}/branches/staging`,
      `POST /repos/octo/many-${count}/git/trees`,
      `POST /repos/octo/many-${count}/git/commits`,
      `PATCH /repos/octo/many-${count}/git/refs/heads%2Fstaging`,
    ]);
    const tree = gh.requests[1]!.body as { tree: { path: string; content: string; mode: string }[]; base_tree?: string };
    expect(tree.tree).toHaveLength(count);
    expect(tree.base_tree).toBeUndefined();
    expect(gh.requests[2]!.body).toMatchObject({ author, committer: author });
    expect(gh.requests[3]!.body).toMatchObject({ force: false });
  });

  it("makes no commit for unchanged files (2 requests)", async () => {
    const repo = await host().createAppRepo({ name: "same" });
    const first = await host().commitFiles(repo, "staging", files(3), "first");
    gh.reset();
    expect(await host().commitFiles(repo, "staging", files(3), "again")).toEqual({ sha: first.sha, changed: false });
    expect(gh.requests).toHaveLength(2);
  });

  it("creates staging from main on the first commit", async () => {
    const repo = await host().createAppRepo({ name: "fresh" });
    gh.reset();
    await host().commitFiles(repo, "staging", files(1), "first");
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/octo/fresh/branches/staging",
      "GET /repos/octo/fresh/branches/main",
      "POST /repos/octo/fresh/git/trees",
      "POST /repos/octo/fresh/git/commits",
      "POST /repos/octo/fresh/git/refs",
    ]);
  });

  it("rebuilds on the new head once when the branch moved (not a fast forward)", async () => {
    const repo = await host().createAppRepo({ name: "race" });
    await host().commitFiles(repo, "staging", files(1, "a"), "a");
    gh.fail({ method: "PATCH", path: /git\/refs/, status: 422, body: { message: "Update is not a fast forward" } });
    const outcome = await host().commitFiles(repo, "staging", files(1, "b"), "b");
    expect(outcome.changed).toBe(true);
    expect(gh.requests.filter((r) => r.method === "PATCH")).toHaveLength(2);
  });

  it("promotes by fast-forward, else merges, and a conflict is typed and sent once", async () => {
    const repo = await host().createAppRepo({ name: "promote" });
    const a = await host().commitFiles(repo, "staging", files(1, "a"), "a");
    gh.reset();
    expect(await host().promote(repo, a.sha)).toEqual({ sha: a.sha, method: "fast-forward" });
    expect(gh.requests).toHaveLength(1);

    gh.fail({ method: "PATCH", path: /git\/refs/, status: 422, body: { message: "Update is not a fast forward" } });
    const b = await host().commitFiles(repo, "staging", files(1, "b"), "b");
    gh.fail({ method: "PATCH", path: /git\/refs/, status: 422, body: { message: "Update is not a fast forward" } });
    expect((await host().promote(repo, b.sha)).method).toBe("merge");

    gh.answerMerges("conflict");
    gh.fail({ method: "PATCH", path: /git\/refs/, status: 422, body: { message: "Update is not a fast forward" } });
    gh.reset();
    await expect(host().promote(repo, b.sha)).rejects.toBeInstanceOf(MergeConflictError);
    expect(gh.requests.filter((r) => r.path.endsWith("/merges"))).toHaveLength(1);
    gh.answerMerges("merge");
  });

  it("retries 5xx and 429 (honouring retry-after), but never a 409 or 422", async () => {
    const repo = await host().createAppRepo({ name: "retry" });
    gh.fail({ method: "POST", path: /git\/trees/, status: 502 });
    gh.fail({ method: "POST", path: /git\/commits/, status: 429, headers: { "retry-after": "0" }, body: { message: "slow down" } });
    await expect(host().commitFiles(repo, "staging", files(2), "m")).resolves.toMatchObject({ changed: true });
    gh.reset();
    gh.fail({ method: "POST", path: /git\/trees/, status: 409, body: { message: "Git Repository is empty." } });
    await expect(host().commitFiles(repo, "staging", files(2, "x"), "m")).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(gh.requests.filter((r) => r.path.endsWith("/git/trees"))).toHaveLength(1);
  });

  it("maps 404 and exhausted 5xx to typed errors", async () => {
    await expect(host().commitFiles({ owner: "octo", name: "missing" }, "main", files(1), "m")).rejects.toMatchObject({ kind: "not_found" });
    const repo = await host().createAppRepo({ name: "down" });
    gh.fail({ method: "POST", path: /git\/trees/, status: 500, times: 10 });
    const error = await host().commitFiles(repo, "staging", files(1), "m").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ service: "github", kind: "unavailable" });
  });

  it("refuses hostile paths before any request", async () => {
    gh.reset();
    await expect(host().commitFiles({ owner: "octo", name: "x" }, "staging", { "../evil": "x" }, "m")).rejects.toBeInstanceOf(AppError);
    expect(gh.requests).toHaveLength(0);
  });
});
