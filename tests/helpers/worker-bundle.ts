// Bundles a TypeScript entry that imports app code (with the @/ alias) into a
// plain ESM file Node can run as a separate process. Packages stay external
// and load from node_modules, as they do in the server.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "../..");

export async function bundleWorker(entry: string): Promise<string> {
  const outDir = path.join(root, "node_modules/.cache/csd-workers");
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${path.basename(entry, ".ts")}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "server-only": path.join(root, "tests/setup/server-only.ts") },
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "error",
  });
  return outfile;
}
