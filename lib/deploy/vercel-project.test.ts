// ensureVercelProject over the real Vercel client, against the Vercel fake:
// name clashes (409 → read the project → link it, or take the next name),
// the production branch, the preview login wall, and the commit-author check.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isIntegrationError } from "@/lib/errors";
import { createVercelHost } from "@/lib/vercel/real";
import { startFakeVercel } from "@/tests/fakes/vercel-server";
import { ensureVercelProject, projectNameFor } from "./vercel-project";

const AUTHOR = "builder@acme.example";
let vc: Awaited<ReturnType<typeof startFakeVercel>>;
const waits: number[] = [];
const client = ({ teamId }: { teamId?: string } = { teamId: "team_1" }) =>
  createVercelHost({ token: "vc", teamId, baseUrl: vc.url, sleep: async (ms) => void waits.push(ms) });
const ours = { repoOwner: "acme", repoName: "bakery" };
const calls = () => vc.requests.map((r) => `${r.method} ${r.path}`);

beforeEach(async () => {
  vc = await startFakeVercel({ teamId: "team_1", members: [AUTHOR] });
  waits.length = 0;
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await vc.close();
});

describe("a free name", () => {
  it("creates the project linked to the repo, production on main, previews public", async () => {
    const linked = await ensureVercelProject(ours, client(), AUTHOR);
    expect(linked).toEqual({ projectId: expect.stringMatching(/^prj_/), projectName: "bakery" });
    expect(vc.projects.get(linked.projectId)).toMatchObject({ name: "bakery", link: { org: "acme", repo: "bakery", productionBranch: "main" }, ssoProtection: null });
    expect(calls()).toEqual(["POST /v11/projects", "GET /v3/teams/team_1/members"]);
    expect(vc.requests.every((r) => r.query.get("teamId") === "team_1")).toBe(true);
  });

  it("moves production to main when the repo's default branch is another", async () => {
    await vc.close();
    vc = await startFakeVercel({ teamId: "team_1", members: [AUTHOR], defaultBranch: "master" });
    const linked = await ensureVercelProject(ours, client(), AUTHOR);
    expect(calls()).toContain("PATCH /v9/projects/" + linked.projectId + "/branch");
    expect(vc.projects.get(linked.projectId)!.link!.productionBranch).toBe("main");
  });
});

describe("a taken name", () => {
  it("takes over the project when it is already linked to this repo (a retry after a crash)", async () => {
    const first = await ensureVercelProject(ours, client(), AUTHOR);
    vc.requests.length = 0;
    const again = await ensureVercelProject(ours, client(), AUTHOR);
    expect(again).toEqual(first);
    expect(calls()).toEqual(["POST /v11/projects", "GET /v9/projects/bakery", "GET /v3/teams/team_1/members"]);
    expect(vc.projects.size).toBe(1);
  });

  it("links a project of that name that has no repository yet, and lifts its login wall", async () => {
    await client().createProject({ name: "bakery", repo: { owner: "acme", name: "bakery" } });
    const existing = [...vc.projects.values()][0]!;
    delete existing.link;
    existing.ssoProtection = { deploymentType: "preview" };
    vc.requests.length = 0;

    const linked = await ensureVercelProject(ours, client(), AUTHOR);
    expect(linked).toMatchObject({ projectId: existing.id, projectName: "bakery" });
    expect(calls()).toEqual([
      "POST /v11/projects",
      "GET /v9/projects/bakery",
      `POST /v9/projects/${existing.id}/link`,
      `PATCH /v9/projects/${existing.id}`,
      "GET /v3/teams/team_1/members",
    ]);
    expect(existing).toMatchObject({ link: { org: "acme", repo: "bakery", productionBranch: "main" }, ssoProtection: null });
  });

  it("takes the next name when the project belongs to another repository", async () => {
    await client().createProject({ name: "bakery", repo: { owner: "someone", name: "bakery" } });
    vc.requests.length = 0;
    const linked = await ensureVercelProject(ours, client(), AUTHOR);
    expect(linked.projectName).toBe("bakery-2");
    expect(calls().slice(0, 3)).toEqual(["POST /v11/projects", "GET /v9/projects/bakery", "POST /v11/projects"]);
    expect(vc.projects.get(linked.projectId)!.link).toMatchObject({ org: "acme", repo: "bakery" });
  });

  it("gives up as a conflict after three names, all taken by others", async () => {
    for (const name of ["bakery", "bakery-2", "bakery-3"]) await client().createProject({ name, repo: { owner: "someone", name } });
    const error = await ensureVercelProject(ours, client(), AUTHOR).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isIntegrationError(error) && error.kind).toBe("conflict");
    expect(vc.projects.size).toBe(3);
  });
});

describe("over the wire", () => {
  it("waits out a 429 as Retry-After asks", async () => {
    vc.rateLimit(1, 3);
    await ensureVercelProject(ours, client(), AUTHOR);
    expect(waits).toEqual([3000]);
    expect(calls().slice(0, 2)).toEqual(["POST /v11/projects", "POST /v11/projects"]);
  });

  it("is refused without the team the fake is configured with", async () => {
    const error = await ensureVercelProject(ours, client({}), AUTHOR).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isIntegrationError(error) && [error.kind, error.status]).toEqual(["rejected", 403]);
    expect(vc.projects.size).toBe(0);
  });
});

describe("the commit author", () => {
  it("warns admins, in the log and in the answer, when the author is not on the team", async () => {
    const linked = await ensureVercelProject(ours, client(), "someone@else.example");
    expect(linked.warning).toMatch(/GIT_AUTHOR_EMAIL=someone@else\.example does not look like a member of the hosting team/);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining(linked.warning!));
  });

  it("says nothing when the author is a member, or when it can't be checked", async () => {
    expect((await ensureVercelProject(ours, client(), AUTHOR)).warning).toBeUndefined();
    expect(console.warn).not.toHaveBeenCalled();

    await vc.close();
    vc = await startFakeVercel({ members: [AUTHOR] });
    expect((await ensureVercelProject(ours, client({}), "someone@else.example")).warning).toBeUndefined();
    expect(calls()).not.toContain("GET /v3/teams/team_1/members");
    expect(console.info).toHaveBeenCalledWith(expect.stringContaining("not checked"));
  });
});

describe("project names", () => {
  it("keeps Vercel's rules: lowercase letters, digits, '.', '_', '-', at most 100", () => {
    expect(projectNameFor("My Bakery!!")).toBe("my-bakery");
    expect(projectNameFor("--a---b--")).toBe("a--b");
    expect(projectNameFor("x".repeat(120))).toHaveLength(100);
    expect(projectNameFor("???")).toBe("app");
  });
});
