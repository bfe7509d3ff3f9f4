import "server-only";

import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getEnv } from "@/lib/env";
import { previewsDir, readAliases, readDeployment } from "./store";

const CONTENT_TYPES: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

const globalForServer = globalThis as unknown as { __localPreviewServer?: Promise<number> };

// One server per process serves every preview from disk, choosing the build
// by host name: <deployment>.localhost, <project>-preview.localhost (the
// latest working preview) and <project>.localhost (what is live). Each is an
// origin of its own, apart from the builder app, so generated code never
// sees the builder's cookies.
export function startLocalPreviewServer(): Promise<number> {
  globalForServer.__localPreviewServer ??= listen().catch((error) => {
    globalForServer.__localPreviewServer = undefined;
    throw error;
  });
  return globalForServer.__localPreviewServer;
}

function listen(): Promise<number> {
  const { LOCAL_PREVIEW_PORT: port } = getEnv();
  const server = http.createServer((req, res) => {
    serve(req, res).catch(() => {
      res.writeHead(500, { "content-type": "text/plain" }).end("Preview unavailable");
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      // Another of our processes already serves the same disk.
      if (error.code === "EADDRINUSE" && port !== 0) resolve(port);
      else reject(error);
    });
    server.listen(port, "127.0.0.1", () => {
      server.unref();
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const common = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { ...common, allow: "GET, HEAD" }).end();
    return;
  }
  const deploymentId = resolveHost(req.headers.host ?? "");
  const deployment = deploymentId ? readDeployment(deploymentId) : null;
  if (!deployment) {
    res.writeHead(404, { ...common, "content-type": "text/html; charset=utf-8" }).end(page("Nothing here", "There is no preview at this address."));
    return;
  }
  if (deployment.state !== "READY") {
    const failed = deployment.state === "ERROR" || deployment.state === "CANCELED";
    res
      .writeHead(failed ? 404 : 503, { ...common, "content-type": "text/html; charset=utf-8", "retry-after": "1" })
      .end(page(failed ? "This version didn't build" : "Getting ready", failed ? "Try another version." : "This preview is being prepared."));
    return;
  }
  const pathname = new URL(req.url ?? "/", "http://preview").pathname;
  const file = pathname === "/" || !pathname.includes(".") ? "index.html" : pathname.slice(1);
  const type = CONTENT_TYPES[file];
  if (!type) {
    res.writeHead(404, common).end();
    return;
  }
  const body = await readFile(previewsDir("builds", deployment.id, file));
  // Alias hosts change build without changing name: never cache.
  res.writeHead(200, { ...common, "content-type": type, "cache-control": "no-cache" });
  res.end(req.method === "HEAD" ? undefined : body);
}

function resolveHost(host: string): string | null {
  const { LOCAL_PREVIEW_HOSTNAME } = getEnv();
  const name = host.replace(/:\d+$/, "").toLowerCase();
  const suffix = `.${LOCAL_PREVIEW_HOSTNAME}`;
  if (!name.endsWith(suffix)) return null;
  const label = name.slice(0, -suffix.length);
  if (label.startsWith("dpl-")) return label;
  return readAliases()[label] ?? null;
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:system-ui;display:grid;place-items:center;min-height:90vh;color:#555"><div><h1 style="font-size:1.1rem">${title}</h1><p>${text}</p></div></body></html>`;
}
