// `next build`, once per test run, whichever suite asks first: the browser
// journey and the production-build suite run against the same build.
import { execFileSync } from "node:child_process";
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

// Global setups of several projects run in one process; each may load its
// own copy of this module, so the "built" flag lives on globalThis.
const state = globalThis as unknown as { __nextBuilt?: boolean };

export function buildOnce(): void {
  if (state.__nextBuilt || process.env.E2E_SKIP_BUILD) return;
  execFileSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...BUILD_SECRETS, NEXT_TELEMETRY_DISABLED: "1" },
  });
  state.__nextBuilt = true;
}
