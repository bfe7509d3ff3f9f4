import { afterAll, afterEach, describe, expect, it } from "vitest";
import { injectInvariants } from "@/lib/deploy/post-process";
import { IntegrationError } from "@/lib/errors";
import { createLocalGitHost } from "@/lib/embedded/git-host/index";
import { emitLocalPush } from "@/lib/embedded/git-host/store";
import { renderFiles } from "@/lib/embedded/generator/render";
import { APP_KINDS, initialSpec } from "@/lib/embedded/generator/spec";
import type { FileMap } from "@/lib/files/types";
import type { RepoRef } from "@/lib/github/types";
import type { Deployment, DeploymentState } from "../../vercel/types";
import type { BuildFailureKind } from "./build-failure";
import { createLocalPreviewHost, stopLocalPreviewServer } from "./index";
import { commit, createBareRepo, request, todoApp } from "@/tests/helpers/preview-host";

// While set, every build fails as this kind of failure.
let fault: BuildFailureKind | undefined;
const host = createLocalPreviewHost({ faults: { buildFailure: () => fault } });
afterEach(() => (fault = undefined));
afterAll(() => stopLocalPreviewServer());

let counter = 0;

async function linkedProject(): Promise<{ repo: RepoRef; projectId: string }> {
  const repo = { owner: "local", name: `site-${++counter}` };
  createBareRepo(repo);
  const project = await host.createProject({ name: repo.name, repo });
  return { repo, projectId: project.id };
}

// What the local git host does on every commit: move the branch, then tell
// listeners (the stand-in for GitHub's push webhook).
function push(repo: RepoRef, branch: string, files: FileMap): string {
  const sha = commit(repo, branch, files);
  emitLocalPush({ repo, branch, sha });
  return sha;
}

// Follows the deployment of a commit until it is READY or ERROR, noting
// every state seen on the way.
async function settle(projectId: string, sha: string, branch: string): Promise<{ deployment: Deployment; states: DeploymentState[] }> {
  const states: DeploymentState[] = [];
  for (let i = 0; i < 1000; i++) {
    const deployment = await host.findDeploymentForCommit({ projectId, sha, branch });
    if (deployment && states.at(-1) !== deployment.state) states.push(deployment.state);
    if (deployment?.state === "READY" || deployment?.state === "ERROR") return { deployment, states };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the deployment of ${sha} never finished (${states.join(" → ")})`);
}

const withTitle = (title: string) => ({ ...todoApp, "app/page.tsx": `export default function Page() { return <h1 className="text-4xl">${title}</h1>; }` });

// An app as the local generator writes it, after the deploy pipeline's own changes.
const generatedApp = (prompt: string) => injectInvariants(Object.fromEntries(renderFiles(initialSpec(prompt)).map((f) => [f.name, f.content])));

describe("local preview host: deployments from pushes", () => {
  it("builds a pushed commit to READY and serves its page and styles from its own origin", async () => {
    const { repo, projectId } = await linkedProject();
    const sha = push(repo, "staging", todoApp);
    const { deployment, states } = await settle(projectId, sha, "staging");

    expect(states[0]).toMatch(/^(QUEUED|BUILDING)$/);
    expect(states.at(-1)).toBe("READY");
    expect(deployment).toMatchObject({ sha, branch: "staging", target: "preview", aliasAssigned: true });
    expect(deployment.id).toMatch(/^dpl_[a-z0-9]+$/);
    expect(deployment.url).toBe(`http://${deployment.id.replace("_", "-")}.localhost:${await host.serverPort()}`);
    expect(new URL(deployment.url).origin).not.toBe("http://localhost:3000");

    const page = await request(deployment.url);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBeUndefined();
    expect(page.headers["content-security-policy"]).toBeUndefined();
    expect(page.body).toContain("<title>Task Board</title>");
    expect(page.body).toContain("My Tasks");

    const css = await request(`${deployment.url}/app.css`);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.body).toContain(".bg-indigo-600");
    const js = await request(`${deployment.url}/app.js`);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");

    // The stable staging address shows the same build.
    expect(deployment.branchUrl).toBe(`http://site-${counter}-preview.localhost:${await host.serverPort()}`);
    expect((await request(deployment.branchUrl!)).body).toContain("My Tasks");
    expect((await host.buildOutput(deployment.id)).at(-1)).toMatch(/^Build completed in \d+ ms$/);
  });

  it("answers getDeployment from disk and creates QUEUED deployments without waiting for the build", async () => {
    const { repo, projectId } = await linkedProject();
    const sha = commit(repo, "staging", todoApp);
    const created = await host.createDeployment({ projectId, projectName: `site-${counter}`, repo, branch: "staging", sha, target: "preview" });
    expect(created.state).toBe("QUEUED");
    expect((await host.findDeploymentForCommit({ projectId, sha, branch: "staging" }))?.id).toBe(created.id);
    const { deployment } = await settle(projectId, sha, "staging");
    expect(await host.getDeployment(created.id)).toEqual(deployment);
    await expect(host.getDeployment("dpl_missing")).rejects.toMatchObject({ service: "vercel", kind: "not_found" });
    expect(await host.findDeploymentForCommit({ projectId, sha, branch: "main" })).toBeNull();
  });

  it.each(APP_KINDS)("builds a generated %s app to READY, with its content in the HTML", async (kind) => {
    const prompt = { landing: "a landing page for my bakery", todo: "a todo app", form: "a contact form", pricing: "a pricing page for my yoga studio", dashboard: "a dashboard", portfolio: "a portfolio", blog: "a blog" }[kind];
    const title = initialSpec(prompt).title;
    const { repo, projectId } = await linkedProject();
    const { deployment } = await settle(projectId, push(repo, "staging", generatedApp(prompt)), "staging");
    expect(deployment.state).toBe("READY");
    const page = await request(deployment.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(title);
    expect(page.body).toContain(`<title>${title}</title>`);
    const css = await request(`${deployment.url}/app.css`);
    expect(css.body).toMatch(/--primary:\s*#4f39f6/); // the default indigo accent, as a theme variable
  });

  it("gives every deployment its own host", async () => {
    const { repo, projectId } = await linkedProject();
    const first = (await settle(projectId, push(repo, "staging", withTitle("One")), "staging")).deployment;
    const second = (await settle(projectId, push(repo, "staging", withTitle("Two")), "staging")).deployment;
    expect(new URL(first.url).host).not.toBe(new URL(second.url).host);
    expect((await request(first.url)).body).toContain("One");
    expect((await request(second.url)).body).toContain("Two");
  });

  it("ends in ERROR, naming the file, for a syntax error or a package that isn't available", async () => {
    const { repo, projectId } = await linkedProject();
    const broken = await settle(projectId, push(repo, "staging", { ...todoApp, "app/page.tsx": "export default function Page() { return <h1>Hi</h1 }" }), "staging");
    expect(broken.deployment.state).toBe("ERROR");
    expect(broken.deployment.errorMessage).toMatch(/^app\/page\.tsx:1:\d+: Expected ">" but found "}"$/);
    expect(await host.buildOutput(broken.deployment.id)).toContain(broken.deployment.errorMessage);

    const unknown = await settle(projectId, push(repo, "staging", { ...todoApp, "app/page.tsx": 'import pad from "left-pad";\nexport default function Page() { return <p>{pad("x", 3)}</p>; }' }), "staging");
    expect(unknown.deployment.state).toBe("ERROR");
    expect(unknown.deployment.errorMessage).toBe('app/page.tsx:1:17: Could not resolve "left-pad"');

    // A failed deployment's own host says so, without details.
    const page = await request(unknown.deployment.url);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain("left-pad");
  });

  it.each(["code", "install", "unavailable"] as const)("fails every build as a %s failure while its options inject one", async (kind) => {
    const { repo, projectId } = await linkedProject();
    fault = kind;
    const sha = push(repo, "staging", todoApp);
    const { deployment } = await settle(projectId, sha, "staging");
    expect(deployment).toMatchObject({ state: "ERROR", failureKind: kind });
    expect(deployment.errorMessage).toMatch(/fault was injected for testing/);
    // A deployment asked for by the API fails the same way.
    const created = await host.createDeployment({ projectId, projectName: `site-${counter}`, repo, branch: "staging", sha, target: "preview" });
    await expect.poll(async () => (await host.getDeployment(created.id)).state, { timeout: 10_000 }).toBe("ERROR");
    expect(await host.getDeployment(created.id)).toMatchObject({ failureKind: kind });
  });

  it("moves the staging host to the newest ready build, and keeps it on the last good one when a build fails", async () => {
    const { repo, projectId } = await linkedProject();
    const first = (await settle(projectId, push(repo, "staging", withTitle("First")), "staging")).deployment;
    const second = (await settle(projectId, push(repo, "staging", withTitle("Second")), "staging")).deployment;
    expect(second.branchUrl).toBe(first.branchUrl);
    expect((await request(second.branchUrl!)).body).toContain("Second");

    fault = "code";
    const failed = (await settle(projectId, push(repo, "staging", withTitle("Third")), "staging")).deployment;
    expect(failed.state).toBe("ERROR");
    const stable = await request(failed.branchUrl!);
    expect(stable.status).toBe(200);
    expect(stable.body).toContain("Second");
    expect(failed.branchUrl).toBe(second.branchUrl);

    // Other branches build previews without moving the staging host.
    fault = undefined;
    const feature = (await settle(projectId, push(repo, "feature", withTitle("Feature")), "feature")).deployment;
    expect(feature).toMatchObject({ state: "READY", target: "preview", branchUrl: undefined });
    expect((await request(second.branchUrl!)).body).toContain("Second");
  });

  it("deploys pushes to the production branch to the project's production host", async () => {
    const { repo, projectId } = await linkedProject();
    expect(await host.getProductionUrl(projectId)).toBeNull();
    const { deployment } = await settle(projectId, push(repo, "main", withTitle("Live")), "main");
    expect(deployment).toMatchObject({ state: "READY", target: "production", aliasAssigned: true });
    const productionUrl = await host.getProductionUrl(projectId);
    expect(productionUrl).toBe(`http://site-${counter}.localhost:${await host.serverPort()}`);
    expect((await request(productionUrl!)).body).toContain("Live");
    // Production and staging are different hosts.
    expect((await request(`http://site-${counter}-preview.localhost:${await host.serverPort()}`)).status).toBe(404);
  });

  it("puts a staging commit live when the local git host promotes it", async () => {
    const git = createLocalGitHost({ author: { name: "a", email: "a@example.com" } });
    const repo = await git.createAppRepo({ name: `promoted-${++counter}` });
    const project = await host.createProject({ name: repo.name, repo });
    const staged = await git.commitFiles(repo, "staging", generatedApp("a blog called Live Notes"), "m");
    await settle(project.id, staged.sha, "staging");
    expect(await host.getProductionUrl(project.id)).toBeNull();
    await git.promote(repo, staged.sha);
    const { deployment: live } = await settle(project.id, staged.sha, "main");
    expect(live).toMatchObject({ state: "READY", target: "production", aliasAssigned: true });
    expect((await request((await host.getProductionUrl(project.id))!)).body).toContain("Live Notes");
  });

  it("follows the project's production branch", async () => {
    const { repo, projectId } = await linkedProject();
    await host.setProductionBranch(projectId, "release");
    const { deployment } = await settle(projectId, push(repo, "release", withTitle("Release")), "release");
    expect(deployment.target).toBe("production");
  });

  it("deploys pushes only for repositories linked to a project", async () => {
    const { projectId } = await linkedProject();
    const other = { owner: "local", name: `unlinked-${counter}` };
    createBareRepo(other);
    const sha = push(other, "staging", todoApp);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await host.findDeploymentForCommit({ projectId, sha, branch: "staging" })).toBeNull();
    expect(await host.getProject(other.name)).toBeNull();

    await host.linkProject(projectId, other);
    const linkedSha = push(other, "staging", withTitle("Linked"));
    expect((await settle(projectId, linkedSha, "staging")).deployment.state).toBe("READY");
  });

  it("serves only the files it built, and nothing for unknown hosts", async () => {
    const { repo, projectId } = await linkedProject();
    const { deployment } = await settle(projectId, push(repo, "staging", generatedApp("a todo app")), "staging");
    const port = new URL(deployment.url).port;
    expect((await request(`http://nobody.localhost:${port}/`)).status).toBe(404);
    expect((await request(`${deployment.url}/package.json`)).status).toBe(404);
    expect((await request(`${deployment.url}/%2e%2e/%2e%2e/etc/passwd.txt`)).status).toBe(404);
  });
});

describe("local preview host: projects", () => {
  it("creates, finds and links projects, refusing a taken name", async () => {
    const repo = { owner: "local", name: "shop" };
    const project = await host.createProject({ name: "shop", repo });
    expect(project).toEqual({ id: expect.stringMatching(/^prj_[a-z0-9]+$/), name: "shop", linkedRepo: "local/shop", productionBranch: "main", previewsProtected: false });
    expect(await host.getProject("shop")).toEqual(project);
    expect(await host.getProject(project.id)).toEqual(project);
    expect(await host.getProject("nothing-here")).toBeNull();

    const taken = await host.createProject({ name: "shop", repo: { owner: "local", name: "other" } }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(IntegrationError);
    expect(taken).toMatchObject({ service: "vercel", kind: "conflict" });

    expect(await host.linkProject("shop", { owner: "local", name: "shop-2" })).toMatchObject({ linkedRepo: "local/shop-2" });
    await host.disablePreviewProtection(project.id);
    expect((await host.getProject(project.id))?.previewsProtected).toBe(false);
    await expect(host.setProductionBranch("prj_missing", "main")).rejects.toMatchObject({ kind: "not_found" });
    await expect(host.createProject({ name: "Not Valid", repo })).rejects.toMatchObject({ kind: "rejected" });
  });
});

describe("local preview host: an app's settings", () => {
  // A page that shows a public setting (inlined into the bundle) and, when
  // prerendered, whether a secret one is there, and any of this server's own.
  const readsSettings = {
    ...todoApp,
    "app/page.tsx": `export default function Page() {
  return <main><h1>{process.env.NEXT_PUBLIC_GREETING ?? "no greeting"}</h1><p>{"secret " + (process.env.SHOP_SECRET ? "present" : "absent")}</p><p>{"server " + (process.env.DATA_DIR ?? "none")}</p></main>;
}`,
  };

  async function built(projectId: string, sha: string, branch = "staging") {
    const { deployment } = await settle(projectId, sha, branch);
    expect(deployment.state).toBe("READY");
    return (await request(deployment.url)).body;
  }

  it("builds and prerenders a new deployment with that app's settings, and nothing of this server's environment", async () => {
    const { repo, projectId } = await linkedProject();
    const sha = push(repo, "staging", readsSettings);
    const before = await built(projectId, sha);
    expect(before).toContain("no greeting");
    expect(before).toContain("server none");

    await host.setEnvironment(
      projectId,
      [
        { key: "NEXT_PUBLIC_GREETING", value: "Hello from settings", secret: false },
        { key: "SHOP_SECRET", value: "sk_test_local_secret", secret: true },
      ],
      { previewBranch: "staging" },
    );
    const again = await host.createDeployment({ projectId, projectName: repo.name, repo, branch: "staging", sha, target: "preview" });
    for (let i = 0; i < 1000 && (await host.getDeployment(again.id)).state !== "READY"; i++) await new Promise((r) => setTimeout(r, 5));
    const page = (await request(again.url)).body;
    expect(page).toContain("Hello from settings");
    expect(page).toContain("secret present");
    expect(page).toContain("server none");
    // The secret's value never reaches the browser.
    expect(page).not.toContain("sk_test_local_secret");
    expect((await request(`${again.url}/app.js`)).body).not.toContain("sk_test_local_secret");
    expect((await request(`${again.url}/app.js`)).body).toContain("Hello from settings");

    // Another app on the same host sees none of them; nor do other branches.
    const other = await linkedProject();
    expect(await built(other.projectId, push(other.repo, "staging", readsSettings))).toContain("no greeting");
    expect(await built(projectId, push(repo, "feature", readsSettings), "feature")).toContain("no greeting");
  });
});
