import "server-only";

import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { escapeHtml } from "./fast-path/document";
import { type FastPathManifest, readManifest } from "./manifest";
import { matchesRoute } from "./fast-path/routes";
import { resolveHost } from "./hosts";
import { forwardToNext, stopNextServers } from "./next-path/servers";
import { buildDir, readAlias, readDeployment } from "./store";

type Running = { port: Promise<number>; servers: http.Server[] };

const globalForServer = globalThis as unknown as { __localPreviewServer?: Running };

// One server per process serves every preview, choosing the build by host
// name (./hosts.ts) and reading it from disk, so it serves builds made by
// any process. Idempotent. When the port is taken, another of our processes
// is taken to be serving the same disk, and its port is the answer.
export function startLocalPreviewServer(): Promise<number> {
  if (!globalForServer.__localPreviewServer) {
    const servers: http.Server[] = [];
    const running: Running = { servers, port: listen(servers) };
    globalForServer.__localPreviewServer = running;
    running.port.catch(() => {
      if (globalForServer.__localPreviewServer === running) globalForServer.__localPreviewServer = undefined;
    });
  }
  return globalForServer.__localPreviewServer.port;
}

export async function stopLocalPreviewServer(): Promise<void> {
  const running = globalForServer.__localPreviewServer;
  globalForServer.__localPreviewServer = undefined;
  stopNextServers();
  if (!running) return;
  await running.port.catch(() => {});
  await Promise.all(running.servers.map((server) => new Promise((resolve) => server.close(resolve))));
}

async function listen(servers: http.Server[]): Promise<number> {
  const port = getEnv().LOCAL_PREVIEW_PORT;
  const first = await listenOn("127.0.0.1", port, servers);
  if (first === null) return port;
  // Browsers may try *.localhost on IPv6 first; same port, when there is IPv6.
  await listenOn("::1", first, servers).catch(() => null);
  return first;
}

function listenOn(host: string, port: number, servers: http.Server[]): Promise<number | null> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error("[local previews] request failed", error);
      if (!res.headersSent) send(res, req, 500, "text/html; charset=utf-8", notice("Preview unavailable", "Something went wrong. Try again."));
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" && port !== 0 && host === "127.0.0.1") resolve(null);
      else reject(error);
    });
    server.listen(port, host, () => {
      // Serving previews must not keep a process (or a test run) alive.
      server.unref();
      servers.push(server);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".mp3": "audio/mpeg",
  ".pdf": "application/pdf",
};

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const target = resolveHost(req.headers.host);
  if (!target) {
    send(res, req, 404, "text/html; charset=utf-8", notice("Nothing here", "There is no preview at this address."));
    return;
  }

  // A deployment host shows that build once it is READY; a project's stable
  // host shows whichever build its alias names (aliases only ever name
  // finished builds).
  let deploymentId: string;
  if ("deploymentId" in target) {
    const deployment = readDeployment(target.deploymentId);
    if (!deployment) {
      send(res, req, 404, "text/html; charset=utf-8", notice("Nothing here", "There is no preview at this address."));
      return;
    }
    if (deployment.state === "QUEUED" || deployment.state === "BUILDING" || deployment.state === "INITIALIZING") {
      res.setHeader("retry-after", "2");
      send(res, req, 503, "text/html; charset=utf-8", notice("Getting your preview ready", "This version is being prepared. This page reloads by itself.", true));
      return;
    }
    if (deployment.state !== "READY") {
      send(res, req, 404, "text/html; charset=utf-8", notice("This version isn't available", "It couldn't be prepared. Newer versions are shown at the app's own address."));
      return;
    }
    deploymentId = deployment.id;
  } else {
    const alias = readAlias(target.projectId, target.kind);
    if (!alias) {
      send(res, req, 404, "text/html; charset=utf-8", notice("Nothing here yet", "This app has no version to show here yet."));
      return;
    }
    deploymentId = alias.deploymentId;
  }

  const dir = buildDir(deploymentId);
  const manifest = readManifest(dir);
  if (!manifest) {
    send(res, req, 404, "text/html; charset=utf-8", notice("Nothing here", "There is no preview at this address."));
    return;
  }
  // Real-Next builds answer everything themselves: pages, route handlers,
  // server actions (POST), public files.
  if (manifest.kind === "next") {
    if (!(await forwardToNext(deploymentId, manifest, req, res))) {
      res.setHeader("retry-after", "5");
      send(res, req, 503, "text/html; charset=utf-8", notice("Preview unavailable", "This preview couldn't be started right now. Try again in a moment."));
    }
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    send(res, req, 405, "text/plain; charset=utf-8", "Method not allowed");
    return;
  }
  const { file, status } = fileFor(manifest, new URL(req.url ?? "/", "http://preview").pathname);
  if (!file) {
    send(res, req, 404, "text/plain; charset=utf-8", "Not found");
    return;
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  // Only names the build wrote into its manifest are ever read.
  const body = await readFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ dir, file));
  send(res, req, status, type, body, type.startsWith("text/html") ? "no-store" : file.startsWith("__preview/") ? "public, max-age=31536000, immutable" : "no-cache");
}

// Files by exact URL path, then prerendered pages, then the page shell for
// anything the browser routes itself (dynamic pages; 404 when no page
// matches, with the app's not-found page).
function fileFor(manifest: FastPathManifest, pathname: string): { file: string | null; status: number } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { file: null, status: 404 };
  }
  if (Object.hasOwn(manifest.files, decoded)) return { file: manifest.files[decoded]!, status: 200 };
  const page = decoded.length > 1 ? decoded.replace(/\/+$/, "") : decoded;
  if (Object.hasOwn(manifest.pages, page)) return { file: manifest.pages[page]!, status: 200 };
  // A missing script or image is a plain 404, not an HTML page.
  if (/\.[a-z0-9]+$/i.test(page)) return { file: null, status: 404 };
  return { file: manifest.fallback, status: matchesRoute(manifest.routes, page) ? 200 : 404 };
}

function send(res: http.ServerResponse, req: http.IncomingMessage, status: number, type: string, body: string | Buffer, cacheControl = "no-store"): void {
  // Previews are meant to be framed by the builder app: no X-Frame-Options
  // and no frame-ancestors here.
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": cacheControl,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

function notice(title: string, text: string, reload = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${
    reload ? '<meta http-equiv="refresh" content="2">' : ""
  }<title>${escapeHtml(title)}</title></head><body style="margin:0;font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;color:#555;background:#fafafa"><div style="text-align:center;padding:1rem"><h1 style="font-size:1.1rem;color:#222">${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></div></body></html>`;
}
