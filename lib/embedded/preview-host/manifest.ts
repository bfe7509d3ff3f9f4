import "server-only";

import { readFileSync } from "node:fs";
import path from "node:path";

// What a build produced, written last into the build folder.
//
// A fast-path build is a static site: the server only ever serves files
// named in its manifest, by URL.
export type FastPathManifest = {
  // Absent in builds made before there were two kinds, "static" in builds
  // made before the fast path had one name; only "next" is told apart.
  kind?: "fast-path" | "static";
  routes: { pattern: string }[]; // URL patterns of the app's pages, in match order
  pages: Record<string, string>; // static URL path → prerendered HTML file
  files: Record<string, string>; // URL path → file (scripts, styles, assets, public/)
  fallback: string; // HTML for URLs the browser routes (dynamic pages, not found)
};

// A real-Next build: the app folder `next build` ran in, served by its own
// `next start` (see ./next-path/servers.ts).
export type NextManifest = {
  kind: "next";
  appDir: string;
  nextBin: string;
  // The app's settings as this build got them; `next start` runs with them.
  appEnv?: Record<string, string>;
  // The dependency set it was built in (absent in builds made before the sandbox).
  setDir?: string;
  nodeModules?: string;
  packages?: string; // the real path of nodeModules
};

export const MANIFEST_FILE = "manifest.json";

export function readManifest(buildDir: string): FastPathManifest | NextManifest | null {
  try {
    return JSON.parse(readFileSync(path.join(buildDir, MANIFEST_FILE), "utf8")) as FastPathManifest | NextManifest;
  } catch {
    return null;
  }
}
