import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { injectInvariants } from "@/lib/deploy/post-process";
import { createLocalGitHost } from "@/lib/embedded/git-host/index";
import type { FileMap } from "@/lib/files/types";
import { renderFiles } from "@/lib/embedded/generator/render";
import { APP_KINDS, initialSpec } from "@/lib/embedded/generator/spec";
import { fetchPreview } from "@/tests/helpers/apps";
import type { Deployment } from "../../vercel/types";
import { createLocalPreviewHost } from "./index";

const faultFile = path.join(process.env.DATA_DIR!, "fault");
process.env.LOCAL_PREVIEW_FAULT_FILE = faultFile;
const git = createLocalGitHost({ author: { name: "a", email: "a@example.com" } });
const host = createLocalPreviewHost();
afterEach(() => rmSync(faultFile, { force: true }));

let counter = 0;
async function linkedRepo() {
  const repo = await git.createAppRepo({ name: `site-${++counter}` });
  const project = await host.createProject({ name: repo.name, repo });
  return { repo, project };
}

async function settle(projectId: string, sha: string, branch = "staging"): Promise<Deployment> {
  for (let i = 0; i < 200; i++) {
    const found = await host.findDeploymentForCommit({ projectId, sha, branch });
    if (found && ["READY", "ERROR"].includes(found.state)) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("deployment never settled");
}

async function deploy(files: FileMap, target = { branch: "staging" }) {
  const { repo, project } = await linkedRepo();
  const commit = await git.commitFiles(repo, target.branch, files, "m");
  return { repo, project, deployment: await settle(project.id, commit.sha, target.branch) };
}

const appFor = (prompt: string) => injectInvariants(Object.fromEntries(renderFiles(initialSpec(prompt)).map((f) => [f.name, f.content])));

describe("local preview host", () => {
  it.each(APP_KINDS)("builds a generated %s app to READY, with its content in the HTML", async (kind) => {
    const prompt = { landing: "a landing page for my bakery", todo: "a todo app", form: "a contact form", pricing: "a pricing page for my yoga studio", dashboard: "a dashboard", portfolio: "a portfolio", blog: "a blog" }[kind];
    const files = appFor(prompt);
    const title = initialSpec(prompt).title;
    const { deployment } = await deploy(files);
    expect(deployment.state).toBe("READY");
    const page = await fetchPreview(deployment.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(title);
    expect(page.body).toContain(`<title>${title}</title>`);
    const css = await fetchPreview(`${deployment.url}/app.css`);
    expect(css.body).toMatch(/--primary:\s*#4f39f6/); // the default indigo accent, as a theme variable
    expect(new URL(deployment.url).origin).not.toBe("http://localhost:3000");
  });

  it("ends in ERROR with a log line naming the file for a syntax error or an unknown import", async () => {
    const broken = await deploy({ "app/page.tsx": "export default function Page() { return <h1>Hi</h1 }" });
    expect(broken.deployment.state).toBe("ERROR");
    expect(broken.deployment.errorMessage).toMatch(/app\/page\.tsx:1:\d+/);
    const unknown = await deploy({ "app/page.tsx": 'import pad from "left-pad";\nexport default function Page() { return <p>{pad("x", 3)}</p>; }' });
    expect(unknown.deployment.state).toBe("ERROR");
    expect(unknown.deployment.errorMessage).toMatch(/app\/page\.tsx:1:\d+: Could not resolve "left-pad"/);
  });

  it("keeps the preview address on the last good build when a later one fails", async () => {
    const { repo, project } = await linkedRepo();
    const good = await settle(project.id, (await git.commitFiles(repo, "staging", appFor("a todo app called First"), "1")).sha);
    writeFileSync(faultFile, "x");
    const bad = await settle(project.id, (await git.commitFiles(repo, "staging", appFor("a todo app called Second"), "2")).sha);
    expect(bad.state).toBe("ERROR");
    expect(bad.errorMessage).toMatch(/fault was injected/);
    const stable = await fetchPreview(good.branchUrl!);
    expect(stable.body).toContain("First");
    expect(good.branchUrl).toBe(bad.branchUrl);
  });

  it("deploys pushes to main as production, behind the project's own address", async () => {
    const { repo, project } = await linkedRepo();
    const staged = await git.commitFiles(repo, "staging", appFor("a blog called Live Notes"), "m");
    await settle(project.id, staged.sha);
    expect(await host.getProductionUrl(project.id)).toBeNull();
    await git.promote(repo, staged.sha);
    const live = await settle(project.id, staged.sha, "main");
    expect(live).toMatchObject({ state: "READY", target: "production", aliasAssigned: true });
    const url = (await host.getProductionUrl(project.id))!;
    expect((await fetchPreview(url)).body).toContain("Live Notes");
  });

  it("gives every deployment its own origin, and ignores pushes to unlinked repos", async () => {
    const one = await deploy(appFor("a todo app"));
    const two = await deploy(appFor("a todo app"));
    expect(new URL(one.deployment.url).host).not.toBe(new URL(two.deployment.url).host);
    const unlinked = await git.createAppRepo({ name: "unlinked" });
    await git.commitFiles(unlinked, "staging", appFor("a blog"), "m");
    expect(await host.getProject("unlinked")).toBeNull();
  });

  it("serves only the files it built, and nothing for unknown hosts", async () => {
    const { deployment } = await deploy(appFor("a todo app"));
    const port = new URL(deployment.url).port;
    expect((await fetchPreview(`http://nobody.localhost:${port}/`)).status).toBe(404);
    expect((await fetchPreview(`${deployment.url}/package.json`)).status).toBe(404);
    expect((await fetchPreview(`${deployment.url}/%2e%2e/%2e%2e/etc/passwd.txt`)).status).toBe(404);
  });
});
