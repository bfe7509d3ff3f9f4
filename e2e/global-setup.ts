// Builds the app and starts it with `next start` on the embedded defaults,
// with a fresh data directory and a fresh database for every run.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, freshDatabase, nextBin, startNextServer } from "./support/next-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    faultFile: string;
  }
}

const root = path.resolve(import.meta.dirname, "..");

export const BUILD_SECRETS = {
  BETTER_AUTH_SECRET: "sentinel-auth-secret-9f3a",
  GITHUB_TOKEN: "sentinel-github-token-51c2",
  VERCEL_TOKEN: "sentinel-vercel-token-7d10",
  V0_API_KEY: "sentinel-v0-key-e4b8",
  DATABASE_URL: "postgres://sentinel:sentinel-db-pass-22aa@127.0.0.1:1/none",
};

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-e2e-"));
  const [appPort, previewPort] = await Promise.all([freePort(), freePort()]);
  const faultFile = path.join(dataDir, "preview-fault");
  const database = await freshDatabase();

  if (!process.env.E2E_SKIP_BUILD) {
    // Server secrets present at build time, so the bundle test can prove none
    // of them (names or values) reaches the browser.
    execFileSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...BUILD_SECRETS, NEXT_TELEMETRY_DISABLED: "1" },
    });
  }

  const app = await startNextServer({
    port: appPort,
    env: {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      ADMIN_EMAILS: "",
      LOCAL_PREVIEW_PORT: String(previewPort),
      LOCAL_PREVIEW_FAULT_FILE: faultFile,
      LOCAL_GENERATOR_DELAY_MS: "15",
      V0_API_KEY: "",
      GITHUB_TOKEN: "",
      VERCEL_TOKEN: "",
    },
  });

  project.provide("baseURL", app.baseURL);
  project.provide("faultFile", faultFile);

  return async () => {
    await app.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.E2E_SERVER_LOG) console.log(app.log());
  };
}
