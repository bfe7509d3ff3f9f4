import { describe, expect, it } from "vitest";
import { buildErrorCause, buildErrorExcerpt, MAX_EXCERPT_BYTES, scrubBuildText } from "./build-error";
import { MISSING_KEY_LOG } from "@/tests/fakes/vercel-server";

// A failed Vercel build of a Next.js app, as its events read.
const vercelLog = [
  "Running build in Washington, D.C., USA (East) – iad1",
  "Cloning github.com/acme/bakery (Branch: staging, Commit: 0123456)",
  "Cloning completed: 412.000ms",
  'Running "vercel build"',
  "Vercel CLI 44.2.0",
  "Installing dependencies...",
  "added 312 packages in 9s",
  "Detected Next.js version: 16.0.0",
  'Running "npm run build"',
  "> bakery@0.1.0 build",
  "> next build",
  "   ▲ Next.js 16.0.0",
  "   Creating an optimized production build ...",
  "Failed to compile.",
  "",
  "./app/page.tsx:12:7",
  "Type error: Cannot find name 'Hero'.",
  "",
  "  10 | export default function Page() {",
  "  11 |   return (",
  "> 12 |     <Hero title=\"Fresh bread\" />",
  "     |      ^",
  "  13 |   );",
  "  14 | }",
  "Next.js build worker exited with code: 1 and signal: null",
  'Error: Command "npm run build" exited with 1',
];

describe("buildErrorExcerpt", () => {
  it("keeps the line that names the file and position, with a few lines around it", () => {
    const excerpt = buildErrorExcerpt(vercelLog);
    const lines = excerpt.split("\n");
    expect(lines).toContain("./app/page.tsx:12:7");
    expect(lines).toContain("Type error: Cannot find name 'Hero'.");
    expect(lines).toContain('> 12 |     <Hero title="Fresh bread" />');
    // A few lines of lead-in, not the whole install.
    expect(lines[0]).toBe("   ▲ Next.js 16.0.0");
    expect(excerpt).not.toMatch(/added 312 packages/);
  });

  it("finds a bundler's error by its position in brackets or after the file", () => {
    const excerpt = buildErrorExcerpt([
      "Cloning acme/bakery (branch staging, commit 0123456)",
      'app/page.tsx:3:7: Could not resolve "left-pad"',
      "Error: the build failed",
    ]);
    expect(excerpt).toContain('app/page.tsx:3:7: Could not resolve "left-pad"');
  });

  it("falls back to the first line that says error, then to the last lines", () => {
    expect(buildErrorExcerpt(["ok", "SyntaxError: Unexpected token '<'", 'Error: Command "npm run build" exited with 1'])).toMatch(/^ok\nSyntaxError/);
    const tail = buildErrorExcerpt(Array.from({ length: 40 }, (_, i) => `line ${i}`));
    expect(tail.split("\n")).toHaveLength(14);
    expect(tail.endsWith("line 39")).toBe(true);
  });

  it("is capped at 4 KB, in whole lines, and a single huge line is cut", () => {
    const long = Array.from({ length: 10 }, (_, i) => `./app/page.tsx:${i + 1}:1 ${"x".repeat(900)}`);
    const excerpt = buildErrorExcerpt(long);
    expect(new TextEncoder().encode(excerpt).length).toBeLessThanOrEqual(MAX_EXCERPT_BYTES);
    expect(excerpt.split("\n").every((line) => line.endsWith("x".repeat(900)))).toBe(true);

    const one = buildErrorExcerpt([`./app/page.tsx:1:1 ${"é".repeat(5000)}`]);
    expect(new TextEncoder().encode(one).length).toBeLessThanOrEqual(MAX_EXCERPT_BYTES);
    expect(one.startsWith("./app/page.tsx:1:1")).toBe(true);
  });

  it("strips terminal colours", () => {
    expect(buildErrorExcerpt(["\u001b[31m./app/page.tsx:1:1\u001b[39m", "Type error"])).toBe("./app/page.tsx:1:1\nType error");
  });
});

describe("scrubBuildText", () => {
  it("turns absolute paths into the app's own paths", () => {
    expect(scrubBuildText("   ,-[/vercel/path0/app/page.tsx:3:1]")).toBe("   ,-[app/page.tsx:3:1]");
    expect(scrubBuildText("at /home/alice/.data/previews/work/dpl_abc123/components/hero.tsx:4:2")).toBe("at components/hero.tsx:4:2");
    expect(scrubBuildText("in /vercel/path0/node_modules/next/dist/build/index.js")).toBe("in node_modules/next/dist/build/index.js");
    expect(scrubBuildText("see /Users/alice/secret-project/src/app.ts")).toBe("see …/src/app.ts");
    expect(scrubBuildText("file:///home/alice/work/dpl_9f8e7d/app/layout.tsx")).toBe("app/layout.tsx");
    expect(scrubBuildText("C:\\Users\\alice\\app\\page.tsx")).toBe("…/page.tsx");
  });

  it("leaves relative paths, imports, JSX and URLs alone", () => {
    for (const line of ["./app/page.tsx:12:7", 'import { Button } from "@/components/ui/button";', "<div>a / b</div>", "// note", "https://nextjs.org/docs/messages/module-not-found"]) {
      expect(scrubBuildText(line)).toBe(line);
    }
  });

  it("removes tokens, credentials in URLs and environment values", () => {
    const scrubbed = scrubBuildText(
      [
        "Authorization: Bearer vc_abcdefghijklmnop",
        "git clone https://x-access-token:ghs_abcdefghijklmnopqrstuvwx@github.com/acme/bakery",
        "token ghp_0123456789abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL=postgres://app:hunter22@db.internal:5432/app",
        'VERCEL_TOKEN: "tok-1234567890"',
        "GET /api?token=s3cr3t&x=1",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
      ].join("\n"),
    );
    for (const secret of ["vc_abcdefghijklmnop", "ghs_abcdefghijklmnopqrstuvwx", "ghp_0123456789", "hunter22", "tok-1234567890", "s3cr3t", "eyJhbGci"]) {
      expect(scrubbed).not.toContain(secret);
    }
    expect(scrubbed).toContain("DATABASE_URL=[redacted]");
    expect(scrubbed).toContain("github.com/acme/bakery");
  });

  it("replaces the environment's own secret values wherever they appear", () => {
    expect(scrubBuildText("failed to reach api with key my-very-secret-value here", ["my-very-secret-value", "short"])).toBe(
      "failed to reach api with key [redacted] here",
    );
  });

  it("removes provider ids, deployment hosts and commit ids", () => {
    const scrubbed = scrubBuildText(
      "deployment dpl_7Hq2kLmNoPqR in prj_abcdef123456 for team_xyz987654 at bakery-a1b2c3-acme.vercel.app commit 0123456789abcdef0123456789abcdef01234567",
    );
    expect(scrubbed).toBe("deployment [id] in [id] for [id] at [host] commit [commit]");
  });
});

describe("buildErrorCause", () => {
  it("finds the [cause] chain next build printed before it named the page", () => {
    expect(buildErrorCause(MISSING_KEY_LOG)).toEqual([
      "Error: Failed to collect page data for /admin/stripe-links",
      "[cause]: Error: Neither apiKey nor config.authenticator provided",
    ]);
  });

  it("finds nothing in a build that printed no error before its end", () => {
    expect(buildErrorCause(["> next build", "> Build error occurred", "[Error: x]"])).toEqual([]);
  });
});
