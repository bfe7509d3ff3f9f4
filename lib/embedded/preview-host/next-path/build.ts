import "server-only";

import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { BuildFailure, isBuildFailure } from "../build-failure";
import { findFontCalls } from "../font-calls";
import { MANIFEST_FILE, type NextManifest } from "../manifest";
import type { ResolvedModules } from "../deps";
import type { SourceFiles } from "../git-tree";
import { collectRun, plainLines } from "../run-tool";
import { sandboxMode } from "../sandbox/mode";
import { prepareWritable, spawnSandboxed } from "../sandbox/spawn";
import { projectRoot } from "../toolchain";
import { withHostConfig } from "./config";
import { type FontFileAccess, googleFontsMock } from "./fonts";
import { dependencyMounts } from "./mounts";
import { publishBuild, removeOtherWorkspaces, syncWorkspace, workspaceDir } from "./workspace";

const TIMEOUT_MS = 10 * 60_000;
const FONT_SERVER = path.join(projectRoot, "lib", "embedded", "preview-host", "next-path", "font-server.cjs");
// The font server's port in the sandbox, whose network is its own: fixed,
// so the URLs Next.js names the copied font files after stay the same from
// one build to the next.
const SANDBOX_FONT_PORT = 43_117;
// `next build` takes a core or two and up to ~1.5 GB for a minute: one at a
// time on a small machine, and a short queue. Past it, a build fails as
// "host busy" rather than waiting for tens of minutes.
const MAX_WAITING = 3;

let running: Promise<unknown> = Promise.resolve();
let waiting = 0;

// The app's own `next build`, in the app's workspace inside its dependency
// set (./workspace.ts: kept between versions with Next.js's build cache,
// holding exactly this commit's files; inside the set, so Node and
// Turbopack find node_modules by walking up), in the sandbox (../sandbox: no
// network, nothing of this machine but the workspace, which it may write,
// and its packages, read-only), with an environment of its own and a time
// limit: generated code runs while pages are prerendered. The built version
// is copied to a folder of its own, and `outDir` gets a manifest naming it,
// which the preview server runs with `next start` on demand (./servers.ts).
export async function buildNextApp({
  files,
  modules,
  projectId,
  deploymentId,
  outDir,
  appEnv = {},
}: {
  files: SourceFiles;
  modules: ResolvedModules;
  projectId: string;
  deploymentId: string;
  outDir: string;
  // The app's own settings (NEXT_PUBLIC_ ones are inlined by next build).
  appEnv?: Record<string, string>;
}): Promise<{ log: string[] }> {
  const nextBin = path.join(modules.nodeModules, "next", "dist", "bin", "next");
  if (!modules.setDir) throw new Error("the Next.js path needs an installed dependency set");
  if (!existsSync(nextBin)) throw new BuildFailure(["package.json: \"next\" is not among the app's dependencies (its server features need Next.js)"]);
  if (waiting >= MAX_WAITING) throw new BuildFailure([`The preview host is busy: ${waiting} Next.js builds are already waiting`], "unavailable");

  waiting++;
  const turn = running.then(() => {
    waiting--;
    return build(files, modules, nextBin, { projectId, deploymentId }, outDir, appEnv);
  });
  running = turn.catch(() => {});
  return turn;
}

type BuildIds = { projectId: string; deploymentId: string };

async function build(files: SourceFiles, modules: ResolvedModules, nextBin: string, ids: BuildIds, outDir: string, appEnv: Record<string, string>): Promise<{ log: string[] }> {
  const started = Date.now();
  const { dir: buildDir, log, fonts } = await prepareWorkspace(modules, ids.projectId, files);
  const folder = path.relative(modules.setDir!, buildDir);

  const env: Record<string, string> = { PATH: path.dirname(process.execPath), HOME: "/tmp", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CI: "1" };
  // next/font/google downloads fonts while building; here they come from a
  // local answer instead (./fonts.ts), a file of the workspace's.
  if (fonts) env.NEXT_FONT_GOOGLE_MOCKED_RESPONSES = path.join(buildDir, FONTS_MOCK);
  // The font files are read where they are, read-only; Turbopack's build
  // gets them from the font server started in front of it.
  const fontDirs = [...new Set([...(fonts?.files.values() ?? [])].map((file) => path.dirname(file)))];
  const served = fonts && fonts.files.size > 0 && fonts.port !== null;
  const command = served ? [FONT_SERVER, String(fonts.port), JSON.stringify(Object.fromEntries(fonts.files)), nextBin, "build"] : [nextBin, "build"];

  await prepareWritable(buildDir);
  const run = async () => {
    const child = spawnSandboxed(process.execPath, command, {
      cwd: buildDir,
      readOnly: [...dependencyMounts(modules.setDir!, modules), ...fontDirs, ...(served ? [FONT_SERVER] : [])],
      // The workspace is this app's own: next build writes .next (its
      // cache kept for the next version), next-env.d.ts and tsconfig.json.
      writable: [buildDir],
      // Turbopack reads the folders from its root (the set) down to the
      // workspace: it sees the set's packages and this app only.
      listable: [modules.setDir!, path.dirname(buildDir)],
      env,
      appEnv,
      label: `next build ${ids.deploymentId}`,
    });
    return collectRun(child, { timeoutMs: TIMEOUT_MS, keepChars: 400_000 });
  };
  const { code, signal, output } = await run().catch((error: Error) => {
    if (isBuildFailure(error)) throw error;
    throw new BuildFailure([`next build could not start: ${error.message}`], "unavailable");
  });
  const lines = plainLines(output);
  if (signal || code !== 0) {
    if (signal) throw new BuildFailure([`next build was stopped (${signal}): it ran longer than ${TIMEOUT_MS / 60_000} minutes or ran out of memory`], "unavailable");
    throw new BuildFailure(buildErrors(lines, folder));
  }

  const appDir = path.join(modules.setDir!, "apps", ids.deploymentId);
  await publishBuild(buildDir, appDir);
  const manifest: NextManifest = { kind: "next", appDir, nextBin, appEnv, setDir: modules.setDir!, nodeModules: modules.nodeModules, packages: modules.realRoot };
  const staging = `${outDir}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest));
  await rename(staging, outDir);
  return { log: [...log, ...routeTable(lines), `Build completed in ${Date.now() - started} ms`] };
}

const FONTS_MOCK = ".preview-google-fonts.cjs";

// The app's workspace, holding exactly this commit's files (./workspace.ts)
// and the host's own beside them: its next.config wrapper, and the local
// answers for next/font/google, with the font files they name and the
// port of the server that hands them to Turbopack (null for webpack, which
// reads them from disk).
async function prepareWorkspace(
  modules: ResolvedModules,
  projectId: string,
  files: SourceFiles,
): Promise<{ dir: string; log: string[]; fonts: { files: Map<string, string>; port: number | null } | null }> {
  const setDir = modules.setDir!;
  const dir = workspaceDir(setDir, projectId);
  await removeOtherWorkspaces(path.dirname(setDir), dir, projectId);
  const major = nextMajor(modules.nodeModules);
  const prepared = withHostConfig(files, major);
  const sources = [...files].filter(([name]) => /\.(tsx|jsx|ts|js|mjs)$/.test(name) && !name.startsWith("node_modules/")).map(([, content]) => content.toString("utf8"));
  const calls = findFontCalls(sources).filter((call) => call.loader === "google");
  const fontLog: string[] = [];
  let fonts: { files: Map<string, string>; port: number | null } | null = null;
  if (calls.length > 0) {
    // The host runs plain `next build`: Turbopack from Next.js 16 on, webpack before.
    const port = major >= 16 ? await fontServerPort() : null;
    const access: FontFileAccess = port === null ? "path" : { origin: `http://127.0.0.1:${port}` };
    const mock = await googleFontsMock(calls, modules.nodeModules, access);
    prepared.set(FONTS_MOCK, Buffer.from(mock.module));
    fontLog.push(...mock.log);
    fonts = { files: mock.files, port };
  }
  const sync = await syncWorkspace(dir, prepared);
  const log = [...fontLog, ...(sync.fresh
    ? [`Workspace: new for this app (${sync.written} files); next build starts without a build cache`]
    : [`Workspace: kept from the app's last build, with its build cache; ${sync.written} files written, ${sync.removed} removed`])];
  return { dir, log, fonts };
}

// Without a sandbox the font server shares this machine's network: a port
// nothing holds now.
async function fontServerPort(): Promise<number> {
  if (sandboxMode().kind === "sandboxed") return SANDBOX_FONT_PORT;
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function nextMajor(nodeModules: string): number {
  const { version } = JSON.parse(readFileSync(path.join(nodeModules, "next", "package.json"), "utf8")) as { version: string };
  return Number(version.split(".")[0]);
}

// The route table next build prints ("┌ ƒ /", "├ ○ /about", …), for the log.
function routeTable(lines: string[]): string[] {
  const start = lines.findIndex((line) => /^Route \((app|pages)\)/.test(line));
  if (start === -1) return [];
  const table = lines.slice(start, start + 40);
  const end = table.findIndex((line, i) => i > 0 && line.trim() === "");
  return table.slice(0, end === -1 ? undefined : end);
}

// next build's errors as `file:line:column: message`, with paths as the
// app's author knows them ("app/page.tsx", not the build folder's, which
// `folder` names relative to the dependency set: "workspaces/<projectId>").
export function buildErrors(lines: string[], folder: string): string[] {
  const prefix = new RegExp(`^(?:\\.?/)?(?:.*/)?${folder}/`);
  const located: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const at = /^(\S+):(\d+):(\d+)$/.exec(lines[i]!.trim());
    if (!at || !prefix.test(at[1]!)) continue;
    const message = lines.slice(i + 1, i + 4).find((line) => line.trim() && !/^\s*(>?\s*\d+\s*\||\|)/.test(line));
    located.push(`${at[1]!.replace(prefix, "")}:${at[2]}:${at[3]}: ${(message ?? "").trim()}`);
  }
  if (located.length > 0) return [...new Set(located)].slice(0, 10);
  // Anything else (a page that throws while prerendering, a bad config):
  // the lines after Next.js says the build failed, without stack frames.
  const start = lines.findIndex((line) => /Failed to compile|Build error occurred|Error occurred prerendering|unexpected Turbopack error/.test(line));
  // Why a page failed is printed before "Build error occurred", which names only the page.
  const causes = start === -1 ? [] : lines.slice(0, start).filter((line) => /^\s*\[cause\]:|^\s*(?:[A-Z]\w*)?Error: /.test(line));
  const detail = [...new Set(causes), ...lines.slice(Math.max(start, 0))]
    .map((line) => line.trim().replace(new RegExp(`(?:\\S*/)?${folder}/`, "g"), ""))
    .filter((line) => line && !/^at\s/.test(line) && !/^>?\s*\d+\s*\|/.test(line) && !/^\|/.test(line));
  if (detail.length === 0) return ["next build failed"];
  // Without Next.js's words for it (a crash), what it printed last says
  // most; its first lines are the banner and warnings.
  return start === -1 ? detail.slice(-12) : detail.slice(0, 12);
}
