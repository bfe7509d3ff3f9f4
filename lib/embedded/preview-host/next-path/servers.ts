import "server-only";

import type { ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { realpathSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import type { NextManifest } from "../manifest";
import { permissionFlags } from "../node-permissions";
import { killGroup } from "../sandbox/processes";
import { prepareWritable, spawnSandboxed } from "../sandbox/spawn";
import { previewsDir } from "../store";
import { projectRoot } from "../toolchain";
import { dependencyMounts } from "./mounts";

const SERVE_ON_SOCKET = path.join(projectRoot, "lib", "embedded", "preview-host", "next-path", "serve-on-socket.cjs");

// Real-Next builds are served by their own `next start`, one process per
// deployment, started by the first request for it and stopped after it
// has been idle a while. At most `maxRunning` run at once: starting another
// stops the least recently used. Each runs in the sandbox (../sandbox: no
// network, its app and packages read-only) with an environment of its own,
// and inside it under Node's permission model too (it reads only its app
// folder and packages, and writes only its .next folder and its socket's; no
// child processes, workers or native addons) and a heap limit. It answers on
// a Unix socket (./serve-on-socket.cjs); the preview server forwards
// requests to it with their Host header, so the app sees its preview
// address as its origin (server actions check it).
export const nextServerLimits = { maxRunning: 3, idleMs: 5 * 60_000, startTimeoutMs: 60_000 };

type Server = {
  deploymentId: string;
  child: ChildProcess | null; // null until a port is picked
  ready: Promise<string>; // the Unix socket it answers on
  lastUsed: number;
  active: number;
  output: string[]; // the last lines it printed, for admins
};

const globalForServers = globalThis as unknown as { __localPreviewNextServers?: Map<string, Server>; __localPreviewNextSweep?: NodeJS.Timeout };

function servers(): Map<string, Server> {
  globalForServers.__localPreviewNextServers ??= new Map();
  if (!globalForServers.__localPreviewNextSweep) {
    globalForServers.__localPreviewNextSweep = setInterval(stopIdleNextServers, 15_000);
    globalForServers.__localPreviewNextSweep.unref();
  }
  return globalForServers.__localPreviewNextServers;
}

export function runningNextServers(): string[] {
  return [...servers().keys()];
}

// Forwards a request to the deployment's Next.js server, starting it first
// when needed. Answers false when the server couldn't start (the caller
// says the preview is unavailable).
export async function forwardToNext(deploymentId: string, manifest: NextManifest, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const server = ensureServer(deploymentId, manifest);
  let socketPath: string;
  try {
    socketPath = await server.ready;
  } catch (error) {
    console.error(`[local previews] next start for ${deploymentId} failed: ${(error as Error).message}\n${server.output.join("\n")}`);
    return false;
  }
  server.active++;
  server.lastUsed = Date.now();
  res.on("close", () => {
    server.active--;
    server.lastUsed = Date.now();
  });
  const upstream = http.request(
    {
      socketPath,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, "x-forwarded-host": req.headers.host, "x-forwarded-proto": "http", "x-forwarded-for": req.socket.remoteAddress ?? "" },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end("The preview didn't answer. Try again.");
    else res.destroy();
  });
  req.pipe(upstream);
  return true;
}

function ensureServer(deploymentId: string, manifest: NextManifest): Server {
  const all = servers();
  const existing = all.get(deploymentId);
  if (existing) {
    existing.lastUsed = Date.now();
    return existing;
  }
  while (all.size >= nextServerLimits.maxRunning) {
    const oldest = [...all.values()].sort((a, b) => Number(a.active > 0) - Number(b.active > 0) || a.lastUsed - b.lastUsed)[0]!;
    stopServer(oldest);
  }
  const server = startServer(deploymentId, manifest);
  all.set(deploymentId, server);
  return server;
}

function startServer(deploymentId: string, manifest: NextManifest): Server {
  const output: string[] = [];
  const socketDir = previewsDir("sockets", deploymentId);
  const socket = path.join(socketDir, "next.sock");
  const server: Server = { deploymentId, child: null, ready: Promise.resolve(socket), lastUsed: Date.now(), active: 0, output };
  server.ready = (async () => {
    await rm(socketDir, { recursive: true, force: true });
    await mkdir(socketDir, { recursive: true });
    await prepareWritable(socketDir);
    const nodeModules = manifest.nodeModules ?? path.dirname(path.dirname(path.dirname(path.dirname(manifest.nextBin))));
    const packages = manifest.packages ?? realpathSync(nodeModules);
    const child = spawnSandboxed(
      process.execPath,
      [
        ...permissionFlags({
          read: [`${manifest.appDir}/*`, `${nodeModules}/*`, `${packages}/*`, SERVE_ON_SOCKET],
          write: [`${path.join(manifest.appDir, ".next")}/*`, `${socketDir}/*`],
        }),
        "--no-warnings",
        "--max-old-space-size=384",
        SERVE_ON_SOCKET,
        manifest.appDir,
        socket,
      ],
      {
        cwd: manifest.appDir,
        readOnly: [manifest.appDir, SERVE_ON_SOCKET, ...(manifest.setDir ? dependencyMounts(manifest.setDir, { nodeModules, realRoot: packages }) : [packages])],
        writable: [path.join(manifest.appDir, ".next"), socketDir],
        listable: manifest.setDir ? [manifest.setDir, path.dirname(manifest.appDir)] : [],
        env: serverEnv(manifest),
        label: `next start ${deploymentId}`,
      },
    );
    server.child = child;
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      output.splice(0, Math.max(0, output.length - 40));
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    child.on("exit", () => {
      if (servers().get(deploymentId) === server) servers().delete(deploymentId);
    });
    return waitForSocket(socket, child);
  })();
  server.ready.catch(() => stopServer(server));
  return server;
}

// Next.js looks for the project's root (workspace markers, lockfiles) in
// every folder above the app when it loads the config, which Node's
// permission model refuses; the root is known: the dependency set.
// The app's own settings, and what next start needs: nothing of this server's.
function serverEnv(manifest: NextManifest): Record<string, string> {
  const env: Record<string, string> = { ...manifest.appEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HOME: "/tmp" };
  if (manifest.setDir) env.NEXT_PRIVATE_OUTPUT_TRACE_ROOT = manifest.setDir;
  return env;
}

function stopServer(server: Server): void {
  if (servers().get(server.deploymentId) === server) servers().delete(server.deploymentId);
  // The child may not be spawned yet (still picking a port): kill it once it is.
  const kill = () => server.child?.pid !== undefined && killGroup(server.child.pid);
  if (server.child) kill();
  else void server.ready.then(kill, kill);
}

export function stopIdleNextServers(): void {
  const now = Date.now();
  for (const server of servers().values()) {
    if (server.active === 0 && now - server.lastUsed > nextServerLimits.idleMs) stopServer(server);
  }
}

export function stopNextServers(): void {
  for (const server of [...servers().values()]) stopServer(server);
}

// Ready once the socket accepts connections; failed if the process exits or
// takes too long first.
function waitForSocket(socket: string, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + nextServerLimits.startTimeoutMs;
  return new Promise((resolve, reject) => {
    let exited = false;
    child.once("exit", (code, signal) => {
      exited = true;
      reject(new Error(`next start exited (${signal ?? code}) before it was ready`));
    });
    const attempt = () => {
      if (exited) return;
      if (Date.now() > deadline) {
        reject(new Error(`next start wasn't ready after ${nextServerLimits.startTimeoutMs / 1000} s`));
        return;
      }
      const connection = net.connect(socket);
      connection.once("connect", () => {
        connection.destroy();
        resolve(socket);
      });
      connection.once("error", () => {
        connection.destroy();
        setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}
