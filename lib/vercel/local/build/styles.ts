import "server-only";

import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { compile } from "@tailwindcss/node";
import { Scanner } from "@tailwindcss/oxide";
import { BuildFailure } from "./failure";
import { isInside, nodeModules, projectRoot } from "./toolchain";

const DEFAULT_STYLESHEET = '@import "tailwindcss";\n';
const TAILWIND_IMPORT = /@import\s+["']tailwindcss["']|@tailwind\s+(base|utilities)/;
const SCANNED = /\.(tsx|jsx|ts|js|mjs|mdx|md|html)$/;

// The stylesheet Tailwind builds: app/globals.css as v0 writes it, else the
// first stylesheet that imports Tailwind; with neither, plain Tailwind.
export function tailwindEntry(files: Map<string, string>): string | null {
  if (files.has("app/globals.css")) return "app/globals.css";
  for (const [name, content] of files) if (name.endsWith(".css") && TAILWIND_IMPORT.test(content)) return name;
  return null;
}

// Tailwind v4 as its CLI runs it: compile the stylesheet, collect class
// candidates from the app's source files with the oxide scanner, and build
// exactly the utilities used.
export async function compileStyles(
  workDir: string,
  entry: string | null,
  files: Map<string, string>,
): Promise<{ css: string; classes: number; warnings: string[] }> {
  const name = entry ?? "app/globals.css";
  const css = entry ? files.get(entry)! : DEFAULT_STYLESHEET;
  const warnings: string[] = [];
  let compiler: Awaited<ReturnType<typeof compile>>;
  try {
    compiler = await compile(css, {
      base: path.join(workDir, path.dirname(name)),
      onDependency: () => {},
      customCssResolver: async (id, from) => resolveStylesheet(workDir, id, from, (warning) => warnings.push(`${name}: ${warning}`)),
      customJsResolver: async (id) => resolvePlugin(id),
    });
  } catch (error) {
    throw new BuildFailure([`${name}: ${(error as Error).message}`]);
  }
  const content = [...files].filter(([file]) => SCANNED.test(file)).map(([file, text]) => ({ content: text, extension: path.extname(file).slice(1) }));
  const candidates = new Scanner({}).scanFiles(content);
  try {
    return { css: compiler.build(candidates), classes: candidates.length, warnings };
  } catch (error) {
    throw new BuildFailure([`${name}: ${(error as Error).message}`]);
  }
}

// @import of a stylesheet next to the importing one (inside the app, or
// inside the package that imports it), or of an installed package's
// ("tailwindcss", …). A package that isn't installed here is left out with
// a warning rather than failing the build: v0's globals.css imports
// animation helpers (tw-animate-css) whose absence only costs some polish.
async function resolveStylesheet(workDir: string, id: string, from: string, warn: (text: string) => void): Promise<string> {
  if (id.startsWith(".") || id.startsWith("/")) {
    const root = isInside(nodeModules, from) ? nodeModules : workDir;
    const file = path.resolve(from, id);
    for (const candidate of [file, `${file}.css`]) {
      if (isInside(root, candidate) && existsSync(candidate)) return candidate;
    }
    throw new Error(`Could not resolve "${id}"`);
  }
  const file = packageStylesheet(id);
  if (file) return file;
  warn(`"${id}" is not installed for previews; its styles are left out`);
  const empty = path.join(workDir, ".preview-empty.css");
  await writeFile(empty, "");
  return empty;
}

function packageStylesheet(id: string): string | null {
  const parts = id.split("/");
  const name = id.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  const subpath = parts.slice(name.split("/").length).join("/");
  if (!/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(name) || subpath.split("/").includes("..")) return null;
  const dir = path.join(nodeModules, name);
  let manifest: { exports?: Record<string, unknown>; style?: string };
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as typeof manifest;
  } catch {
    return null;
  }
  const exported = manifest.exports?.[subpath ? `./${subpath}` : "."];
  const target =
    typeof exported === "string"
      ? exported
      : (exported as { style?: string; default?: string } | undefined)?.style ??
        (exported as { default?: string } | undefined)?.default ??
        (subpath || manifest.style || "index.css");
  const file = path.resolve(dir, target);
  return target.endsWith(".css") && isInside(dir, file) && existsSync(file) ? file : null;
}

// Tailwind loads @plugin and @config modules by running them, in this
// process: only installed Tailwind plugins, never the app's own files.
function resolvePlugin(id: string): string {
  if (/^(@tailwindcss\/[a-z0-9-]+|tailwindcss-[a-z0-9-]+)$/.test(id)) {
    const file = path.join(nodeModules, id);
    if (existsSync(file)) return createRequire(path.join(projectRoot, "package.json")).resolve(id);
  }
  throw new Error(`"${id}" can't be loaded in previews (only installed Tailwind plugins can)`);
}
