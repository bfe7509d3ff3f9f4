import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { warmUpDevRoutes } from "./dev-warm-up";

it("asks the dev server once for every page and route of a first preview, in the order a newcomer needs them", async () => {
  const seen: { path: string; cookie?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url!, cookie: req.headers.cookie });
    res.writeHead(req.url === "/" ? 307 : 401, { location: "/sign-in" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    warmUpDevRoutes(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await expect.poll(() => seen.length).toBe(11);
    const paths = seen.map((s) => s.path.replace(/[0-9a-f-]{36}/, ":appId"));
    expect(paths.slice(0, 5)).toEqual(["/sign-up", "/api/auth/get-session", "/", "/api/chat", "/apps/:appId"]);
    expect(paths).toEqual(expect.arrayContaining(["/api/apps/:appId/chat", "/api/apps/:appId/deploy/staging", "/api/apps/:appId/preview/sync"]));
    // A placeholder session gets pages past proxy.ts's redirect, so they compile.
    expect(seen.every((s) => s.cookie === "better-auth.session_token=warm-up")).toBe(true);
  } finally {
    server.close();
  }
});
