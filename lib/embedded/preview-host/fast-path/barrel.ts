import "server-only";

import { readFileSync } from "node:fs";

// Some packages re-export thousands of modules from one entry file
// (lucide-react: one per icon). esbuild has to read every one of them to
// bundle a page that uses three, which alone takes half a second. Like
// Next.js's optimizePackageImports, the entry is replaced by one that
// re-exports only the names the app imports, straight from their files.
export const SLIMMED_PACKAGES = ["lucide-react"];

type ExportMap = Map<string, { from: string; name: string }>;

const exportMaps = new Map<string, ExportMap>();

// `export { default as Check, default as CheckIcon } from './icons/check.mjs';`
function exportsOf(entryFile: string): ExportMap {
  let map = exportMaps.get(entryFile);
  if (!map) {
    map = new Map();
    const source = readFileSync(entryFile, "utf8");
    for (const statement of source.matchAll(/export\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
      for (const part of statement[1]!.split(",")) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (name) map.set((alias ?? name).trim(), { from: statement[2]!, name: name.trim() });
      }
    }
    exportMaps.set(entryFile, map);
  }
  return map;
}

// Named imports of `pkg` across the app's sources; null when the package is
// also used some other way (default or namespace import, re-export of all),
// which needs the whole entry.
export function importedNames(pkg: string, sources: string[]): string[] | null {
  const names = new Set<string>();
  const quoted = `["']${pkg.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["']`;
  const named = new RegExp(`import\\s*(?:type\\s*)?\\{([^}]*)\\}\\s*from\\s*${quoted}`, "g");
  const any = new RegExp(`(?:from|import|require\\()\\s*${quoted}`, "g");
  for (const source of sources) {
    const namedCount = [...source.matchAll(named)].length;
    if ([...source.matchAll(any)].length !== namedCount) return null;
    for (const match of source.matchAll(named)) {
      // Types are erased by the compiler: `import type { … }`, `{ type X }`.
      if (/^import\s*type\b/.test(match[0])) continue;
      for (const part of match[1]!.split(",")) {
        const name = part.trim().split(/\s+as\s+/)[0]!.trim();
        if (name && !name.startsWith("type ")) names.add(name);
      }
    }
  }
  return [...names];
}

// The slim entry, or null when some name isn't a plain re-export (esbuild
// then bundles the real entry and reports any name that doesn't exist).
export function slimEntry(entryFile: string, names: string[]): string | null {
  const map = exportsOf(entryFile);
  const lines: string[] = [];
  for (const name of names) {
    const target = map.get(name);
    if (!target) return null;
    lines.push(`export { ${target.name} as ${name} } from ${JSON.stringify(target.from)};`);
  }
  return lines.join("\n");
}
