// Generated code in the sandbox: an app that looks around the machine is
// built with next build and served by its own Next.js server, and every
// attempt it makes at build time and at runtime fails while it still
// builds and serves its page. Also: the modes without a sandbox, process
// groups stopped with the server, and leftovers of a dead server.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/tests/helpers/env";
import { fastPathProbeApp, sandboxProbeApp, probeResults } from "@/tests/fixtures/sandbox-probe";
import { isBuildFailure } from "../build-failure";
import { buildFastPath } from "../fast-path";
import { readManifest, type NextManifest } from "../manifest";
import { buildNextApp } from "../next-path/build";
import { forwardToNext, stopNextServers } from "../next-path/servers";
import { ownModules, projectRoot } from "../toolchain";
import { sandboxMode, setSandboxProbe } from "./mode";
import { probeBubblewrap } from "./probe";
import { cleanLeftoverGroups } from "./processes";
import { spawnSandboxed } from "./spawn";

const probe = probeBubblewrap();
if (!probe.available && process.env.CI) throw new Error(`The sandbox must run in CI: ${probe.detail}`);
if (!probe.available) console.warn(`\n↓ sandbox tests skipped: ${probe.detail}\n`);

function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      // A zombie has ended; it only waits for its parent to read its status.
      if (Number(fields[2]) === pgid && fields[0] !== "Z") members.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return members;
}

function withEnv(vars: Record<string, string | undefined>, run: () => void): void {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  for (const [name, value] of Object.entries(vars)) if (value === undefined) delete process.env[name];
  resetEnvForTests();
  try {
    run();
  } finally {
    for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
    else process.env[name] = value;
    resetEnvForTests();
    setSandboxProbe(probeBubblewrap);
  }
}

describe("sandbox modes", () => {
  const missing = () => ({ available: false as const, detail: "bubblewrap is not installed (/usr/bin/bwrap is missing)." });
  const spawnTrue = () => spawnSandboxed(process.execPath, ["-e", ""], { cwd: projectRoot, readOnly: [], writable: [], env: {}, label: "mode test" });

  it("uses the sandbox when it is there", () => {
    withEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(32), SETTINGS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") }, () => {
      setSandboxProbe(() => ({ available: true, detail: "test" }));
      expect(sandboxMode().kind).toBe("sandboxed");
      expect(spawnTrue().spawnfile).toBe("/usr/bin/bwrap");
    });
  });

  it("builds unconfined with a warning in development", () => {
    withEnv({ NODE_ENV: "development" }, () => {
      setSandboxProbe(missing);
      expect(sandboxMode()).toMatchObject({ kind: "unconfined", log: expect.stringMatching(/^WARNING: no sandbox: bubblewrap is not installed.*runs unconfined.*development only/) });
      expect(spawnTrue().spawnfile).toBe(process.execPath);
    });
  });

  it("refuses in production, telling admins what is missing", () => {
    withEnv({ NODE_ENV: "production", LOCAL_PREVIEW_UNSANDBOXED: undefined, BETTER_AUTH_SECRET: "x".repeat(32), SETTINGS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") }, () => {
      setSandboxProbe(missing);
      expect(sandboxMode()).toMatchObject({ kind: "refused", log: expect.stringContaining("/usr/bin/bwrap is missing") });
      let thrown: unknown;
      try {
        spawnTrue();
      } catch (error) {
        thrown = error;
      }
      expect(isBuildFailure(thrown) && thrown.kind).toBe("refused");
    });
  });

  it("builds unconfined in production with the opt-out variable, with the warning", () => {
    withEnv({ NODE_ENV: "production", LOCAL_PREVIEW_UNSANDBOXED: "1", BETTER_AUTH_SECRET: "x".repeat(32), SETTINGS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") }, () => {
      setSandboxProbe(missing);
      expect(sandboxMode()).toMatchObject({ kind: "unconfined", log: expect.stringContaining("LOCAL_PREVIEW_UNSANDBOXED=1 (unsafe") });
    });
  });
});

describe("process groups", () => {
  it("stops what a dead server left running, and leaves a live server's alone", async () => {
    const leftover = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    const live = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    const dir = path.join(process.env.DATA_DIR!, "previews", "processes");
    mkdirSync(dir, { recursive: true });
    const stat = (pid: number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[19]!;
    // A server process that is gone: a pid no process has.
    writeFileSync(path.join(dir, `${leftover.pid}.json`), JSON.stringify({ pid: leftover.pid, started: stat(leftover.pid!), owner: 2 ** 22 + 1, ownerStarted: null, label: "next start dpl_old" }));
    writeFileSync(path.join(dir, `${live.pid}.json`), JSON.stringify({ pid: live.pid, started: stat(live.pid!), owner: process.pid, ownerStarted: stat(process.pid), label: "next build dpl_live" }));
    expect(cleanLeftoverGroups()).toEqual([`next start dpl_old (process ${leftover.pid})`]);
    // SIGKILL is delivered when the killed process next runs, a moment later.
    await expect.poll(() => groupMembers(leftover.pid!), { timeout: 5_000 }).toEqual([]);
    expect(groupMembers(live.pid!)).toEqual([live.pid]);
    expect(existsSync(path.join(dir, `${leftover.pid}.json`))).toBe(false);
    live.kill("SIGKILL");
  });
});

describe.skipIf(!probe.available)("an app that looks around, built and served in the sandbox (Next.js path)", () => {
  const dataDir = process.env.DATA_DIR!;
  const builder = http.createServer((_, res) => res.end("builder"));
  const preview = http.createServer();
  afterAll(() => {
    stopNextServers();
    builder.close();
    preview.close();
  });

  it("fails every attempt at build time and at runtime, builds, serves, and leaves no process when stopped", async () => {
    setSandboxProbe(probeBubblewrap);
    await new Promise<void>((resolve) => builder.listen(0, "127.0.0.1", resolve));
    const secretFile = path.join(dataDir, "server-secret.txt");
    writeFileSync(secretFile, "the server's secret");
    process.env.PROBE_SECRET = "server-env-secret";
    const targets = { secretFile, dataDir, escapeFile: path.join(dataDir, "escaped"), dbPort: 5432, builderPort: (builder.address() as AddressInfo).port, envName: "PROBE_SECRET" };
    const versions = { next: JSON.parse(readFileSync(path.join(projectRoot, "node_modules/next/package.json"), "utf8")).version, react: JSON.parse(readFileSync(path.join(projectRoot, "node_modules/react/package.json"), "utf8")).version };
    const files = new Map(Object.entries(sandboxProbeApp(targets, versions)).map(([name, text]) => [name, Buffer.from(text)]));

    // A dependency set the server's own packages satisfy: nothing to install.
    const setDir = path.join(dataDir, "previews", "deps", "sets", "probe");
    mkdirSync(setDir, { recursive: true });
    writeFileSync(path.join(setDir, "package.json"), files.get("package.json")!);
    writeFileSync(path.join(setDir, "pnpm-lock.yaml"), "");
    symlinkSync(path.join(projectRoot, "node_modules"), path.join(setDir, "node_modules"));
    const modules = { nodeModules: path.join(setDir, "node_modules"), realRoot: realpathSync(path.join(projectRoot, "node_modules")), setDir, installed: false, log: [] };

    const outDir = path.join(dataDir, "previews", "builds", "dpl_probe");
    const started = Date.now();
    const { log } = await buildNextApp({ files, modules, projectId: "prj_probe", deploymentId: "dpl_probe", outDir });
    console.info(`[sandbox test] next build in the sandbox: ${Date.now() - started} ms`);
    expect(log.join("\n")).toContain("Build completed");
    const manifest = readManifest(outDir) as NextManifest;
    const prerendered = readFileSync(path.join(manifest.appDir, ".next", "server", "app", "index.html"), "utf8");
    expect(prerendered).toContain("Probe landing page");
    const atBuild = probeResults(prerendered);
    expect(atBuild).toHaveLength(2); // the page and the config
    for (const found of atBuild) for (const [what, result] of Object.entries(found)) expect(result, what).toMatch(/^blocked/);

    preview.on("request", (req, res) => void forwardToNext("dpl_probe", manifest, req, res));
    await new Promise<void>((resolve) => preview.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(preview.address() as AddressInfo).port}`;
    const serving = Date.now();
    const home = await fetch(`${base}/`);
    console.info(`[sandbox test] first request through a sandboxed server start: ${Date.now() - serving} ms`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Probe landing page");
    const live = await (await fetch(`${base}/live`)).text();
    const route = (await (await fetch(`${base}/api/probe`)).json()) as Record<string, string>;
    const atRuntime = [...probeResults(live).slice(0, 1), route];
    expect(atRuntime).toHaveLength(2);
    for (const found of atRuntime) for (const [what, result] of Object.entries(found)) expect(result, what).toMatch(/^blocked/);
    expect(readdirSync(dataDir).filter((name) => name.startsWith("escaped"))).toEqual([]);
    expect(readdirSync(path.dirname(manifest.appDir)).filter((name) => name.startsWith("escaped"))).toEqual([]);

    // This app's server only: other test files may run preview servers at the same time.
    const servers = execFileSync("pgrep", ["-f", `serve-on-socket.cjs ${manifest.appDir}`]).toString().trim().split("\n").map(Number);
    const groups = new Set(servers.map((pid) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[2])));
    expect(groups.size).toBe(1);
    const [group] = groups;
    expect(groupMembers(group!).length).toBeGreaterThan(0);
    stopNextServers();
    await expect.poll(() => groupMembers(group!).length, { timeout: 5_000 }).toBe(0);
  }, 600_000);
});

describe.skipIf(!probe.available)("an app that looks around, prerendered in the sandbox (fast path)", () => {
  const builder = http.createServer((_, res) => res.end("builder"));
  afterAll(() => builder.close());

  it("fails every attempt while its page is prerendered, and still prerenders the page", async () => {
    setSandboxProbe(probeBubblewrap);
    await new Promise<void>((resolve) => builder.listen(0, "127.0.0.1", resolve));
    const dataDir = process.env.DATA_DIR!;
    const secretFile = path.join(dataDir, "server-secret.txt");
    writeFileSync(secretFile, "the server's secret");
    process.env.PROBE_SECRET = "server-env-secret";
    const targets = { secretFile, dataDir, escapeFile: path.join(dataDir, "escaped"), dbPort: 5432, builderPort: (builder.address() as AddressInfo).port, envName: "PROBE_SECRET" };
    const files = new Map(Object.entries(fastPathProbeApp(targets)).map(([name, text]) => [name, Buffer.from(text)]));
    const outDir = path.join(dataDir, "previews", "builds", "dpl_fast_probe");
    const { log } = await buildFastPath({ files, workDir: path.join(dataDir, "previews", "work", "dpl_fast_probe"), outDir, modules: ownModules });
    expect(log.join("\n")).toMatch(/Prerendered 1 of 1 page/);
    const html = readFileSync(path.join(outDir, "index.html"), "utf8");
    expect(html).toContain("Probe landing page");
    const found = probeResults(html);
    expect(found).toHaveLength(1);
    for (const [what, result] of Object.entries(found[0]!)) expect(result, what).toMatch(/^blocked/);
    expect(readdirSync(dataDir).filter((name) => name.startsWith("escaped"))).toEqual([]);

    // The same page without the sandbox (allowed outside production):
    // Node's permission model still keeps files and programs out, but not
    // the network.
    setSandboxProbe(() => ({ available: false, detail: "test" }));
    const unconfined = await buildFastPath({ files, workDir: path.join(dataDir, "previews", "work", "dpl_fast_probe2"), outDir: `${outDir}2`, modules: ownModules });
    setSandboxProbe(probeBubblewrap);
    expect(unconfined.log.join("\n")).toMatch(/Prerendered 1 of 1 page/);
    expect(probeResults(readFileSync(path.join(`${outDir}2`, "index.html"), "utf8"))[0]).toMatchObject({ builderApp: "reached", readOutside: expect.stringMatching(/^blocked/) });
  });
});
