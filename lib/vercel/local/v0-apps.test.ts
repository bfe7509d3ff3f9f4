// Apps shaped like v0's real output, built on the local preview host against
// their own dependencies, installed from the npm registry into this test
// file's data directory (the first install takes a minute or so).
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalGitHost } from "@/lib/github/local";
import type { FileMap } from "@/lib/files/types";
import { request } from "@/tests/helpers/preview-host";
import { pngBytes, V0_SHAPED_DEPENDENCIES, v0ClientApp, v0ServerApp } from "@/tests/helpers/v0-shaped-apps";
import type { Deployment } from "../types";
import { createLocalPreviewHost, stopLocalPreviewServer } from "./index";

const git = createLocalGitHost({ author: { name: "a", email: "a@example.com" } });
const host = createLocalPreviewHost();
afterAll(() => stopLocalPreviewServer());

const INSTALL_TIMEOUT = 10 * 60_000;

let counter = 0;
async function project() {
  const repo = await git.createAppRepo({ name: `v0-app-${++counter}` });
  const created = await host.createProject({ name: repo.name, repo });
  return { repo, projectId: created.id };
}

async function settle(projectId: string, sha: string): Promise<Deployment> {
  for (;;) {
    const found = await host.findDeploymentForCommit({ projectId, sha, branch: "staging" });
    if (found && ["READY", "ERROR"].includes(found.state)) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function push(target: { repo: Awaited<ReturnType<typeof project>>["repo"]; projectId: string }, files: FileMap) {
  const { sha } = await git.commitFiles(target.repo, "staging", files, "v0 reply");
  const deployment = await settle(target.projectId, sha);
  return { deployment, log: await host.buildLog(deployment.id) };
}

const setsDir = () => path.join(process.env.DATA_DIR!, "previews", "deps", "sets");
const installedSets = () => readdirSync(setsDir()).filter((name) => !name.endsWith(".tmp"));

describe("v0-shaped apps on the local preview host", () => {
  it(
    "installs a client-only app's own dependencies and previews it on the fast path",
    async () => {
      const { deployment, log } = await push(await project(), v0ClientApp());
      expect(deployment.state, log.join("\n")).toBe("READY");
      expect(log).toContain("Build path: fast preview (no server features: pages prerendered, then run in the browser; built with esbuild)");
      expect(log.join("\n")).toMatch(/Dependencies: installed \d+ declared packages/);

      const page = await request(deployment.url);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Coffee roasted by the harbor");
      expect(page.body).toContain("<title>Harbor Coffee</title>");
      expect(page.body).toContain('<meta name="generator" content="v0.app">');
      expect(page.body).toContain('<link rel="icon" href="/icon.svg" type="image/svg+xml">');
      // lucide-react 0.x, as declared: its brand icons exist.
      expect(page.body).toContain("lucide-facebook");
      // next/font/google offline: the layout's classes and variables exist.
      expect(page.body).toMatch(/<body class="__variable-geist-font-geist-sans __variable-geist-mono-font-geist-mono font-sans antialiased">/);

      const css = (await request(`${deployment.url}/app.css`)).body;
      expect(css).toContain(".__variable-geist-font-geist-sans { --font-geist-sans: 'Geist', ui-sans-serif, system-ui, sans-serif; }");
      expect(css).toContain("@keyframes enter"); // tw-animate-css, @import-ed from the app's packages
      expect(css).toContain(".text-primary");
      expect(css).toContain(".dark\\:text-white");

      const image = await request(`${deployment.url}/hero.png`);
      expect(image.status).toBe(200);
      expect(image.headers["content-type"]).toBe("image/png");
      expect(new Uint8Array(image.bytes)).toEqual(pngBytes());

      const dynamic = await request(`${deployment.url}/beans/ethiopia`);
      expect(dynamic.status).toBe(200);
    },
    INSTALL_TIMEOUT,
  );

  it(
    "installs nothing for a second build with the same dependencies, in another app",
    async () => {
      const before = installedSets();
      expect(before).toHaveLength(1);
      const { deployment, log } = await push(await project(), v0ClientApp({ heading: "Second roast" }));
      expect(deployment.state, log.join("\n")).toBe("READY");
      expect(log.join("\n")).toMatch(/Dependencies: \d+ declared packages already installed \(set [0-9a-f]{12}\); nothing to install/);
      expect(installedSets()).toEqual(before);
      expect((await request(deployment.url)).body).toContain("Second roast");
    },
    INSTALL_TIMEOUT,
  );

  it(
    "builds an app with server features with next build and serves it with next start",
    async () => {
      const target = await project();
      const { deployment, log } = await push(target, v0ServerApp());
      expect(deployment.state, log.join("\n")).toBe("READY");
      expect(log.join("\n")).toMatch(/^Build path: Next\.js \(next build, served by next start\) because .*app\/api\/hours\/route\.ts is a route handler/m);
      expect(installedSets()).toHaveLength(1); // the same dependencies as the apps above

      for (const url of [deployment.url, deployment.branchUrl!]) {
        const page = await request(url);
        expect(page.status).toBe(200);
        expect(page.body).toContain("Join the harbor club");
      }
      const api = await request(`${deployment.url}/api/hours?day=monday`);
      expect(api.status).toBe(200);
      expect(JSON.parse(api.body)).toEqual({ day: "monday", open: "7:00", close: "17:00" });
      const image = await request(`${deployment.url}/hero.png`);
      expect(image.headers["content-type"]).toBe("image/png");
      expect(new Uint8Array(image.bytes)).toEqual(pngBytes());

      // The form's server action, posted the way a browser without
      // JavaScript posts it, from the preview's own origin.
      const page = (await request(deployment.url)).body;
      const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1];
      expect(actionField).toBeDefined();
      const boundary = "----preview-test";
      const body = [`--${boundary}\r\nContent-Disposition: form-data; name="${actionField}"\r\n\r\n\r\n`, `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nada@example.com\r\n`, `--${boundary}--\r\n`].join("");
      const posted = await request(deployment.url, "POST", {
        headers: { origin: new URL(deployment.url).origin, "content-type": `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(posted.status).toBe(303);
      expect(posted.headers.location).toBe("/thanks?email=ada%40example.com");
      expect(String(posted.headers["set-cookie"])).toContain("member=ada%40example.com");
    },
    INSTALL_TIMEOUT,
  );

  it(
    "fails as an install problem when a declared package doesn't exist, keeping the last preview",
    async () => {
      const target = await project();
      const good = await push(target, v0ClientApp({ heading: "Still here" }));
      expect(good.deployment.state).toBe("READY");
      const bad = await push(target, v0ClientApp({ heading: "Never shown", dependencies: { ...V0_SHAPED_DEPENDENCIES, "@csd-preview-test/no-such-package": "1.0.0" } }));
      expect(bad.deployment).toMatchObject({ state: "ERROR", failureKind: "install" });
      expect(bad.deployment.errorMessage).toMatch(/^Installing dependencies failed: "@csd-preview-test\/no-such-package" doesn't exist in the package registry/);
      const stable = await request(bad.deployment.branchUrl!);
      expect(stable.body).toContain("Still here");
    },
    INSTALL_TIMEOUT,
  );

  it(
    "fails as a code problem, naming the file, when the app's code doesn't build",
    async () => {
      const target = await project();
      const app = v0ClientApp();
      const { deployment } = await push(target, { ...app, "components/site-footer.tsx": 'import { NoSuchIcon } from "lucide-react";\nexport function SiteFooter() { return <NoSuchIcon />; }\n' });
      expect(deployment).toMatchObject({ state: "ERROR", failureKind: "code" });
      expect(deployment.errorMessage).toMatch(/^components\/site-footer\.tsx:1:10: No matching export in "node_modules\/lucide-react\/dist\/esm\/lucide-react\.js" for import "NoSuchIcon"/);
    },
    INSTALL_TIMEOUT,
  );
});
