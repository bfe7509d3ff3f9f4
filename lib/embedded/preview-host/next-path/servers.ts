import "server-only";

import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { NextManifest } from "../manifest";
import { PERMISSION_FLAG } from "../node-permissions";

// Real-Next builds are served by their own `next start`, one process per
// deployment, started by the first request for it and stopped after it
// has been idle a while. At most `maxRunning` run at once: starting another
// stops the least recently used. Each runs with an empty environment,
// Node's permission model (it reads only its app folder and packages, and
// writes only its .next folder; no child processes, workers or native
// addons) and a heap limit, and listens on loopback; the preview server
// forwards requests to it with their Host header, so the app sees its
// preview address as its origin (server actions check it).
export const nextServerLimits = { maxRunning: 3, idleMs: 5 * 60_000, startTimeoutMs: 60_000 };

type Server = {
  deploymentId: string;
  child: ChildProcess | null; // null until a port is picked
  ready: Promise<number>;
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
  let port: number;
  try {
    port = await server.ready;
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
      host: "127.0.0.1",
      port,
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
  const packages = path.dirname(path.dirname(path.dirname(path.dirname(manifest.nextBin)))); // …/node_modules
  const output: string[] = [];
  const ready = freePort().then((port) => {
    const child = spawn(
      process.execPath,
      [
        PERMISSION_FLAG,
        `--allow-fs-read=${manifest.appDir}/*`,
        `--allow-fs-read=${packages}/*`,
        `--allow-fs-write=${path.join(manifest.appDir, ".next")}/*`,
        "--no-warnings",
        "--max-old-space-size=384",
        manifest.nextBin,
        "start",
        "--port",
        String(port),
        "--hostname",
        "127.0.0.1",
      ],
      { cwd: manifest.appDir, env: { ...manifest.appEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    server.child = child;
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      output.splice(0, Math.max(0, output.length - 40));
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("exit", () => {
      if (servers().get(deploymentId) === server) servers().delete(deploymentId);
    });
    return waitForPort(port, child);
  });
  const server: Server = { deploymentId, child: null, ready, lastUsed: Date.now(), active: 0, output };
  ready.catch(() => stopServer(server));
  return server;
}

function stopServer(server: Server): void {
  if (servers().get(server.deploymentId) === server) servers().delete(server.deploymentId);
  // The child may not be spawned yet (still picking a port): kill it once it is.
  if (server.child) server.child.kill("SIGKILL");
  else void server.ready.then(() => server.child?.kill("SIGKILL")).catch(() => {});
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// Ready once the port accepts connections; failed if the process exits or
// takes too long first.
function waitForPort(port: number, child: ChildProcess): Promise<number> {
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
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(port);
      });
      socket.once("error", () => {
        socket.destroy();
        setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}
