import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IntegrationError } from "@/lib/errors";
import { createVercelHost } from "./real";

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
const requests: { method: string; url: URL; body: unknown; auth?: string }[] = [];
let answers: Answer[] = [];
let server: http.Server;
let baseUrl: string;
const waits: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      requests.push({ method: req.method!, url: new URL(req.url!, "http://x"), body: raw ? JSON.parse(raw) : undefined, auth: req.headers.authorization });
      const answer = answers.shift() ?? { status: 200, body: {} };
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  waits.length = 0;
  answers = [];
});

const host = () =>
  createVercelHost({ token: "vc_test", teamId: "team_1", baseUrl, sleep: async (ms) => void waits.push(ms) });
const project = { id: "prj_1", name: "bakery", link: { org: "acme", repo: "bakery", productionBranch: "main" }, ssoProtection: null };
const deployment = (sha: string, branch: string, extra: object = {}) => ({
  uid: "dpl_1",
  url: "bakery-abc.vercel.app",
  readyState: "BUILDING",
  meta: { githubCommitSha: sha, githubCommitRef: branch, branchAlias: "bakery-git-staging-acme.vercel.app" },
  target: null,
  ...extra,
});

describe("Vercel client", () => {
  it("creates a project linked to the repo, with the team and token on the call", async () => {
    answers = [{ status: 200, body: project }];
    const created = await host().createProject({ name: "bakery", repo: { owner: "acme", name: "bakery" } });
    expect(created).toEqual({ id: "prj_1", name: "bakery", linkedRepo: "acme/bakery", productionBranch: "main", previewsProtected: false });
    const [req] = requests;
    expect(req).toMatchObject({ method: "POST", auth: "Bearer vc_test" });
    expect(req!.url.pathname).toBe("/v11/projects");
    expect(req!.url.searchParams.get("teamId")).toBe("team_1");
    expect(req!.body).toEqual({ name: "bakery", framework: "nextjs", gitRepository: { type: "github", repo: "acme/bakery" }, ssoProtection: null });
  });

  it("maps a taken name to a conflict, and a missing project to null", async () => {
    answers = [{ status: 409, body: { error: { code: "conflict", message: "Project already exists" } } }, { status: 404, body: { error: { code: "not_found" } } }];
    await expect(host().createProject({ name: "bakery", repo: { owner: "a", name: "b" } })).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(await host().getProject("nope")).toBeNull();
  });

  it("links, sets the production branch and removes the login wall, each with the team", async () => {
    answers = [{ status: 200, body: project }, { status: 200 }, { status: 200 }];
    await host().linkProject("prj_1", { owner: "acme", name: "bakery" });
    await host().setProductionBranch("prj_1", "main");
    await host().disablePreviewProtection("prj_1");
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /v9/projects/prj_1/link", "PATCH /v9/projects/prj_1/branch", "PATCH /v9/projects/prj_1"]);
    expect(requests.map((r) => r.body)).toEqual([{ type: "github", repo: "acme/bakery" }, { branch: "main" }, { ssoProtection: null }]);
    expect(requests.every((r) => r.url.searchParams.get("teamId") === "team_1")).toBe(true);
  });

  it("finds the deployment for exactly this commit, checking each result itself", async () => {
    answers = [{ status: 200, body: { deployments: [deployment("other", "staging"), deployment("abc123", "staging")] } }];
    const found = await host().findDeploymentForCommit({ projectId: "prj_1", sha: "abc123", branch: "staging" });
    expect(found).toMatchObject({ id: "dpl_1", state: "BUILDING", url: "https://bakery-abc.vercel.app", branchUrl: "https://bakery-git-staging-acme.vercel.app", sha: "abc123" });
    const query = requests[0]!.url.searchParams;
    expect(requests[0]!.url.pathname).toBe("/v7/deployments");
    expect(Object.fromEntries(query)).toMatchObject({ projectId: "prj_1", sha: "abc123", branch: "staging", teamId: "team_1" });

    answers = [{ status: 200, body: { deployments: [deployment("latest-but-wrong", "staging")] } }];
    expect(await host().findDeploymentForCommit({ projectId: "prj_1", sha: "abc123", branch: "staging" })).toBeNull();
  });

  it("reads a deployment's state, URLs and error text", async () => {
    answers = [{ status: 200, body: { id: "dpl_2", url: "x.vercel.app", readyState: "ERROR", errorCode: "BUILD_FAILED", errorMessage: "Command failed", target: "production", aliasAssigned: false } }];
    expect(await host().getDeployment("dpl_2")).toMatchObject({ state: "ERROR", target: "production", errorMessage: "BUILD_FAILED: Command failed", aliasAssigned: false });
    expect(requests[0]!.url.pathname).toBe("/v13/deployments/dpl_2");
  });

  it("creates a deployment from a git commit when none appears", async () => {
    answers = [{ status: 200, body: { id: "dpl_3", url: "y.vercel.app", readyState: "QUEUED" } }];
    await host().createDeployment({ projectId: "prj_1", projectName: "bakery", repo: { owner: "acme", name: "bakery" }, branch: "staging", sha: "abc", target: "preview" });
    expect(requests[0]!.url.pathname).toBe("/v13/deployments");
    expect(requests[0]!.url.searchParams.get("forceNew")).toBe("1");
    expect(requests[0]!.body).toEqual({ name: "bakery", project: "prj_1", gitSource: { type: "github", org: "acme", repo: "bakery", ref: "staging", sha: "abc" } });
  });

  it("reads the production domain", async () => {
    answers = [{ status: 200, body: { domains: [{ name: "bakery.vercel.app" }] } }];
    expect(await host().getProductionUrl("prj_1")).toBe("https://bakery.vercel.app");
    expect(requests[0]!.url.searchParams.get("production")).toBe("true");
  });

  it("waits out 429 as Retry-After says, then succeeds; gives up after a few", async () => {
    answers = [{ status: 429, headers: { "retry-after": "7" } }, { status: 200, body: project }];
    await host().getProject("prj_1");
    expect(waits).toEqual([7000]);
    answers = Array.from({ length: 5 }, () => ({ status: 429, headers: { "retry-after": "1" } }));
    await expect(host().getProject("prj_1")).rejects.toMatchObject({ kind: "rate_limited", status: 429 });
  });

  it.each([
    [500, "unavailable"],
    [403, "rejected"],
    [422, "rejected"],
  ])("maps %i to %s", async (status, kind) => {
    answers = [{ status, body: { error: { code: "x", message: "boom" } } }, { status, body: {} }, { status, body: {} }, { status, body: {} }];
    await expect(host().getDeployment("dpl_x")).rejects.toMatchObject({ service: "vercel", kind });
  });

  it("refuses an answer that lacks the fields we use", async () => {
    answers = [{ status: 200, body: { id: "dpl_4" } }];
    const error = await host().getDeployment("dpl_4").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as Error).message).toMatch(/unexpected answer/);
  });
});
