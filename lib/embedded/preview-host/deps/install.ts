import "server-only";

import { readFileSync } from "node:fs";
import path from "node:path";
import { BuildFailure } from "../build-failure";
import { projectRoot } from "../toolchain";
import { plainLines, runTool } from "../run-tool";

// pnpm, the installer v0's projects are made with (they ship a
// pnpm-lock.yaml) and the one Vercel picks for them. Its store keeps one
// copy of every package file and links it into each install, so many
// dependency sets cost little more disk than one; it installs peer ranges
// that predate React 19 with a warning, where npm stops with ERESOLVE.
const PNPM = path.join(projectRoot, "node_modules", "pnpm", "bin", "pnpm.cjs");

export function installerVersion(): string {
  return `pnpm@${(JSON.parse(readFileSync(path.join(projectRoot, "node_modules", "pnpm", "package.json"), "utf8")) as { version: string }).version}`;
}

const TIMEOUT_MS = 10 * 60_000;

// Registry and proxy settings pass through, so an install reaches the
// registry the way `npm install` on this machine does; nothing else of this
// server's environment does.
const PASSED_ENV = /^(PATH|HOME|npm_config_.+|NPM_CONFIG_.+|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|SSL_CERT_FILE|NODE_EXTRA_CA_CERTS)$/;

export type InstallPaths = { dir: string; store: string; cache: string };

// `pnpm install` in `dir` (its package.json and lockfile already there):
// install scripts off, packages from the shared store, and the lockfile
// corrected rather than refused when it no longer matches package.json (v0
// edits package.json without always updating the lockfile). Returns pnpm's
// summary for the build log; throws BuildFailure kind "install" with a
// plain account of what went wrong.
export async function pnpmInstall({ dir, store, cache }: InstallPaths): Promise<string[]> {
  const args = [
    PNPM,
    "install",
    "--ignore-scripts",
    "--no-frozen-lockfile",
    "--prefer-offline",
    "--reporter=append-only",
    `--store-dir=${store}`,
    `--config.cache-dir=${path.join(cache, "metadata")}`,
    `--config.state-dir=${path.join(cache, "state")}`,
    "--config.package-import-method=hardlink",
    "--config.node-linker=isolated",
    "--config.auto-install-peers=true",
    "--config.strict-peer-dependencies=false",
    "--config.manage-package-manager-versions=false",
    "--config.ignore-pnpmfile=true",
    "--config.update-notifier=false",
    "--fetch-retries=2",
    "--fetch-retry-mintimeout=2000",
    "--fetch-retry-maxtimeout=10000",
    "--network-concurrency=8",
    "--child-concurrency=2",
  ];
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => PASSED_ENV.test(name)));
  const { code, signal, output } = await runTool(process.execPath, args, { cwd: dir, env: { ...env, CI: "1", NODE_ENV: "development" }, timeoutMs: TIMEOUT_MS, keepChars: 200_000 }).catch(
    (error: Error) => {
      throw new BuildFailure([`Installing dependencies failed: the installer could not start (${error.message})`], "unavailable");
    },
  );
  const lines = plainLines(output);
  if (code === 0) return summary(lines);
  if (signal) throw new BuildFailure([`Installing dependencies failed: the installer was stopped (${signal}) after ${TIMEOUT_MS / 60_000} minutes or for lack of memory`], "install");
  throw new BuildFailure(explain(lines), "install");
}

// "Packages: +182", peer warnings and "Done in 42.6s", not the progress lines.
function summary(lines: string[]): string[] {
  const kept = lines.filter((line) => /^(Packages: |Done in |.*unmet peer )/.test(line.trim()));
  return kept.map((line) => line.trim().replace(/^[└├│─┬✕\s]+/, "")).slice(0, 12);
}

// pnpm's error, said plainly for admins: which package, and whether the
// registry answered at all.
export function explain(lines: string[]): string[] {
  const text = lines.join("\n");
  const detail = lines.filter((line) => /ERR_PNPM_|ERR!|error/i.test(line)).slice(0, 5).map((line) => line.trim());
  const notFound = /ERR_PNPM_FETCH_404\s+GET\s+\S+?\/((?:@|%40)[^/\s:]+(?:\/|%2[fF])[^/\s:]+|[^/\s:@]+)(?::|\s)/.exec(text);
  const noVersion = /ERR_PNPM_NO_MATCHING_VERSION\s+No matching version found for (\S+)/.exec(text);
  const unreachable = /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT)\b/.exec(text);
  let headline: string;
  if (notFound) headline = `Installing dependencies failed: "${decodeURIComponent(notFound[1]!)}" doesn't exist in the package registry`;
  else if (noVersion) headline = `Installing dependencies failed: no published version matches ${noVersion[1]}`;
  else if (unreachable) headline = `Installing dependencies failed: the package registry couldn't be reached (${unreachable[1]})`;
  else headline = "Installing dependencies failed";
  return [headline, ...detail.filter((line) => line !== headline)];
}
