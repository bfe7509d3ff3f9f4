import "server-only";

import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { BuildFailure } from "../build-failure";
import { findFontCalls } from "../font-calls";
import { MANIFEST_FILE, type NextManifest } from "../manifest";
import type { ResolvedModules } from "../deps";
import type { CommitFiles } from "../git-tree";
import { plainLines, runTool } from "../run-tool";
import { googleFontsMock } from "./fonts";

const TIMEOUT_MS = 10 * 60_000;
// `next build` takes a core or two and up to ~1.5 GB for a minute: one at a
// time on a small machine, and a short queue. Past it, a build fails as
// "host busy" rather than waiting for tens of minutes.
const MAX_WAITING = 3;

let running: Promise<unknown> = Promise.resolve();
let waiting = 0;

// The app's own `next build`, in a folder inside its dependency set (so
// Node and Turbopack find node_modules by walking up, without links out of
// the project), in a child process with an empty environment and a time
// limit: generated code runs while pages are prerendered, and must see none
// of this server's secrets. `outDir` gets a manifest naming the built app,
// which the preview server runs with `next start` on demand (./servers.ts).
export async function buildNextApp({
  files,
  modules,
  deploymentId,
  outDir,
  appEnv = {},
}: {
  files: CommitFiles;
  modules: ResolvedModules;
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
    return build(files, modules, nextBin, deploymentId, outDir, appEnv);
  });
  running = turn.catch(() => {});
  return turn;
}

async function build(files: CommitFiles, modules: ResolvedModules, nextBin: string, deploymentId: string, outDir: string, appEnv: Record<string, string>): Promise<{ log: string[] }> {
  const started = Date.now();
  const appDir = path.join(modules.setDir!, "apps", deploymentId);
  await rm(appDir, { recursive: true, force: true });
  await writeApp(appDir, files);

  const env: Record<string, string> = { ...appEnv, PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: appDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CI: "1" };
  // next/font/google downloads fonts while building; here they come from a
  // local answer instead (./fonts.ts).
  const sources = [...files].filter(([name]) => /\.(tsx|jsx|ts|js|mjs)$/.test(name) && !name.startsWith("node_modules/")).map(([, content]) => content.toString("utf8"));
  const fonts = findFontCalls(sources).filter((call) => call.loader === "google");
  if (fonts.length > 0) {
    const mock = path.join(appDir, ".preview-google-fonts.cjs");
    await writeFile(mock, googleFontsMock(fonts, modules.nodeModules));
    env.NEXT_FONT_GOOGLE_MOCKED_RESPONSES = mock;
  }

  const { code, signal, output } = await runTool(process.execPath, [nextBin, "build"], { cwd: appDir, env, timeoutMs: TIMEOUT_MS, keepChars: 400_000 }).catch(
    async (error: Error) => {
      await rm(appDir, { recursive: true, force: true });
      throw new BuildFailure([`next build could not start: ${error.message}`], "unavailable");
    },
  );
  const lines = plainLines(output);
  if (signal || code !== 0) {
    await rm(appDir, { recursive: true, force: true });
    if (signal) throw new BuildFailure([`next build was stopped (${signal}): it ran longer than ${TIMEOUT_MS / 60_000} minutes or ran out of memory`], "unavailable");
    throw new BuildFailure(buildErrors(lines, deploymentId));
  }

  const manifest: NextManifest = { kind: "next", appDir, nextBin, appEnv };
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
  // Why a page failed is printed before "Build error occurred", which names only the page.
  const causes = lines.slice(0, start).filter((line) => /^\s*\[cause\]:|^\s*(?:[A-Z]\w*)?Error: /.test(line));
  const detail = [...new Set(causes), ...lines.slice(start)]
    .map((line) => line.trim().replace(new RegExp(`(?:\\S*/)?apps/${deploymentId}/`, "g"), ""))
    .filter((line) => line && !/^at\s/.test(line) && !/^>?\s*\d+\s*\|/.test(line) && !/^\|/.test(line));
  return detail.length > 0 ? detail.slice(0, 12) : ["next build failed"];
}
