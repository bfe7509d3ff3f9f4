// Bundles a TypeScript entry that imports app code (with the @/ alias) into a
// plain ESM file Node runs as a process of its own: the concurrency tests'
// workers and the benchmarks. Packages stay external and load from
// node_modules, as they do in the server. Plain JavaScript so that
// bench/run.mjs, which Node runs as it is, can share it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "../..");

// Next.js has no exports map, so Node's ESM loader needs its subpath
// entries by file name ("next/server.js"), as its own bundler doesn't.
const nextSubpaths = {
  name: "next-subpaths",
  setup(build) {
    build.onResolve({ filter: /^next\/[a-z-]+$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

export async function bundleForNode(entry, outfile) {
  mkdirSync(path.dirname(outfile), { recursive: true });
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
    jsx: "automatic",
    logLevel: "error",
    plugins: [nextSubpaths],
  });
  return outfile;
}
