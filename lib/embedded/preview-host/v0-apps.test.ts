// The v0-shaped fixtures (tests/fixtures/v0-projects) on the local preview
// host, built against their own dependencies, installed from the npm
// registry into this test file's data directory: the first install takes a
// minute or two, and the Next.js build of the server-feature fixture about
// as long.
import { readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumMissing } from "@/e2e/chromium";
import { contentBytes } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import { emitLocalPush } from "@/lib/embedded/git-host/store";
import { loadV0Fixture, V0_FIXTURES, type V0FixtureName } from "@/tests/fixtures/v0-projects";
import { commit, createBareRepo, request } from "@/tests/helpers/preview-host";
import type { Deployment } from "../../vercel/types";
import { createLocalPreviewHost, stopLocalPreviewServer } from "./index";
import { nextServerLimits, runningNextServers, stopIdleNextServers } from "./next-path/servers";

const host = createLocalPreviewHost();
// The installed packages are tens of thousands of files: removed here, with
// time to spare, before the data directory itself goes.
afterAll(async () => {
  await stopLocalPreviewServer();
  await rm(path.join(process.env.DATA_DIR!, "previews", "deps"), { recursive: true, force: true });
}, 300_000);

const SLOW = 10 * 60_000;

let counter = 0;
async function project() {
  const repo = { owner: "local", name: `v0-app-${++counter}` };
  createBareRepo(repo);
  const created = await host.createProject({ name: repo.name, repo });
  return { repo, projectId: created.id };
}
type Project = Awaited<ReturnType<typeof project>>;

async function push(target: Project, files: FileMap): Promise<{ deployment: Deployment; log: string }> {
  // Committed with git itself: the fixtures' 2 MB images are past the
  // local git host's own limit on what a reply may save.
  const sha = commit(target.repo, "staging", files);
  emitLocalPush({ repo: target.repo, branch: "staging", sha });
  for (;;) {
    const deployment = await host.findDeploymentForCommit({ projectId: target.projectId, sha, branch: "staging" });
    if (deployment && ["READY", "ERROR"].includes(deployment.state)) return { deployment, log: (await host.buildOutput(deployment.id)).join("\n") };
    await new Promise((r) => setTimeout(r, 100));
  }
}

const fixture = (name: V0FixtureName) => V0_FIXTURES.find((f) => f.name === name)!;
const installedSets = () => readdirSync(path.join(process.env.DATA_DIR!, "previews", "deps", "sets")).filter((name) => !name.endsWith(".tmp"));

// The home page shows the fixture's heading, and every image in public/ is
// served as an image, byte for byte.
// Each fixture's preview, kept for the check in a real browser below.
const previewed = new Map<V0FixtureName, string>();

async function expectPreview(url: string, name: V0FixtureName) {
  previewed.set(name, url);
  const { heading, images } = fixture(name);
  const files = loadV0Fixture(name);
  const page = await request(url);
  expect(page.status).toBe(200);
  expect(page.body).toContain(heading);
  for (const image of images) {
    const served = await request(`${url}/${image.slice("public/".length)}`);
    expect(served.status, image).toBe(200);
    expect(served.headers["content-type"], image).toMatch(/^image\/(png|svg\+xml)/);
    expect(served.bytes.equals(Buffer.from(contentBytes(files[image]!))), image).toBe(true);
  }
  return page.body;
}

describe("v0-shaped fixtures on the local preview host", () => {
  it(
    "installs the bakery's own dependencies and previews it on the fast path",
    async () => {
      const { deployment, log } = await push(await project(), loadV0Fixture("bakery"));
      expect(deployment.state, log).toBe("READY");
      expect(deployment.failureKind).toBeUndefined();
      expect(log).toContain("Build path: fast preview (no server features: pages prerendered, then run in the browser; built with esbuild)");
      expect(log).toMatch(/Dependencies: installed \d+ declared packages/);

      const html = await expectPreview(deployment.url, "bakery");
      expect(html).toContain("<title>Crumb &#38; Honey Bakery</title>");
      expect(html).toContain('<meta name="generator" content="v0.app">');
      expect(html).toContain('<link rel="icon" href="/icon-light-32x32.png" media="(prefers-color-scheme: light)">');
      expect(html).toContain('<link rel="apple-touch-icon" href="/apple-icon.png">');
      expect(html).toContain("lucide-facebook"); // lucide-react 0.x, as declared: brand icons exist

      // The dynamic route, prerendered for the params it lists.
      const { dynamicRoute } = fixture("bakery");
      const item = await request(`${deployment.url}${dynamicRoute.path}`);
      expect(item.status).toBe(200);
      expect(item.body).toContain(dynamicRoute.heading);

      const css = (await request(`${deployment.url}/app.css`)).body;
      expect(css).toMatch(/\.__font-geist \{ font-family: 'Geist', /); // next/font/google, offline
      expect(css).toContain("@keyframes enter"); // tw-animate-css, @import-ed from the app's packages
      expect(css).toContain(".bg-primary");
    },
    SLOW,
  );

  it(
    "installs nothing for another app with the same dependencies",
    async () => {
      const before = installedSets();
      expect(before).toHaveLength(1);
      const { deployment, log } = await push(await project(), loadV0Fixture("travel"));
      expect(deployment.state, log).toBe("READY");
      expect(log).toMatch(/Dependencies: \d+ declared packages already installed \(set [0-9a-f]{12}\); nothing to install/);
      expect(installedSets()).toEqual(before);
      await expectPreview(deployment.url, "travel");
      const { dynamicRoute } = fixture("travel");
      expect((await request(`${deployment.url}${dynamicRoute.path}`)).body).toContain(dynamicRoute.heading);
    },
    SLOW,
  );

  it(
    "installs a second dependency set beside the first (framer-motion) for the fitness app",
    async () => {
      const { deployment, log } = await push(await project(), loadV0Fixture("fitness"));
      expect(deployment.state, log).toBe("READY");
      expect(log).toMatch(/Dependencies: installed \d+ declared packages/);
      expect(installedSets()).toHaveLength(2);
      await expectPreview(deployment.url, "fitness");
    },
    SLOW,
  );

  it(
    "builds the Tailwind CSS 3 app on the fast path with its own Tailwind 3, tailwind.config and plugins",
    async () => {
      const { deployment, log } = await push(await project(), loadV0Fixture("nursery"));
      expect(deployment.state, log).toBe("READY");
      expect(log).toContain("Build path: fast preview");
      expect(log).toMatch(/Dependencies: installed \d+ declared packages/);
      expect(log).toMatch(/app\.css \([\d.]+ KB, Tailwind CSS 3\)/);
      await expectPreview(deployment.url, "nursery");
      const css = (await request(`${deployment.url}/app.css`)).body;
      for (const utility of fixture("nursery").utilities) expect(css, utility).toContain(`.${utility.replace(/:/g, "\\:")}`);
      expect(css).toContain("--tw-enter-opacity"); // tailwindcss-animate, from tailwind.config.ts
      expect(css).toContain("background-color: hsl(var(--primary))"); // the config's theme
      expect(css).not.toContain("@tailwind");
    },
    SLOW,
  );

  let invoicingProject: Project;
  it(
    "builds the app with server features with next build and serves it with next start",
    async () => {
      invoicingProject = await project();
      const { deployment, log } = await push(invoicingProject, loadV0Fixture("invoicing"));
      expect(log).toContain("Workspace: new for this app");
      expect(deployment.state, log).toBe("READY");
      expect(log).toMatch(/^Build path: Next\.js \(next build, served by next start\) because .*app\/api\/invoices\/route\.ts is a route handler/m);
      expect(log).toMatch(/Dependencies: \d+ declared packages already installed/);
      // next/font/google's files from the registry's font packages, which
      // next build copies into /_next/static/media (checked in Chromium below).
      expect(log).toMatch(/^Font Geist: \d+ files from the font packages$/m);
      expect(log).toMatch(/^Font Geist Mono: \d+ files from the font packages$/m);

      // The same app behind its deployment's and its project's addresses.
      const html = await expectPreview(deployment.url, "invoicing");
      expect((await request(deployment.branchUrl!)).body).toContain(fixture("invoicing").heading);

      const api = await request(`${deployment.url}/api/invoices?status=paid`);
      expect(api.status).toBe(200);
      expect(JSON.parse(api.body).invoices.every((invoice: { status: string }) => invoice.status === "paid")).toBe(true);
      const created = await request(`${deployment.url}/api/invoices`, "POST", { headers: { "content-type": "application/json" }, body: JSON.stringify({ customer: "Ada", amount: 12 }) });
      expect(created.status).toBe(201);

      // middleware.ts sends visitors without a session back to the start.
      const dashboard = await request(`${deployment.url}/dashboard`);
      expect(dashboard.status).toBe(307);
      expect(dashboard.headers.location).toMatch(/\/\?signin=1$/);
      expect((await request(`${deployment.url}/dashboard`, "GET", { headers: { cookie: "ledgerly_session=1" } })).status).toBe(200);

      // The waitlist form's server action, posted as a browser without
      // JavaScript posts it, from the preview's own origin.
      const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html.slice(html.indexOf("$ACTION") - 2000))?.[1] ?? "";
      const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value]) => [name!, decodeEntities(value ?? "")]);
      expect(hidden.length).toBeGreaterThan(0);
      const boundary = "----preview-test";
      const body = [...hidden, ["email", "ada@example.com"]].map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
      const posted = await request(deployment.url, "POST", {
        headers: { origin: new URL(deployment.url).origin, "content-type": `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(posted.status).toBe(200);
      expect(posted.body).toContain("on the list.");
      expect(String(posted.headers["set-cookie"])).toContain("ledgerly_waitlist=1");

      // One next start for the deployment, stopped when idle and started
      // again by the next request.
      expect(runningNextServers()).toEqual([deployment.id]);
      const idleMs = nextServerLimits.idleMs;
      nextServerLimits.idleMs = -1;
      try {
        stopIdleNextServers();
      } finally {
        nextServerLimits.idleMs = idleMs;
      }
      expect(runningNextServers()).toEqual([]);
      expect((await request(deployment.url)).body).toContain(fixture("invoicing").heading);
    },
    SLOW,
  );

  it(
    "builds the app's next versions in its kept workspace, each from exactly its own files",
    async () => {
      const files = loadV0Fixture("invoicing");
      const page = (files["app/page.tsx"] as string).replace(/^/, 'import { launchNote } from "@/lib/launch-note"\n').replace("Invoices that chase themselves", "Invoices that chase themselves {launchNote}");
      const v2 = await push(invoicingProject, { ...files, "app/page.tsx": page, "lib/launch-note.ts": 'export const launchNote = "(now in beta)"\n' });
      expect(v2.deployment.state, v2.log).toBe("READY");
      // The two changed files, and tsconfig.json put back as committed (next
      // build edits it); next-env.d.ts, which next build generated, goes.
      expect(v2.log).toMatch(/Workspace: kept from the app's last build, with its build cache; 3 files written, 1 removed/);
      expect((await request(v2.deployment.url)).body).toContain("(now in beta)");

      // v3 deletes the module v2 added but still imports it: the build must
      // not find v2's copy in the workspace (a failed build's log holds its
      // error, which says so).
      const v3 = await push(invoicingProject, { ...files, "app/page.tsx": page });
      expect(v3.deployment).toMatchObject({ state: "ERROR", failureKind: "code" });
      expect(v3.deployment.errorMessage).toMatch(/^app\/page\.tsx:1:\d+: Module not found: Can't resolve '@\/lib\/launch-note'/);
      // Each version keeps serving its own build.
      expect((await request(v2.deployment.url)).body).toContain("(now in beta)");
      expect((await request(v3.deployment.branchUrl!)).body).toContain("(now in beta)");
    },
    SLOW,
  );

  it(
    "fails as an install problem when a declared package doesn't exist, keeping the last preview",
    async () => {
      const target = await project();
      const good = await push(target, loadV0Fixture("travel"));
      expect(good.deployment.state).toBe("READY");
      const files = loadV0Fixture("travel");
      const manifest = JSON.parse(files["package.json"] as string) as { dependencies: Record<string, string> };
      manifest.dependencies["@csd-preview-test/no-such-package"] = "1.0.0";
      const bad = await push(target, { ...files, "package.json": JSON.stringify(manifest, null, 2), "app/page.tsx": "export default function Page() { return <h1>Never shown</h1>; }" });
      expect(bad.deployment).toMatchObject({ state: "ERROR", failureKind: "install" });
      expect(bad.deployment.errorMessage).toMatch(/^Installing dependencies failed: "@csd-preview-test\/no-such-package" doesn't exist in the package registry/);
      expect((await request(bad.deployment.branchUrl!)).body).toContain(fixture("travel").heading);
    },
    SLOW,
  );

  it(
    "fails as an install problem, saying so, when the package registry can't be reached",
    async () => {
      const files = loadV0Fixture("bakery");
      const manifest = JSON.parse(files["package.json"] as string) as { dependencies: Record<string, string> };
      manifest.dependencies["left-pad"] = "1.3.0";
      const saved = process.env.npm_config_registry;
      process.env.npm_config_registry = "http://127.0.0.1:9/";
      try {
        const { deployment } = await push(await project(), { ...files, "package.json": JSON.stringify(manifest) });
        expect(deployment).toMatchObject({ state: "ERROR", failureKind: "install" });
        expect(deployment.errorMessage).toMatch(/^Installing dependencies failed: the package registry couldn't be reached \(ECONNREFUSED\)/);
      } finally {
        if (saved === undefined) delete process.env.npm_config_registry;
        else process.env.npm_config_registry = saved;
      }
    },
    SLOW,
  );

  it(
    "fails as a code problem, naming the file and line, when the app's code doesn't build",
    async () => {
      const files = loadV0Fixture("bakery");
      const { deployment } = await push(await project(), { ...files, "app/page.tsx": 'import { NoSuchIcon } from "lucide-react";\nexport default function Page() { return <NoSuchIcon />; }\n' });
      expect(deployment).toMatchObject({ state: "ERROR", failureKind: "code" });
      expect(deployment.errorMessage).toMatch(/^app\/page\.tsx:1:10: No matching export in "node_modules\/lucide-react\/dist\/esm\/lucide-react\.js" for import "NoSuchIcon"/);
    },
    SLOW,
  );
});

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// What a builder sees: the page in Chromium shows the heading and its images
// really load. Needs Debian's Chromium (.ci/run installs it); reported as
// skipped, with the install command, where it is missing.
const noChromium = chromiumMissing();
if (noChromium) console.warn(`\n↓ v0 fixtures in Chromium skipped: ${noChromium}\n`);

describe.skipIf(noChromium !== null)("v0-shaped fixtures in Chromium", () => {
  it("every fixture's page shows its heading and its images load, with no failed request or console error; the server-feature app's form and route work from its page", async () => {
    expect([...previewed.keys()].sort()).toEqual(V0_FIXTURES.map((f) => f.name).sort());
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      for (const [name, url] of previewed) {
        const page = await browser.newPage();
        // Nothing the page asks for fails (Vercel's analytics script and
        // beacons included) and nothing is logged as an error.
        const problems: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") problems.push(`console error: ${message.text()}`);
        });
        page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
        // ERR_ABORTED is the browser cancelling a request it no longer needs (a
        // navigation superseded by the next one), not an answer that failed.
        page.on("requestfailed", (failed) => failed.failure()?.errorText !== "net::ERR_ABORTED" && problems.push(`request failed: ${failed.url()} (${failed.failure()?.errorText})`));
        const fontFiles: string[] = [];
        page.on("response", (response) => {
          if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
          if (response.status() === 200 && new URL(response.url()).pathname.endsWith(".woff2")) fontFiles.push(new URL(response.url()).pathname);
        });
        await page.goto(url, { waitUntil: "load" });
        const heading = page.getByText(fixture(name).heading).first();
        await heading.waitFor();
        if (fixture(name).tailwind === 4) {
          // The heading in the family the layout asks for (next/font/google's
          // Geist, through the theme's font-sans), its file loaded: on the
          // Next.js path, the one next build self-hosted.
          const font = await heading.evaluate(async (element) => {
            await document.fonts.ready;
            return {
              family: getComputedStyle(element).fontFamily.split(",")[0]!.trim().replace(/["']/g, ""),
              loaded: [...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family.replace(/["']/g, "")),
              rendered: document.fonts.check("16px Geist", element.textContent ?? ""),
            };
          });
          expect(font, name).toMatchObject({ family: "Geist", loaded: expect.arrayContaining(["Geist"]), rendered: true });
          if (name === "invoicing") expect(fontFiles.filter((file) => file.startsWith("/_next/static/media/")), name).not.toEqual([]);
        }
        const loaded = await page.$$eval("img", (imgs) => imgs.filter((img) => img.complete && img.naturalWidth > 0).map((img) => new URL(img.currentSrc).pathname));
        const publicImages = fixture(name).images.map((image) => `/${image.slice("public/".length)}`);
        expect(loaded.some((src) => publicImages.includes(src)), `${name}: images loaded ${loaded.join(", ") || "none"}`).toBe(true);
        if (name === "nursery") {
          // Tailwind CSS 3's utilities, with the config's theme colour, applied.
          const [header, expected] = await page.evaluate(() => {
            const probe = document.createElement("div");
            probe.style.backgroundColor = "hsl(142 64% 24%)";
            document.body.append(probe);
            const want = getComputedStyle(probe).backgroundColor;
            probe.remove();
            return [getComputedStyle(document.querySelector("h1")!.closest("header")!).backgroundColor, want];
          });
          expect(header).toBe(expected);
        }
        if (name === "invoicing") {
          // Server features from the preview page itself: the waitlist form's
          // server action, and the route handler fetched by the page's script.
          await page.getByPlaceholder("you@company.com").fill("ada@example.com");
          await page.getByRole("button", { name: "Join the waitlist" }).click();
          await page.getByText("You're on the list.").waitFor();
          const paid = await page.evaluate(async () => (await (await fetch("/api/invoices?status=paid")).json()) as { invoices: { status: string }[] });
          expect(paid.invoices.length).toBeGreaterThan(0);
          expect(paid.invoices.every((invoice) => invoice.status === "paid")).toBe(true);
        }
        await page.waitForLoadState("networkidle");
        expect(problems, name).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
