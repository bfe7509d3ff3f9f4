import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it, vi } from "vitest";
import { WARM_PATHS, warmUpDevRoutes } from "./dev-warm-up";

afterEach(() => vi.unstubAllGlobals());

it("asks the dev server once for every page and route of a first preview, those needed after the first prompt before those the newcomer's browser compiles on the way", async () => {
  const seen: { path: string; cookie?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url!, cookie: req.headers.cookie });
    res.writeHead(req.url === "/" ? 307 : 401, { location: "/sign-in" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await warmUpDevRoutes(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    expect(seen).toHaveLength(WARM_PATHS.length);
    const paths = seen.map((s) => s.path.replace(/[0-9a-f-]{36}/, ":appId"));
    expect(paths.slice(0, 4)).toEqual(["/sign-up", "/api/chat", "/apps/:appId", "/api/apps/:appId/preview/sync"]);
    expect(paths).toEqual(expect.arrayContaining(["/api/apps/:appId/chat", "/api/apps/:appId/deploy/staging", "/api/apps/:appId/preview/sync", "/api/apps/:appId/settings"]));
    // A placeholder session gets pages past proxy.ts's redirect, so they compile.
    expect(seen.every((s) => s.cookie === "better-auth.session_token=warm-up")).toBe(true);
  } finally {
    server.close();
  }
});

// Inside Next.js's server, fetch answers with one branch of a teed body (the
// other is kept for its cache). A warm-up that cancelled the body waited
// forever on the first such answer and warmed nothing after it.
it("asks for every route when fetch answers with a teed body, as inside Next.js's server", async () => {
  const asked: string[] = [];
  vi.stubGlobal("fetch", async (url: URL) => {
    asked.push(url.pathname);
    const [forCaller] = new Response(`answer for ${url.pathname}`).body!.tee();
    return new Response(forCaller, { status: 401 });
  });
  await warmUpDevRoutes("http://localhost:3000");
  expect(asked).toEqual(WARM_PATHS.map((p) => new URL(p, "http://localhost:3000").pathname));
}, 5_000);

it("stops at the first unreachable route, saying so", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.stubGlobal("fetch", async () => {
    throw new Error("connect ECONNREFUSED");
  });
  await warmUpDevRoutes("http://localhost:3000");
  expect(warn).toHaveBeenCalledWith("[dev] warming /sign-up failed: connect ECONNREFUSED");
});
