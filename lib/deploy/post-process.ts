import "server-only";

import { assertSafeFiles, normalizeFilePath, selectUsableFiles } from "@/lib/files/safe-files";
import type { FileMap, LeftOutFile } from "@/lib/files/types";
import { detectSettings } from "@/lib/settings/detect";
import type { VersionFile } from "@/lib/v0/types";
import { invariantFiles } from "./templates/invariant-files";
import { packageJsonFor } from "./templates/package-json";

// v0's files as a validated map: normalised paths, later duplicates winning.
// A hostile name refuses the whole version; a file that can't be carried is
// left out on its own (see selectUsableFiles).
export function extractFiles(files: VersionFile[]): { files: FileMap; leftOut: LeftOutFile[] } {
  const map: FileMap = {};
  for (const file of files) map[normalizeFilePath(file.name)] = file.content;
  return selectUsableFiles(map);
}

// The settings a version reads, from all of its files as v0 gave them (a
// real env file is left out of the commit, but its names count).
export function detectVersionSettings(files: VersionFile[]): string[] {
  const map: FileMap = {};
  for (const file of files) map[normalizeFilePath(file.name)] = file.content;
  return detectSettings(map);
}

// Files that play one role under several names: an app that has any of them
// has that role filled, and a second one would compete with it (Next.js reads
// next.config.mjs before next.config.ts, so an injected default would win).
const ROLES: Record<string, RegExp> = {
  "next.config.mjs": /^next\.config\.(?:js|mjs|cjs|ts|mts)$/,
  "postcss.config.mjs": /^postcss\.config\.(?:js|mjs|cjs|ts|json)$|^\.postcssrc(?:\.json)?$/,
  "app/layout.tsx": /^(?:src\/)?app\/layout\.(?:tsx|jsx|js|ts)$/,
  "app/globals.css": /^(?:src\/)?app\/globals\.css$/,
  "README.md": /^readme(?:\.md)?$/i,
};

// Adds what a Next.js build needs and generated code sometimes lacks. The app
// is the one v0 made: its own package.json, lockfile, configs and default
// files are kept as they are; these only fill what is missing.
export function injectInvariants(files: FileMap): FileMap {
  const result: FileMap = { ...files };
  const paths = Object.keys(files);
  // An app kept under src/ has its pages there; a root app/ folder would hide them.
  const usesSrcDir = paths.some((p) => p.startsWith("src/app/"));
  const add = (path: string, content: string) => {
    const role = ROLES[path];
    if (role && paths.some((p) => role.test(p))) return;
    if (usesSrcDir && path.startsWith("app/")) return;
    result[path] ??= content;
  };

  // No UI components are added: v0's complete versions carry their own
  // components/ui files, and the local generator writes the ones it uses.
  for (const [path, content] of Object.entries(invariantFiles)) add(path, content);
  add("package.json", packageJsonFor(importedPackages(result)));
  assertSafeFiles(result);
  return result;
}

const IMPORT_PATTERN = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

function importSpecifiers(files: FileMap): Set<string> {
  const specifiers = new Set<string>();
  for (const [path, content] of Object.entries(files)) {
    if (!SOURCE_FILE.test(path) || typeof content !== "string") continue;
    for (const match of content.matchAll(IMPORT_PATTERN)) specifiers.add((match[1] ?? match[2] ?? match[3])!);
  }
  return specifiers;
}

// Bare package names ("react", "@radix-ui/react-slot"), not paths or aliases.
function importedPackages(files: FileMap): string[] {
  const names = new Set<string>();
  for (const specifier of importSpecifiers(files)) {
    if (specifier.startsWith(".") || specifier.startsWith("@/") || specifier.startsWith("/")) continue;
    if (specifier.startsWith("node:")) continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
  }
  return [...names].sort();
}
