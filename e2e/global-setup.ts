// Builds the app and starts it with `next start` on the embedded defaults,
// with a fresh data directory and a fresh database for every run.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { chromiumMissing } from "./chromium";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    faultFile: string;
    // Why the suite cannot run on this machine; absent when it can.
    skipReason?: string;
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
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not start at ${url}`);
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
  const baseURL = `http://localhost:${appPort}`;
  const faultFile = path.join(dataDir, "preview-fault");

  let databaseUrl = "";
  let dropDatabase = async () => {};
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `e2e_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    };
  }

  if (!process.env.E2E_SKIP_BUILD) {
    // Server secrets present at build time, so the bundle test can prove none
    // of them (names or values) reaches the browser.
    execFileSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...BUILD_SECRETS, NEXT_TELEMETRY_DISABLED: "1" },
    });
  }

  const server = spawn(process.execPath, [nextBin, "start", "-p", String(appPort)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      APP_URL: baseURL,
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
  let log = "";
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));

  try {
    await waitForServer(`${baseURL}/sign-in`, server, 60_000);
  } catch (error) {
    server.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${log}`);
  }

  project.provide("baseURL", baseURL);
  project.provide("faultFile", faultFile);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.kill("SIGKILL");
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.E2E_SERVER_LOG) console.log(log);
  };
}
