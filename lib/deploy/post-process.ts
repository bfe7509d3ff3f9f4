import "server-only";

import { assertSafeFiles, normalizeFilePath } from "@/lib/files/safe-files";
import type { FileMap } from "@/lib/files/types";
import type { ChatFile } from "@/lib/v0/types";
import { invariantFiles } from "./templates/invariant-files";
import { packageJsonFor } from "./templates/package-json";
import { uiComponentFiles } from "./templates/ui-components";

// v0's files as a validated map: normalised paths, nothing hostile (escaping
// the repo, touching .git or .env, oversized), later duplicates winning.
export function extractFiles(files: ChatFile[]): FileMap {
  const map: FileMap = {};
  for (const file of files) map[normalizeFilePath(file.name)] = file.content;
  assertSafeFiles(map);
  return map;
}

// Adds what a Next.js build on Vercel needs and generated code often lacks.
// A file the generator wrote is never replaced.
export function injectInvariants(files: FileMap): FileMap {
  const result: FileMap = { ...files };
  const add = (path: string, content: string) => {
    result[path] ??= content;
  };

  for (const [path, content] of Object.entries(invariantFiles)) add(path, content);
  for (const name of importedUiComponents(files)) {
    const template = uiComponentFiles[name];
    if (template) add(`components/ui/${name}.tsx`, template);
  }
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
export function importedPackages(files: FileMap): string[] {
  const names = new Set<string>();
  for (const specifier of importSpecifiers(files)) {
    if (specifier.startsWith(".") || specifier.startsWith("@/") || specifier.startsWith("/")) continue;
    if (specifier.startsWith("node:")) continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
  }
  return [...names].sort();
}

function importedUiComponents(files: FileMap): string[] {
  return [...importSpecifiers(files)]
    .map((s) => /^@\/components\/ui\/([a-z0-9-]+)$/.exec(s)?.[1])
    .filter((name): name is string => Boolean(name));
}
