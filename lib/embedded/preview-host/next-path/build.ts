import "server-only";

import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { BuildFailure, isBuildFailure } from "../build-failure";
import { findFontCalls } from "../font-calls";
import { MANIFEST_FILE, type NextManifest } from "../manifest";
import type { ResolvedModules } from "../deps";
import type { CommitFiles } from "../git-tree";
import { collectRun, plainLines } from "../run-tool";
import { prepareWritable, spawnSandboxed } from "../sandbox/spawn";
import { googleFontsMock } from "./fonts";
import { dependencyMounts } from "./mounts";

const TIMEOUT_MS = 10 * 60_000;
// `next build` takes a core or two and up to ~1.5 GB for a minute: one at a
// time on a small machine, and a short queue. Past it, a build fails as
// "host busy" rather than waiting for tens of minutes.
const MAX_WAITING = 3;

let running: Promise<unknown> = Promise.resolve();
let waiting = 0;

// The app's own `next build`, in a folder inside its dependency set (so
// Node and Turbopack find node_modules by walking up, without links out of
// the project), in the sandbox (../sandbox: no network, nothing of this
// machine but the app's copy, which it may write, and its packages,
// read-only), with an environment of its own and a time limit: generated
// code runs while pages are prerendered. `outDir` gets a manifest naming the built app,
// which the preview server runs with `next start` on demand (./servers.ts).
export async function buildNextApp({
  files,
  modules,
  deploymentId,
  outDir,
  appEnv,
}: {
  files: CommitFiles;
  modules: ResolvedModules;
  deploymentId: string;
  outDir: string;
  appEnv?: Record<string, string>; // the app's own settings
}): Promise<{ log: string[] }> {
  const nextBin = path.join(modules.nodeModules, "next", "dist", "bin", "next");
  if (!modules.setDir) throw new Error("the Next.js path needs an installed dependency set");
  if (!existsSync(nextBin)) throw new BuildFailure(["package.json: \"next\" is not among the app's dependencies (its server features need Next.js)"]);
  if (waiting >= MAX_WAITING) throw new BuildFailure([`The preview host is busy: ${waiting} Next.js builds are already waiting`], "unavailable");

  waiting++;
  const turn = running.then(() => {
    waiting--;
    return build(files, modules, nextBin, deploymentId, outDir, appEnv);
  });
  running = turn.catch(() => {});
  return turn;
}

async function build(
  files: CommitFiles,
  modules: ResolvedModules,
  nextBin: string,
  deploymentId: string,
  outDir: string,
  appEnv: Record<string, string> | undefined,
): Promise<{ log: string[] }> {
  const started = Date.now();
  const appDir = path.join(modules.setDir!, "apps", deploymentId);
  await rm(appDir, { recursive: true, force: true });
  await writeApp(appDir, files);

  const env: Record<string, string> = { PATH: path.dirname(process.execPath), HOME: "/tmp", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CI: "1" };
  // next/font/google downloads fonts while building; here they come from a
  // local answer instead (./fonts.ts).
  const sources = [...files].filter(([name]) => /\.(tsx|jsx|ts|js|mjs)$/.test(name) && !name.startsWith("node_modules/")).map(([, content]) => content.toString("utf8"));
  const fonts = findFontCalls(sources).filter((call) => call.loader === "google");
  if (fonts.length > 0) {
    const mock = path.join(appDir, ".preview-google-fonts.cjs");
    await writeFile(mock, googleFontsMock(fonts, modules.nodeModules));
    env.NEXT_FONT_GOOGLE_MOCKED_RESPONSES = mock;
  }

  await prepareWritable(appDir);
  const run = async () => {
    const child = spawnSandboxed(process.execPath, [nextBin, "build"], {
      cwd: appDir,
      readOnly: dependencyMounts(modules.setDir!, modules),
      // The app's copy is this build's own: next build writes .next, and
      // next-env.d.ts and tsconfig.json when they are missing.
      writable: [appDir],
      // Turbopack reads the folders from its root (the set) down to the app:
      // it sees the set's packages and this app only.
      listable: [modules.setDir!, path.dirname(appDir)],
      env,
      appEnv,
      label: `next build ${deploymentId}`,
    });
    return collectRun(child, { timeoutMs: TIMEOUT_MS, keepChars: 400_000 });
  };
  const { code, signal, output } = await run().catch(async (error: Error) => {
    await rm(appDir, { recursive: true, force: true });
    if (isBuildFailure(error)) throw error;
    throw new BuildFailure([`next build could not start: ${error.message}`], "unavailable");
  });
  const lines = plainLines(output);
  if (signal || code !== 0) {
    await rm(appDir, { recursive: true, force: true });
    if (signal) throw new BuildFailure([`next build was stopped (${signal}): it ran longer than ${TIMEOUT_MS / 60_000} minutes or ran out of memory`], "unavailable");
    throw new BuildFailure(buildErrors(lines, deploymentId));
  }

  const manifest: NextManifest = { kind: "next", appDir, nextBin, setDir: modules.setDir!, nodeModules: modules.nodeModules, packages: modules.realRoot };
  const staging = `${outDir}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest));
  await rename(staging, outDir);
  return { log: [...routeTable(lines), `Build completed in ${Date.now() - started} ms`] };
}

async function writeApp(appDir: string, files: CommitFiles): Promise<void> {
  const written = [...files].filter(([name]) => !/^(node_modules|\.next)\//.test(name));
  const dirs = new Set([appDir, ...written.map(([name]) => path.dirname(path.join(appDir, name)))]);
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  await Promise.all(written.map(([name, content]) => writeFile(path.join(appDir, name), content)));
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
// app's author knows them ("app/page.tsx", not the build folder's).
export function buildErrors(lines: string[], deploymentId: string): string[] {
  const prefix = new RegExp(`^(?:\\.?/)?(?:.*/)?apps/${deploymentId}/`);
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
  const start = Math.max(
    lines.findIndex((line) => /Failed to compile|Build error occurred|Error occurred prerendering/.test(line)),
    0,
  );
  const detail = lines
    .slice(start)
    .map((line) => line.trim().replace(new RegExp(`(?:\\S*/)?apps/${deploymentId}/`, "g"), ""))
    .filter((line) => line && !/^at\s/.test(line) && !/^>?\s*\d+\s*\|/.test(line) && !/^\|/.test(line));
  return detail.length > 0 ? detail.slice(0, 12) : ["next build failed"];
}
