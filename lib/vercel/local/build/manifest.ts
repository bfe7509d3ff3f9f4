import "server-only";

import { readFileSync } from "node:fs";
import path from "node:path";

// What a build produced and the URL each file answers, written last into
// the build folder. The server only ever serves files named here.
export type BuildManifest = {
  routes: { pattern: string }[]; // URL patterns of the app's pages, in match order
  pages: Record<string, string>; // static URL path → prerendered HTML file
  files: Record<string, string>; // URL path → file (scripts, styles, assets, public/)
  fallback: string; // HTML for URLs the browser routes (dynamic pages, not found)
};

export const MANIFEST_FILE = "manifest.json";

export function readManifest(buildDir: string): BuildManifest | null {
  try {
    return JSON.parse(readFileSync(path.join(buildDir, MANIFEST_FILE), "utf8")) as BuildManifest;
  } catch {
    return null;
  }
}
