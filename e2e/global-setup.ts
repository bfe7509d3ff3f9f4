// Builds the app and starts it with `next start` on the embedded defaults,
// with a fresh data directory and a fresh database for every run. Both happen
// in the background (see ./support/build.ts): the test files wait for
// `appReady` before their first request.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { TestProject } from "vitest/node";
import { chromiumMissing } from "./chromium";
import { recordOutcome, startBuild } from "./support/build";
import { freePort, freshDatabase, type RunningApp, startNextServer } from "./support/next-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    // While this file exists, preview builds fail on the app's code (./support/break-builds.mjs).
    breakBuildsFile: string;
    // A file saying whether the app above is up (see whenReady).
    appReady: string;
    // The server's PostgreSQL database; empty when it runs on PGlite (no
    // DATABASE_URL), which only the server's own process can open.
    databaseUrl: string;
    // Why the suite cannot run on this machine; absent when it can.
    skipReason?: string;
  }
}

export default async function setup(project: TestProject) {
  // A fresh machine may have no browser: say so, and why, instead of failing
  // (or building the app for nothing). .ci/run installs it, so CI never skips.
  const missing = chromiumMissing();
  if (missing) {
    console.warn(`\n↓ browser suite skipped: ${missing}\n`);
    project.provide("skipReason", missing);
    return;
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-e2e-"));
  const [appPort, previewPort] = await Promise.all([freePort(), freePort()]);
  const breakBuildsFile = path.join(dataDir, "break-builds");
  const appReady = path.join(dataDir, "app-ready.json");
  const database = await freshDatabase();
  const build = startBuild();

  let app: RunningApp | undefined;
  const starting = recordOutcome(
    appReady,
    build.done.then(async () => {
      app = await startNextServer({
        port: appPort,
        env: {
          DATABASE_URL: database.url,
          DATA_DIR: dataDir,
          BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
          SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
          ADMIN_EMAILS: "",
          LOCAL_PREVIEW_PORT: String(previewPort),
          NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${pathToFileURL(path.join(import.meta.dirname, "support/break-builds.mjs")).href}`].filter(Boolean).join(" "),
          E2E_BREAK_BUILDS_FILE: breakBuildsFile,
          LOCAL_GENERATOR_DELAY_MS: "15",
          V0_API_KEY: "",
          GITHUB_TOKEN: "",
          VERCEL_TOKEN: "",
        },
      });
    }),
  );

  project.provide("baseURL", `http://localhost:${appPort}`);
  project.provide("breakBuildsFile", breakBuildsFile);
  project.provide("appReady", appReady);
  project.provide("databaseUrl", database.url);

  return async () => {
    build.stop();
    await starting;
    await app?.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.E2E_SERVER_LOG) console.log(app?.log());
  };
}
