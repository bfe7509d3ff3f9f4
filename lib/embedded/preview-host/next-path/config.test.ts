import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { withHostConfig } from "./config";

const dir = mkdtempSync(path.join(os.tmpdir(), "host-config-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([name, text]) => [name, Buffer.from(text)]));

// Writes the files and loads next.config.* as Next.js would, calling it for a build.
async function loadConfig(out: Map<string, Buffer>, name: string, tag: string): Promise<Record<string, unknown>> {
  const folder = path.join(dir, tag);
  for (const [file, content] of out) {
    const target = path.join(folder, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const loaded = (await import(pathToFileURL(path.join(folder, name)).href)) as { default: unknown };
  const exported = loaded.default as (phase: string, context: unknown) => Promise<Record<string, unknown>>;
  return exported("phase-production-build", { defaultConfig: {} });
}

describe("the app's next.config in its build workspace", () => {
  it("keeps everything the app configured and turns on the build cache", async () => {
    const app = "export default { images: { unoptimized: true }, experimental: { optimizeCss: false } };\n";
    const out = withHostConfig(files({ "next.config.mjs": app, "app/page.tsx": "page" }), 16);
    expect(out.get(".preview-app.next.config.mjs")!.toString()).toBe(app);
    expect(out.get("app/page.tsx")!.toString()).toBe("page");
    expect(await loadConfig(out, "next.config.mjs", "mjs")).toEqual({
      images: { unoptimized: true },
      experimental: { optimizeCss: false, turbopackFileSystemCacheForBuild: true },
    });
  });

  it("calls a config written as a function, and wraps a CommonJS next.config.js", async () => {
    const app = "module.exports = (phase) => ({ env: { PHASE: phase } });\n";
    const out = withHostConfig(files({ "next.config.js": app, "package.json": "{}" }), 16);
    expect(await loadConfig(out, "next.config.js", "cjs")).toEqual({ env: { PHASE: "phase-production-build" }, experimental: { turbopackFileSystemCacheForBuild: true } });
  });

  it("adds one where the app has none, and leaves apps on Next.js 15 alone", async () => {
    const out = withHostConfig(files({ "app/page.tsx": "page" }), 16);
    expect(await loadConfig(out, "next.config.mjs", "none")).toEqual({ experimental: { turbopackFileSystemCacheForBuild: true } });
    const old = files({ "next.config.mjs": "export default {};\n" });
    expect(withHostConfig(old, 15)).toBe(old);
  });
});
