// The Vercel fake holds to the documented contract, seen through the real
// client: deployments only for pushed commits of linked repositories (or
// created for a known commit), every state, domains a moment after READY.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isIntegrationError } from "@/lib/errors";
import { BUILD_OUTPUT_LIMITS, createVercelHost } from "@/lib/vercel/real";
import type { PreviewHost } from "@/lib/vercel/types";
import { type GitPush, startFakeVercel } from "./vercel-server";

const AUTHOR = "builder@acme.example";
let vc: Awaited<ReturnType<typeof startFakeVercel>>;
let vercel: PreviewHost;
const repo = { owner: "acme", name: "bakery" };
const push = (fields: Partial<GitPush> = {}): GitPush => ({ owner: "acme", repo: "bakery", repoId: 42, branch: "staging", sha: "s1", message: "Update", authorEmail: AUTHOR, ...fields });

beforeEach(async () => {
  vc = await startFakeVercel({ teamId: "team_1", members: [AUTHOR], queuedPolls: 1, buildPolls: 1, aliasPolls: 2 });
  vercel = createVercelHost({ token: "vc", teamId: "team_1", baseUrl: vc.url });
});
afterEach(() => vc.close());

describe("deployments come from pushes to linked repositories", () => {
  it("makes none for a push before the project is linked, one per push after", async () => {
    vc.gitPush(push({ sha: "early" }));
    const project = await vercel.createProject({ name: "bakery", repo });
    expect(await vercel.findDeploymentForCommit({ projectId: project.id, sha: "early", branch: "staging" })).toBeNull();

    vc.gitPush(push({ sha: "s1" }));
    vc.gitPush(push({ sha: "m1", branch: "main" }));
    expect(await vercel.findDeploymentForCommit({ projectId: project.id, sha: "s1", branch: "staging" })).toMatchObject({ state: "QUEUED", target: "preview" });
    expect(await vercel.findDeploymentForCommit({ projectId: project.id, sha: "m1", branch: "main" })).toMatchObject({ target: "production" });
    expect(vc.deployments).toHaveLength(2);
  });

  it("never invents one for an unknown commit, and creates one through the API only for a commit it has seen", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    expect(await vercel.findDeploymentForCommit({ projectId: project.id, sha: "nope", branch: "staging" })).toBeNull();
    const refused = await vercel
      .createDeployment({ projectId: project.id, projectName: "bakery", repo, branch: "staging", sha: "nope", target: "preview" })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isIntegrationError(refused) && [refused.kind, refused.status]).toEqual(["rejected", 400]);

    vc.pauseGitIntegration();
    vc.gitPush(push({ sha: "s2" }));
    expect(await vercel.findDeploymentForCommit({ projectId: project.id, sha: "s2", branch: "staging" })).toBeNull();
    const created = await vercel.createDeployment({ projectId: project.id, projectName: "bakery", repo, branch: "staging", sha: "s2", target: "preview" });
    expect(created).toMatchObject({ state: "QUEUED", sha: "s2", branch: "staging", target: "preview" });
  });
});

describe("states", () => {
  it("goes QUEUED → BUILDING → READY, and production's domains move a moment after READY", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    vc.gitPush(push({ sha: "m1", branch: "main" }));
    const found = (await vercel.findDeploymentForCommit({ projectId: project.id, sha: "m1", branch: "main" }))!;
    const seen = [];
    for (let i = 0; i < 5; i++) {
      const d = await vercel.getDeployment(found.id);
      seen.push([d.state, d.aliasAssigned]);
    }
    expect([[found.state, found.aliasAssigned], ...seen]).toEqual([
      ["QUEUED", false],
      ["BUILDING", false],
      ["READY", false],
      ["READY", false],
      ["READY", true],
      ["READY", true],
    ]);
    expect(await vercel.getProductionUrl(project.id)).toBe("https://bakery.vercel.example");
  });

  it("ends ERROR when builds fail, CANCELED when cancelled, BLOCKED for an author not on the team", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    vc.failBuilds("install");
    vc.gitPush(push({ sha: "bad" }));
    vc.failBuilds(null);
    vc.gitPush(push({ sha: "gone" }));
    vc.gitPush(push({ sha: "outsider", authorEmail: "stranger@else.example" }));
    const poll = async (sha: string) => {
      const d = (await vercel.findDeploymentForCommit({ projectId: project.id, sha, branch: "staging" }))!;
      for (let i = 0; i < 3; i++) await vercel.getDeployment(d.id);
      return vercel.getDeployment(d.id);
    };
    expect(await poll("bad")).toMatchObject({ state: "ERROR", failureKind: "install", errorMessage: 'BUILD_FAILED: Command "npm install" exited with 1' });
    vc.cancel(vc.deployments.find((d) => d.sha === "gone")!.uid);
    expect(await poll("gone")).toMatchObject({ state: "CANCELED", failureKind: "canceled" });
    expect(await poll("outsider")).toMatchObject({ state: "BLOCKED", failureKind: "blocked", errorMessage: "blocked (COMMIT_AUTHOR_REQUIRED)" });
  });
});

describe("build output", () => {
  const failedBuild = async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    vc.failBuilds("code");
    vc.gitPush(push({ sha: "broken" }));
    const d = (await vercel.findDeploymentForCommit({ projectId: project.id, sha: "broken", branch: "staging" }))!;
    for (let i = 0; i < 3; i++) await vercel.getDeployment(d.id);
    return vercel.getDeployment(d.id);
  };

  it("reads a failed code build's events, oldest first, with the line that names the error", async () => {
    const failed = await failedBuild();
    expect(failed).toMatchObject({ state: "ERROR", failureKind: "code" });
    const lines = await vercel.buildOutput!(failed.id);
    expect(lines[0]).toMatch(/^Cloning github.com\/acme\/bakery/);
    expect(lines).toContain("./app/page.tsx:12:7");
    expect(lines).toContain("Type error: Cannot find name 'Hero'.");
    expect(lines.at(-1)).toBe('Error: Command "npm run build" exited with 1');

    const asked = vc.requests.filter((r) => r.path === `/v3/deployments/${failed.id}/events`);
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(asked[0]!.query)).toMatchObject({ teamId: "team_1", follow: "0", direction: "backward", limit: String(BUILD_OUTPUT_LIMITS.events) });
  });

  it("is bounded: the newest events only, each line and the whole cut", async () => {
    const failed = await failedBuild();
    const huge = "x".repeat(5_000);
    vc.deployments.find((d) => d.uid === failed.id)!.failure!.log = Array.from({ length: 1_000 }, (_, i) => `${i} ${huge}`);
    const lines = await vercel.buildOutput!(failed.id);
    expect(lines.length).toBeLessThanOrEqual(BUILD_OUTPUT_LIMITS.events);
    expect(lines.every((l) => l.length <= BUILD_OUTPUT_LIMITS.lineChars)).toBe(true);
    expect(lines.reduce((n, l) => n + l.length + 1, 0)).toBeLessThanOrEqual(BUILD_OUTPUT_LIMITS.totalChars);
    // The end of the build, where the error is.
    expect(lines.at(-1)).toBe('Error: Command "npm run build" exited with 1');
  });

  it("answers not found for an unknown deployment", async () => {
    const error = await vercel.buildOutput!("dpl_nope").catch((e: unknown) => e);
    expect(isIntegrationError(error) && error.kind).toBe("not_found");
  });
});

describe("projects", () => {
  it("gives each project its own branch alias and deployment hosts", async () => {
    const a = await vercel.createProject({ name: "bakery", repo });
    const b = await vercel.createProject({ name: "bakery-copy", repo });
    vc.gitPush(push({ sha: "s1" }));
    const [da, db] = [vc.deployments.find((d) => d.projectId === a.id)!, vc.deployments.find((d) => d.projectId === b.id)!];
    const answer = async (uid: string) => (await fetch(`${vc.url}/v13/deployments/${uid}?teamId=team_1`, { headers: { authorization: "Bearer vc" } }).then((r) => r.json())) as { url: string; meta: { branchAlias: string } };
    const [va, vb] = [await answer(da.uid), await answer(db.uid)];
    expect(va.meta.branchAlias).toBe("bakery-git-staging-acme.vercel.example");
    expect(vb.meta.branchAlias).toBe("bakery-copy-git-staging-acme.vercel.example");
    expect(va.url).not.toBe(vb.url);
  });

  it("refuses gitRepository in PATCH, as Vercel does", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    const res = await fetch(`${vc.url}/v9/projects/${project.id}?teamId=team_1`, {
      method: "PATCH",
      headers: { authorization: "Bearer vc", "content-type": "application/json" },
      body: JSON.stringify({ gitRepository: { type: "github", repo: "acme/other" } }),
    });
    expect(res.status).toBe(400);
  });
});

describe("project environment variables", () => {
  const call = async (method: string, path: string, body?: unknown, query = "") =>
    fetch(`${vc.url}${path}?teamId=team_1${query}`, {
      method,
      headers: { authorization: "Bearer vc", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("refuses gitBranch unless the target is preview alone, sensitive for development, and invalid keys", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    const path = `/v10/projects/${project.id}/env`;
    for (const body of [
      { key: "A", value: "1", type: "encrypted", target: ["production"], gitBranch: "staging" },
      { key: "A", value: "1", type: "encrypted", target: ["preview", "production"], gitBranch: "staging" },
      { key: "A", value: "1", type: "sensitive", target: ["development"] },
      { key: "1A", value: "1", type: "encrypted", target: ["preview"] },
      { key: "A", value: 1, type: "encrypted", target: ["preview"] },
    ]) {
      expect((await call("POST", path, body)).status).toBe(400);
    }
    expect(vc.envs.get(project.id) ?? []).toEqual([]);
  });

  it("creates once, refuses a duplicate without upsert, replaces with upsert, never lists a sensitive value", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    const path = `/v10/projects/${project.id}/env`;
    const entry = { key: "STRIPE_SECRET_KEY", value: "sk_test_one", type: "sensitive", target: ["preview"], gitBranch: "staging" };
    expect((await call("POST", path, entry)).status).toBe(201);
    const again = (await (await call("POST", path, entry)).json()) as { failed: { error: { code: string } }[] };
    expect(again.failed.map((f) => f.error.code)).toEqual(["ENV_ALREADY_EXISTS"]);
    expect((await call("POST", path, { ...entry, value: "sk_test_two" }, "&upsert=true")).status).toBe(201);
    expect(vc.envs.get(project.id)!.map((v) => v.value)).toEqual(["sk_test_two"]);

    const listed = await (await call("GET", path, undefined, "&decrypt=true")).text();
    expect(listed).toContain("STRIPE_SECRET_KEY");
    expect(listed).not.toContain("sk_test_two");
  });

  it("refuses more than 64 KB of variables for one target", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    const big = (key: string) => ({ key, value: "x".repeat(40 * 1024), type: "encrypted", target: ["production"] });
    expect((await call("POST", `/v10/projects/${project.id}/env`, big("A"))).status).toBe(201);
    const over = await call("POST", `/v10/projects/${project.id}/env`, big("B"));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("env_size_limit_exceeded");
  });
});

describe("setEnvironment (real client)", () => {
  it("writes each setting for staging previews and for production, sensitive unless public, and removes the rest", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    await vercel.setEnvironment(
      project.id,
      [
        { key: "STRIPE_SECRET_KEY", value: "sk_test_abc", secret: true },
        { key: "NEXT_PUBLIC_SITE_URL", value: "https://shop.example", secret: false },
      ],
      { previewBranch: "staging" },
    );
    const stored = () => vc.envs.get(project.id)!.map((v) => [v.key, v.type, v.target.join("+"), v.gitBranch ?? null, v.value]).sort();
    expect(stored()).toEqual([
      ["NEXT_PUBLIC_SITE_URL", "encrypted", "preview", "staging", "https://shop.example"],
      ["NEXT_PUBLIC_SITE_URL", "encrypted", "production", null, "https://shop.example"],
      ["STRIPE_SECRET_KEY", "sensitive", "preview", "staging", "sk_test_abc"],
      ["STRIPE_SECRET_KEY", "sensitive", "production", null, "sk_test_abc"],
    ]);

    // Replaced, one removed, one changed from public to secret kind: the set is exactly what was asked.
    await vercel.setEnvironment(project.id, [{ key: "STRIPE_SECRET_KEY", value: "sk_test_new", secret: true }], { previewBranch: "staging" });
    expect(stored()).toEqual([
      ["STRIPE_SECRET_KEY", "sensitive", "preview", "staging", "sk_test_new"],
      ["STRIPE_SECRET_KEY", "sensitive", "production", null, "sk_test_new"],
    ]);
    await vercel.setEnvironment(project.id, [], { previewBranch: "staging" });
    expect(vc.envs.get(project.id)).toEqual([]);
  });

  it("a new deployment of the same commit gets the saved settings and becomes READY; the earlier one keeps what it had", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    vc.gitPush(push({ sha: "s1" }));
    const first = (await vercel.findDeploymentForCommit({ projectId: project.id, sha: "s1", branch: "staging" }))!;
    await vercel.setEnvironment(project.id, [{ key: "STRIPE_SECRET_KEY", value: "sk_test_abc", secret: true }], { previewBranch: "staging" });
    const again = await vercel.createDeployment({ projectId: project.id, projectName: "bakery", repo, branch: "staging", sha: "s1", target: "preview" });
    expect(again.id).not.toBe(first.id);
    let state = again.state;
    for (let i = 0; i < 5 && state !== "READY"; i++) state = (await vercel.getDeployment(again.id)).state;
    expect(state).toBe("READY");
    expect(vc.envOf(again.id)).toEqual({ STRIPE_SECRET_KEY: "sk_test_abc" });
    expect(vc.envOf(first.id)).toEqual({});
  });

  it("says which variables were refused without their values", async () => {
    const project = await vercel.createProject({ name: "bakery", repo });
    const error = await vercel
      .setEnvironment(project.id, [{ key: "BIG", value: "v".repeat(70 * 1024), secret: true }], { previewBranch: "staging" })
      .catch((e: unknown) => e);
    expect(isIntegrationError(error) && error.kind).toBe("rejected");
    expect(String((error as Error).message)).not.toContain("vvvvvvvv");
  });
});
