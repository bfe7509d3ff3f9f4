// `next build`, once per test run, whichever suite asks first: the browser
// journey and the production-build suite run against the same build.
//
// The build runs in the background. Vitest runs every project's global setup
// before any test file; these setups start the build and return at once, so
// the unit and database tests run while it builds, and the projects that need
// it run last (sequence.groupOrder in vitest.config.ts). Their test files wait
// for it with `whenReady`, which reads the outcome from a file.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nextBin } from "./next-server";

const root = path.resolve(import.meta.dirname, "../..");

// Server secrets present at build time, so the bundle test can prove none of
// them (names or values) reaches the browser.
export const BUILD_SECRETS = {
  BETTER_AUTH_SECRET: "sentinel-auth-secret-9f3a",
  SETTINGS_ENCRYPTION_KEY: "c2VudGluZWwtc2V0dGluZ3Mta2V5LTNiOWQtMDAwMDA=",
  GITHUB_TOKEN: "sentinel-github-token-51c2",
  VERCEL_TOKEN: "sentinel-vercel-token-7d10",
  V0_API_KEY: "sentinel-v0-key-e4b8",
  DATABASE_URL: "postgres://sentinel:sentinel-db-pass-22aa@127.0.0.1:1/none",
};

export type Build = { done: Promise<void>; stop: () => void };

// Global setups of several projects run in one process; each may load its
// own copy of this module, so the running build lives on globalThis.
const state = globalThis as unknown as { __nextBuild?: Build };

export function startBuild(): Build {
  if (state.__nextBuild) return state.__nextBuild;
  if (process.env.E2E_SKIP_BUILD) return (state.__nextBuild = { done: Promise.resolve(), stop: () => {} });

  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...BUILD_SECRETS, NEXT_TELEMETRY_DISABLED: "1" },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const done = new Promise<void>((resolve, reject) => {
    child.on("error", (error) => reject(new Error(`next build could not start: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`next build failed (${signal ?? `exit code ${code}`}):\n${output.slice(-8_000)}`));
    });
  });
  done.catch(() => {}); // reported by whoever waits for it
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  return (state.__nextBuild = { done, stop });
}

type Outcome = { ok: true } | { ok: false; error: string };

// Writes what became of `work` to `file` once it settles (whole or not at
// all), for test files in other processes to read with `whenReady`.
export function recordOutcome(file: string, work: Promise<unknown>): Promise<void> {
  const write = (outcome: Outcome) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(outcome));
    renameSync(`${file}.tmp`, file);
  };
  return work.then(
    () => write({ ok: true }),
    (error: unknown) => write({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}

// Long enough for a whole build on a busy 2-core machine: a test file that
// starts first waits for all of it.
export const WAIT_LIMIT_MS = 15 * 60_000;

// In a test file: resolves once the work recorded in `file` succeeded;
// throws its error if it failed.
export async function whenReady(file: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`still not ready after ${WAIT_LIMIT_MS / 60_000} minutes: ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const outcome = JSON.parse(readFileSync(file, "utf8")) as Outcome;
  if (!outcome.ok) throw new Error(outcome.error);
}
