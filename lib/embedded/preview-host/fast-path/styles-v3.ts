import "server-only";

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { BuildFailure } from "../build-failure";
import type { Modules } from "../toolchain";
import { PERMISSION_FLAG } from "../node-permissions";

const TIMEOUT_MS = 30_000;
const MARKER = "\u0000preview-tailwind3\u0000";
const CONFIG = /^tailwind\.config\.(ts|js|cjs|mjs)$/;
// What Tailwind scans for class names: the app's sources and markup, as
// the fast path's Tailwind 4 does.
const SCANNED = /\.(tsx|jsx|ts|js|mjs|mdx|md|html)$/;

// The major version of the Tailwind CSS the app installed, if any.
export function installedTailwindMajor(modules: Modules): number | null {
  try {
    const { version } = JSON.parse(readFileSync(path.join(modules.nodeModules, "tailwindcss", "package.json"), "utf8")) as { version: string };
    return Number(version.split(".")[0]);
  } catch {
    return null;
  }
}

// Runs in the child, from the app's folder: Tailwind 3's PostCSS plugin
// with the app's tailwind.config.*, then autoprefixer when the app has
// it, as next build runs them.
const RUNNER = `
const fs = require("node:fs");
const path = require("node:path");
const [nodeModules, entry, config] = process.argv.slice(1);
const print = process.stdout.write.bind(process.stdout);
for (const level of ["log", "info", "warn", "error", "debug"]) console[level] = (...args) => process.stderr.write(args.join(" ") + "\\n");
const load = (name) => require(path.join(nodeModules, name));
(async () => {
  try {
    const settings = config ? load("tailwindcss/loadConfig")(config) : {};
    // The files to scan come in on stdin (the ones the config's content
    // globs would find): listing folders needs more access than reading them.
    const sources = JSON.parse(fs.readFileSync(0, "utf8"));
    const plugins = [load("tailwindcss")({ ...settings, content: sources })];
    // Browserslist would look for its config up the tree, past what this
    // child may read: the app's own list, else the browsers Next.js targets.
    let browsers = ["chrome 111", "edge 111", "firefox 111", "safari 16.4"];
    try { const own = JSON.parse(fs.readFileSync("package.json", "utf8")).browserslist; if (Array.isArray(own) || typeof own === "string") browsers = own; } catch {}
    let autoprefixer = null;
    try { autoprefixer = load("autoprefixer"); } catch {}
    if (autoprefixer) plugins.push(autoprefixer({ overrideBrowserslist: browsers }));
    const result = await load("postcss")(plugins).process(fs.readFileSync(entry, "utf8"), { from: entry });
    print(${JSON.stringify(MARKER)} + JSON.stringify({ css: result.css, warnings: result.warnings().map((w) => w.text) }));
  } catch (error) {
    print(${JSON.stringify(MARKER)} + JSON.stringify({ failed: (error && error.message) || String(error) }));
  }
})();
`;

// Tailwind CSS 3, from the app's own installed packages. Its config is the
// app's code, so it runs as the prerenderer does: in a child process with
// an empty environment, Node's permission model (reads the app's folder and
// its packages, writes nothing, starts nothing) and a time limit.
export function compileStylesV3(workDir: string, entry: string | null, files: Map<string, string>, modules: Modules): Promise<{ css: string; classes: null; warnings: string[] }> {
  const name = entry ?? "app/globals.css";
  if (!entry) return Promise.resolve({ css: "", classes: null, warnings: [] });
  const config = [...files.keys()].find((file) => CONFIG.test(file));
  const args = [
    PERMISSION_FLAG,
    // Each path once: Node 20 aborts on a path given twice.
    ...[...new Set([workDir, modules.nodeModules, modules.realRoot])].map((dir) => `--allow-fs-read=${dir}/*`),
    "--no-warnings",
    "--max-old-space-size=384",
    "-e",
    RUNNER,
    modules.nodeModules,
    path.join(workDir, name),
    config ? path.join(workDir, config) : "",
  ];
  const sources = [...files].filter(([file]) => SCANNED.test(file) && !file.startsWith("node_modules/")).map(([file, raw]) => ({ raw, extension: path.extname(file).slice(1) }));
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { cwd: workDir, env: { NODE_ENV: "production", JITI_CACHE: "false" }, timeout: TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const at = stdout.lastIndexOf(MARKER);
      if (at === -1) {
        const reason = error?.killed ? `Tailwind CSS took longer than ${TIMEOUT_MS / 1000} s` : stderr.trim().split("\n").at(-1)?.slice(0, 300) || "Tailwind CSS stopped";
        reject(new BuildFailure([`${name}: ${reason}`]));
        return;
      }
      const result = JSON.parse(stdout.slice(at + MARKER.length)) as { css?: string; warnings?: string[]; failed?: string };
      if (result.failed !== undefined) reject(new BuildFailure([`${config ?? name}: ${result.failed}`]));
      else resolve({ css: result.css ?? "", classes: null, warnings: (result.warnings ?? []).map((w) => `${name}: ${w}`) });
    });
    child.stdin?.on("error", () => {}); // a child that died early; its exit says why
    child.stdin?.end(JSON.stringify(sources));
  });
}
