import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../toolchain";
import { buildErrors } from "./build";

describe("next build's errors in the build log", () => {
  it("names each file and position as the app's author knows them", () => {
    const output = `▲ Next.js 16.2.9 (Turbopack)

> Build error occurred
Error: Turbopack build failed with 2 errors:
./workspaces/prj_abc/app/api/hello/route.ts:3:1
Expected ',', got '}'
  1 | export async function GET() {
> 3 | }
    | ^

Parsing ecmascript source code failed


./workspaces/prj_abc/app/page.tsx:1:1
Module not found: Can't resolve 'left-pad'
> 1 | import pad from "left-pad";

    at <unknown> (./workspaces/prj_abc/app/page.tsx:1:1)`;
    expect(buildErrors(output.split("\n"), "workspaces/prj_abc")).toEqual([
      "app/api/hello/route.ts:3:1: Expected ',', got '}'",
      "app/page.tsx:1:1: Module not found: Can't resolve 'left-pad'",
    ]);
  });

  it("keeps Next.js's own account when no file is named, without stack frames or build paths", () => {
    const output = `Error occurred prerendering page "/". Read more: https://nextjs.org/docs/messages/prerender-error
Error: boom
    at Page (/data/previews/deps/sets/k/workspaces/prj_abc/.next/server/chunks/ssr/app_page.js:1:1)
Export encountered an error on /page: /, exiting the build.`;
    expect(buildErrors(output.split("\n"), "workspaces/prj_abc")).toEqual([
      'Error occurred prerendering page "/". Read more: https://nextjs.org/docs/messages/prerender-error',
      "Error: boom",
      "Export encountered an error on /page: /, exiting the build.",
    ]);
  });

  it("keeps the cause Next.js printed before \"Build error occurred\", which names only the page", () => {
    const output = `   Collecting page data ...
Error: Failed to collect page data for /admin/stripe-links
    at ignore-listed frames {
  [cause]: Error: Neither apiKey nor config.authenticator provided
      at r._setAuthenticator (/data/previews/deps/sets/k/apps/dpl_abc/.next/server/chunks/611.js:1:2345)
}

> Build error occurred
[Error: Failed to collect page data for /admin/stripe-links] { type: 'Error' }`;
    expect(buildErrors(output.split("\n"), "dpl_abc")).toEqual([
      "Error: Failed to collect page data for /admin/stripe-links",
      "[cause]: Error: Neither apiKey nor config.authenticator provided",
      "> Build error occurred",
      "[Error: Failed to collect page data for /admin/stripe-links] { type: 'Error' }",
    ]);
  });

  it("keeps what a build that ended without Next.js's account printed last, not its banner and warnings", () => {
    const banner = ["▲ Next.js 16.2.12 (Turbopack)", "⚠ Warning: Next.js inferred your workspace root, but it may not be correct."];
    const warnings = Array.from({ length: 12 }, (_, i) => `⚠ warning ${i + 1}`);
    const output = [...banner, ...warnings, "Creating an optimized production build ...", "thread 'tokio-runtime-worker' panicked at turbopack/crates/turbo-tasks/src/lib.rs:1:1:", "attempt to fetch failed"];
    const kept = buildErrors(output, "workspaces/prj_abc");
    expect(kept).toHaveLength(12);
    expect(kept.slice(-2)).toEqual(["thread 'tokio-runtime-worker' panicked at turbopack/crates/turbo-tasks/src/lib.rs:1:1:", "attempt to fetch failed"]);
    expect(kept).not.toContain(banner[0]);
  });
});

// In front of next build in the sandbox (whose loopback is its own): the
// font files Turbopack fetches, and nothing else, for as long as the build
// runs; the build's exit code is its own.
describe("the font server beside next build", () => {
  it("serves the listed files on 127.0.0.1 while its command runs, and exits as the command does", async () => {
    const dir = path.join(process.env.DATA_DIR!, "font-server");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "inter-latin-wght-normal.woff2");
    writeFileSync(file, "wOF2 inter");
    const port = await freePort();
    const fetches = `const base = "http://127.0.0.1:${port}";
const answers = await Promise.all(["/@fontsource-variable/inter@5.2.8/inter-latin-wght-normal.woff2", "/etc/passwd", "/@fontsource-variable/inter@5.2.8/other.woff2"].map(async (p) => { const r = await fetch(base + p); return [r.status, r.headers.get("content-type"), await r.text()]; }));
console.log(JSON.stringify(answers));
process.exit(3);`;
    const routes = JSON.stringify({ "/@fontsource-variable/inter@5.2.8/inter-latin-wght-normal.woff2": file });
    const child = spawn(process.execPath, [path.join(projectRoot, "lib/embedded/preview-host/next-path/font-server.cjs"), String(port), routes, "--input-type=module", "-e", fetches], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(JSON.parse(output)).toEqual([
      [200, "font/woff2", "wOF2 inter"],
      [404, null, ""],
      [404, null, ""],
    ]);
    expect(code).toBe(3);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
