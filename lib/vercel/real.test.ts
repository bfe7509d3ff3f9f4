// The Vercel client against a local server that answers in Vercel's
// documented shapes and records every request it gets.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type IntegrationError, isIntegrationError } from "@/lib/errors";
import type { VercelConfig } from "./http";
import { createVercelHost } from "./real";

type Recorded = { method: string; path: string; query: Record<string, string>; body: unknown; auth?: string; contentType?: string };
type Answer = { status: number; body?: unknown; raw?: string; headers?: Record<string, string>; hang?: boolean };

const requests: Recorded[] = [];
// Answers queued by a test are given first, in order; then the server behaves like Vercel.
let queued: Answer[] = [];
const waits: number[] = [];
let server: http.Server;
let baseUrl: string;

const repo = { owner: "acme", name: "bakery" };
const projectBody = (extra: object = {}) => ({
  id: "prj_1",
  name: "bakery",
  accountId: "team_1",
  framework: "nextjs",
  link: { type: "github", org: "acme", repo: "bakery", repoId: 42, productionBranch: "main", deployHooks: [] },
  ssoProtection: null,
  latestDeployments: [],
  ...extra,
});
const listed = (sha: string, branch: string, extra: object = {}) => ({
  uid: `dpl_${sha}`,
  name: "bakery",
  url: `bakery-${sha}-acme.vercel.app`,
  created: 1,
  state: "BUILDING",
  readyState: "BUILDING",
  target: null,
  projectId: "prj_1",
  source: "git",
  meta: { githubCommitSha: sha, githubCommitRef: branch, githubDeployment: "1", branchAlias: `bakery-git-${branch}-acme.vercel.app` },
  ...extra,
});
const full = (extra: object = {}) => ({
  id: "dpl_1",
  name: "bakery",
  url: "bakery-abc-acme.vercel.app",
  readyState: "READY",
  readySubstate: "PROMOTED",
  target: "production",
  alias: ["bakery.vercel.app", "bakery-git-main-acme.vercel.app"],
  aliasAssigned: 1_700_000_000_000,
  meta: { githubCommitSha: "abc", githubCommitRef: "main", branchAlias: "bakery-git-main-acme.vercel.app" },
  gitSource: { type: "github", org: "acme", repo: "bakery", ref: "main", sha: "abc" },
  ...extra,
});

function vercelLike(method: string, path: string): Answer {
  if (method === "POST" && path === "/v11/projects") return { status: 200, body: projectBody() };
  if (method === "GET" && path === "/v9/projects/prj_1") return { status: 200, body: projectBody() };
  if (method === "POST" && path === "/v9/projects/prj_1/link") return { status: 200, body: projectBody() };
  if (method === "PATCH" && path.startsWith("/v9/projects/prj_1")) return { status: 200, body: projectBody() };
  if (method === "GET" && path === "/v7/deployments") return { status: 200, body: { deployments: [listed("abc", "staging")], pagination: { count: 1, next: null, prev: null } } };
  if (method === "GET" && path === "/v13/deployments/dpl_1") return { status: 200, body: full() };
  if (method === "POST" && path === "/v13/deployments") return { status: 200, body: full({ readyState: "QUEUED", aliasAssigned: null }) };
  if (method === "GET" && path === "/v9/projects/prj_1/domains") {
    return { status: 200, body: { domains: [{ name: "bakery.vercel.app", verified: true }, { name: "bakery.example.com" }], pagination: {} } };
  }
  return { status: 404, body: { error: { code: "not_found", message: `No route for ${method} ${path}` } } };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push({
        method: req.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: raw ? JSON.parse(raw) : undefined,
        auth: req.headers.authorization,
        contentType: req.headers["content-type"],
      });
      const answer = queued.shift() ?? vercelLike(req.method ?? "", url.pathname);
      if (answer.hang) return;
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.raw ?? (answer.body === undefined ? "" : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  requests.length = 0;
  waits.length = 0;
  queued = [];
});

const host = (extra: Partial<VercelConfig> = {}) =>
  createVercelHost({
    token: "vc_test",
    teamId: "team_1",
    baseUrl,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIntegrationError(error)) throw new Error(`expected an IntegrationError, got ${String(error)}`);
  return error;
}

describe("every call carries the team, the token and the documented path, query and body", () => {
  it("projects", async () => {
    const vercel = host();
    await vercel.createProject({ name: "bakery", repo });
    await vercel.getProject("prj_1");
    await vercel.linkProject("prj_1", repo);
    await vercel.setProductionBranch("prj_1", "main");
    await vercel.disablePreviewProtection("prj_1");
    await vercel.getProductionUrl("prj_1");

    expect(requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ["POST", "/v11/projects", { teamId: "team_1" }, { name: "bakery", framework: "nextjs", gitRepository: { type: "github", repo: "acme/bakery" }, ssoProtection: null }],
      ["GET", "/v9/projects/prj_1", { teamId: "team_1" }, undefined],
      ["POST", "/v9/projects/prj_1/link", { teamId: "team_1" }, { type: "github", repo: "acme/bakery" }],
      ["PATCH", "/v9/projects/prj_1/branch", { teamId: "team_1" }, { branch: "main" }],
      ["PATCH", "/v9/projects/prj_1", { teamId: "team_1" }, { ssoProtection: null }],
      ["GET", "/v9/projects/prj_1/domains", { teamId: "team_1", production: "true" }, undefined],
    ]);
    expect(requests.every((r) => r.auth === "Bearer vc_test")).toBe(true);
    expect(requests.filter((r) => r.body !== undefined).every((r) => r.contentType === "application/json")).toBe(true);
  });

  it("deployments", async () => {
    const vercel = host();
    await vercel.findDeploymentForCommit({ projectId: "prj_1", sha: "abc", branch: "staging" });
    await vercel.getDeployment("dpl_1");
    await vercel.createDeployment({ projectId: "prj_1", projectName: "bakery", repo, branch: "staging", sha: "abc", target: "preview" });
    await vercel.createDeployment({ projectId: "prj_1", projectName: "bakery", repo, branch: "main", sha: "abc", target: "production" });

    const gitSource = (ref: string) => ({ type: "github", org: "acme", repo: "bakery", ref, sha: "abc" });
    const createQuery = { teamId: "team_1", forceNew: "1", skipAutoDetectionConfirmation: "1" };
    expect(requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ["GET", "/v7/deployments", { teamId: "team_1", projectId: "prj_1", sha: "abc", branch: "staging", limit: "5" }, undefined],
      ["GET", "/v13/deployments/dpl_1", { teamId: "team_1" }, undefined],
      ["POST", "/v13/deployments", createQuery, { name: "bakery", project: "prj_1", gitSource: gitSource("staging") }],
      ["POST", "/v13/deployments", createQuery, { name: "bakery", project: "prj_1", target: "production", gitSource: gitSource("main") }],
    ]);
    expect(requests.every((r) => r.auth === "Bearer vc_test")).toBe(true);
  });

  it("leaves teamId off for a personal token, and tolerates a trailing slash on the base URL", async () => {
    await host({ teamId: undefined, baseUrl: `${baseUrl}/` }).getProject("prj_1");
    expect(requests[0]).toMatchObject({ path: "/v9/projects/prj_1", query: {} });
  });

  it("escapes ids into the path", async () => {
    expect(await host().getProject("a/b c")).toBeNull();
    expect(requests[0]!.path).toBe("/v9/projects/a%2Fb%20c");
  });
});

describe("projects", () => {
  it("reads the linked repo, production branch and login wall", async () => {
    expect(await host().createProject({ name: "bakery", repo })).toEqual({
      id: "prj_1",
      name: "bakery",
      linkedRepo: "acme/bakery",
      productionBranch: "main",
      previewsProtected: false,
    });
    queued = [{ status: 200, body: projectBody({ link: null, ssoProtection: { deploymentType: "preview" } }) }];
    expect(await host().getProject("prj_1")).toEqual({ id: "prj_1", name: "bakery", linkedRepo: undefined, productionBranch: undefined, previewsProtected: true });
  });

  it("reports a taken name as a conflict carrying Vercel's own words", async () => {
    queued = [{ status: 409, body: { error: { code: "conflict", message: "A project with the name bakery already exists." } } }];
    const error = await failure(host().createProject({ name: "bakery", repo }));
    expect(error).toMatchObject({ service: "vercel", kind: "conflict", status: 409 });
    expect(error.message).toBe("POST /v11/projects: 409 conflict: A project with the name bakery already exists.");
  });

  it("answers null for a missing project, but lets other failures through", async () => {
    expect(await host().getProject("nope")).toBeNull();
    queued = [{ status: 403, body: { error: { code: "forbidden", message: "Not authorized" } } }];
    expect(await failure(host().getProject("prj_1"))).toMatchObject({ kind: "rejected", status: 403 });
  });

  it("gives the stable production domain, or null before there is one", async () => {
    expect(await host().getProductionUrl("prj_1")).toBe("https://bakery.vercel.app");
    queued = [{ status: 200, body: { domains: [] } }];
    expect(await host().getProductionUrl("prj_1")).toBeNull();
  });
});

describe("whether the commit author may deploy on the team", () => {
  const members = (list: object[]) => ({ status: 200, body: { members: list, pagination: { hasNext: false, count: list.length, next: null, prev: null } } });
  const member = (email: string, extra: object = {}) => ({ uid: "usr_1", email, username: "u", role: "MEMBER", confirmed: true, createdAt: 1, ...extra });

  it("searches the team's members for the e-mail", async () => {
    queued = [members([member("Builder@Acme.example")])];
    expect(await host().commitAuthorAccess!("builder@acme.example")).toMatchObject({ status: "member" });
    expect(requests[0]).toMatchObject({ method: "GET", path: "/v3/teams/team_1/members", query: { teamId: "team_1", search: "builder@acme.example", limit: "100" } });
  });

  it("reports an e-mail no confirmed member has", async () => {
    queued = [members([member("builder@acme.example.org")]), members([member("builder@acme.example", { confirmed: false })])];
    expect(await host().commitAuthorAccess!("builder@acme.example")).toMatchObject({ status: "not_member" });
    expect(await host().commitAuthorAccess!("builder@acme.example")).toMatchObject({ status: "not_member", detail: expect.stringContaining("not yet confirmed") });
  });

  it("can't tell without a team, or when the token may not read the members", async () => {
    expect(await host({ teamId: undefined }).commitAuthorAccess!("builder@acme.example")).toMatchObject({ status: "unknown" });
    expect(requests).toHaveLength(0);
    queued = [{ status: 403, body: { error: { code: "forbidden", message: "Not authorized" } } }];
    expect(await host().commitAuthorAccess!("builder@acme.example")).toMatchObject({ status: "unknown", detail: expect.stringContaining("403") });
  });
});

describe("finding the deployment for a commit", () => {
  const find = () => host().findDeploymentForCommit({ projectId: "prj_1", sha: "abc", branch: "staging" });

  it("maps a listed deployment (uid, host-only url, null target)", async () => {
    expect(await find()).toEqual({
      id: "dpl_abc",
      state: "BUILDING",
      url: "https://bakery-abc-acme.vercel.app",
      sha: "abc",
      branch: "staging",
      target: "preview",
      errorMessage: undefined,
      failureKind: undefined,
      aliasAssigned: false,
      aliasError: undefined,
    });
  });

  it("picks the one built from this commit on this branch out of several", async () => {
    queued = [{ status: 200, body: { deployments: [listed("newer", "staging"), listed("abc", "main"), listed("abc", "staging", { uid: "dpl_mine" })] } }];
    expect(await find()).toMatchObject({ id: "dpl_mine", sha: "abc", branch: "staging" });
  });

  it("answers null when the server ignores the filters and lists other commits", async () => {
    queued = [{ status: 200, body: { deployments: [listed("latest-but-not-ours", "staging"), listed("abc", "main")] } }];
    expect(await find()).toBeNull();
    queued = [{ status: 200, body: { deployments: [] } }];
    expect(await find()).toBeNull();
  });

  it("falls back to `state`, and reads DELETED as cancelled", async () => {
    queued = [{ status: 200, body: { deployments: [listed("abc", "staging", { readyState: undefined, state: "DELETED" })] } }];
    expect(await find()).toMatchObject({ state: "CANCELED" });
  });

  it("refuses a listed deployment without any state", async () => {
    queued = [{ status: 200, body: { deployments: [listed("abc", "staging", { readyState: undefined, state: undefined })] } }];
    const error = await failure(find());
    expect(error).toMatchObject({ kind: "unavailable" });
    expect(error.message).toMatch(/^GET \/v7\/deployments: unexpected answer shape \(deployments\.0\.readyState: deployment has neither readyState nor state\)$/);
  });
});

describe("reading and creating deployments", () => {
  it("reads state, URL, commit, target and alias assignment", async () => {
    expect(await host().getDeployment("dpl_1")).toEqual({
      id: "dpl_1",
      state: "READY",
      url: "https://bakery-abc-acme.vercel.app",
      sha: "abc",
      branch: "main",
      target: "production",
      errorMessage: undefined,
      failureKind: undefined,
      aliasAssigned: true,
      aliasError: undefined,
    });
  });

  it("gives the deployment's own host as its address, never the branch alias", async () => {
    queued = [{ status: 200, body: full({ target: null, meta: { githubCommitSha: "abc", githubCommitRef: "staging", branchAlias: "bakery-git-staging-acme.vercel.app" }, automaticAliases: ["bakery-git-staging-acme.vercel.app"] }) }];
    const deployment = await host().getDeployment("dpl_1");
    expect(deployment.url).toBe("https://bakery-abc-acme.vercel.app");
    expect(deployment.branchUrl).toBeUndefined();
    expect(JSON.stringify(deployment)).not.toContain("git-staging");
  });

  it("reads domains as not yet moved until aliasAssigned is truthy: null and false alike", async () => {
    queued = [
      { status: 200, body: full({ readySubstate: "STAGED", aliasAssigned: null }) },
      { status: 200, body: full({ readySubstate: "STAGED", aliasAssigned: false }) },
      { status: 200, body: full({ aliasAssigned: undefined }) },
      { status: 200, body: full({ aliasAssigned: true }) },
    ];
    expect((await host().getDeployment("dpl_1")).aliasAssigned).toBe(false);
    expect((await host().getDeployment("dpl_1")).aliasAssigned).toBe(false);
    expect((await host().getDeployment("dpl_1")).aliasAssigned).toBe(false);
    expect((await host().getDeployment("dpl_1")).aliasAssigned).toBe(true);
  });

  it("gathers Vercel's error fields into one technical message", async () => {
    queued = [
      { status: 200, body: full({ readyState: "ERROR", errorCode: "BUILD_FAILED", errorMessage: "Command \"next build\" exited with 1", aliasAssigned: false }) },
      { status: 200, body: full({ readyState: "READY", aliasAssigned: false, aliasError: { code: "alias_failed", message: "Alias could not be assigned" } }) },
      { status: 200, body: full({ readyState: "BLOCKED", readyStateReason: "COMMIT_AUTHOR_REQUIRED", errorMessage: "COMMIT_AUTHOR_REQUIRED" }) },
    ];
    expect(await host().getDeployment("dpl_1")).toMatchObject({ state: "ERROR", errorMessage: "BUILD_FAILED: Command \"next build\" exited with 1", aliasAssigned: false });
    expect(await host().getDeployment("dpl_1")).toMatchObject({ state: "READY", errorMessage: "Alias could not be assigned", aliasError: "Alias could not be assigned" });
    expect(await host().getDeployment("dpl_1")).toMatchObject({ state: "BLOCKED", errorMessage: "COMMIT_AUTHOR_REQUIRED" });
  });

  it("reads why the hosting account blocked a deployment into the admin detail", async () => {
    queued = [
      { status: 200, body: full({ readyState: "BLOCKED", aliasAssigned: null, seatBlock: { blockCode: "TEAM_ACCESS_REQUIRED", userId: "usr_9" } }) },
      { status: 200, body: full({ readyState: "BLOCKED", aliasAssigned: null, seatBlock: { blockCode: "COMMIT_AUTHOR_REQUIRED" }, readyStateReason: "Commit author is not a member of the team" }) },
    ];
    expect(await host().getDeployment("dpl_1")).toMatchObject({ state: "BLOCKED", failureKind: "blocked", errorMessage: "blocked (TEAM_ACCESS_REQUIRED, user usr_9)" });
    expect(await host().getDeployment("dpl_1")).toMatchObject({
      failureKind: "blocked",
      errorMessage: "blocked (COMMIT_AUTHOR_REQUIRED): Commit author is not a member of the team",
    });
  });

  it.each([
    [{ readyState: "ERROR", errorCode: "BUILD_FAILED", errorMessage: 'Command "npm run build" exited with 1' }, "code"],
    [{ readyState: "ERROR", errorCode: "BUILD_FAILED", errorMessage: 'Command "npm install" exited with 1' }, "install"],
    [{ readyState: "ERROR", errorCode: "INSTALL_FAILED" }, "install"],
    [{ readyState: "ERROR", errorCode: "INTERNAL_ERROR", errorMessage: "An unexpected error happened when running this build." }, "unavailable"],
    [{ readyState: "ERROR" }, "code"],
    [{ readyState: "CANCELED" }, "canceled"],
    [{ readyState: "BLOCKED" }, "blocked"],
    [{ readyState: "READY" }, undefined],
    [{ readyState: "BUILDING" }, undefined],
  ] as const)("says why %o failed: %s", async (fields, kind) => {
    queued = [{ status: 200, body: full({ aliasAssigned: null, ...fields }) }];
    expect((await host().getDeployment("dpl_1")).failureKind).toBe(kind);
  });

  it("returns the created deployment", async () => {
    const created = await host().createDeployment({ projectId: "prj_1", projectName: "bakery", repo, branch: "main", sha: "abc", target: "production" });
    expect(created).toMatchObject({ id: "dpl_1", state: "QUEUED", url: "https://bakery-abc-acme.vercel.app", aliasAssigned: false });
  });

  it("keeps a URL that already has a scheme", async () => {
    queued = [{ status: 200, body: full({ url: "https://bakery-abc-acme.vercel.app" }) }];
    expect((await host().getDeployment("dpl_1")).url).toBe("https://bakery-abc-acme.vercel.app");
  });
});

describe("errors", () => {
  it.each([
    [400, "rejected"],
    [401, "rejected"],
    [403, "rejected"],
    [404, "not_found"],
    [409, "conflict"],
    [422, "rejected"],
    [500, "unavailable"],
    [502, "unavailable"],
  ] as const)("maps %i to %s without retrying", async (status, kind) => {
    queued = [{ status, body: { error: { code: "some_code", message: "some message" } } }];
    const error = await failure(host().getDeployment("dpl_1"));
    expect(error).toMatchObject({ service: "vercel", kind, status });
    expect(error.message).toBe(`GET /v13/deployments/dpl_1: ${status} some_code: some message`);
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("shows a non-JSON error body as text", async () => {
    queued = [{ status: 502, raw: "<html>Bad gateway</html>" }];
    expect((await failure(host().getDeployment("dpl_1"))).message).toBe("GET /v13/deployments/dpl_1: 502 <html>Bad gateway</html>");
  });

  it("refuses an answer that lacks a field it reads, naming the call and the field", async () => {
    queued = [{ status: 200, body: { id: "dpl_1", readyState: "READY" } }];
    const error = await failure(host().getDeployment("dpl_1"));
    expect(error).toMatchObject({ service: "vercel", kind: "unavailable" });
    expect(error.message).toMatch(/^GET \/v13\/deployments\/dpl_1: unexpected answer shape \(url: /);
  });

  it("refuses an unknown deployment state rather than guessing", async () => {
    queued = [{ status: 200, body: full({ readyState: "SLEEPING" }) }];
    expect((await failure(host().getDeployment("dpl_1"))).message).toMatch(/unexpected answer shape \(readyState: /);
  });

  it("refuses a 2xx answer that is not JSON", async () => {
    queued = [{ status: 200, raw: "<html>hello</html>" }];
    const error = await failure(host().getProject("prj_1"));
    expect(error).toMatchObject({ kind: "unavailable" });
    expect(error.message).toBe("GET /v9/projects/prj_1: answer is not JSON: <html>hello</html>");
  });

  it("reports a server that does not answer in time as unavailable", async () => {
    queued = [{ status: 200, hang: true }];
    const error = await failure(host({ timeoutMs: 100 }).getDeployment("dpl_1"));
    expect(error).toMatchObject({ kind: "unavailable", status: undefined });
    expect(error.message).toBe("GET /v13/deployments/dpl_1: no answer within 100 ms");
  });

  it("reports a refused connection as unavailable", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(host({ baseUrl: `http://127.0.0.1:${port}` }).getDeployment("dpl_1"));
    expect(error).toMatchObject({ service: "vercel", kind: "unavailable" });
    expect(error.message).toMatch(/^GET \/v13\/deployments\/dpl_1: /);
  });

  it("uses an injected fetch", async () => {
    const seen: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await host({ fetch: recordingFetch }).getProject("prj_1");
    expect(seen).toEqual([`${baseUrl}/v9/projects/prj_1?teamId=team_1`]);
  });
});

describe("rate limits", () => {
  const limited = (headers: Record<string, string> = {}): Answer => ({
    status: 429,
    headers,
    body: { error: { code: "rate_limited", message: "Rate limit exceeded" } },
  });

  it("waits as long as Retry-After says, then succeeds", async () => {
    queued = [limited({ "retry-after": "7" }), limited({ "retry-after": "2" })];
    expect(await host().getProject("prj_1")).toMatchObject({ id: "prj_1" });
    expect(waits).toEqual([7000, 2000]);
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.query.teamId === "team_1" && r.auth === "Bearer vc_test")).toBe(true);
  });

  it("resends the same body after a wait", async () => {
    queued = [limited({ "retry-after": "1" })];
    await host().createProject({ name: "bakery", repo });
    const body = { name: "bakery", framework: "nextjs", gitRepository: { type: "github", repo: "acme/bakery" }, ssoProtection: null };
    expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/v11/projects", body],
      ["POST", "/v11/projects", body],
    ]);
  });

  it("accepts Retry-After as a date, backs off without one, and caps long waits", async () => {
    queued = [limited({ "retry-after": new Date(Date.now() + 30_000).toUTCString() }), limited(), limited({ "retry-after": "3600" })];
    await host().getProject("prj_1");
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThan(27_000);
    expect(waits[0]).toBeLessThanOrEqual(30_000);
    expect(waits.slice(1)).toEqual([2000, 60_000]);

    waits.length = 0;
    queued = [limited({ "retry-after": "3600" })];
    await host({ maxRetryAfterMs: 5_000 }).getProject("prj_1");
    expect(waits).toEqual([5_000]);
  });

  it("gives up as rate_limited after maxRetries, with the wait Vercel asked for", async () => {
    queued = Array.from({ length: 4 }, () => limited({ "retry-after": "9" }));
    const error = await failure(host().getProject("prj_1"));
    expect(error).toMatchObject({ service: "vercel", kind: "rate_limited", status: 429, retryAfterMs: 9000 });
    expect(error.message).toBe("GET /v9/projects/prj_1: 429 rate_limited: Rate limit exceeded");
    expect(requests).toHaveLength(4);
    expect(waits).toEqual([9000, 9000, 9000]);

    requests.length = 0;
    waits.length = 0;
    queued = [limited({ "retry-after": "1" })];
    expect(await failure(host({ maxRetries: 0 }).getProject("prj_1"))).toMatchObject({ kind: "rate_limited", retryAfterMs: 1000 });
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("treats 503 the same way, then reports it as unavailable", async () => {
    queued = [{ status: 503, headers: { "retry-after": "4" } }];
    expect(await host().getDeployment("dpl_1")).toMatchObject({ id: "dpl_1" });
    expect(waits).toEqual([4000]);

    waits.length = 0;
    queued = Array.from({ length: 4 }, () => ({ status: 503, body: { error: { code: "service_unavailable", message: "Try again" } } }));
    const error = await failure(host().getDeployment("dpl_1"));
    expect(error).toMatchObject({ kind: "unavailable", status: 503, retryAfterMs: undefined });
    expect(waits).toEqual([1000, 2000, 4000]);
  });
});
