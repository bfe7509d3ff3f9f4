import "server-only";

import { existsSync, readFileSync, realpathSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { compile } from "@tailwindcss/node";
import { Scanner } from "@tailwindcss/oxide";
import { BuildFailure } from "../build-failure";
import { isInside, type Modules, ownModules, projectRoot } from "../toolchain";

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
  modules: Modules,
): Promise<{ css: string; classes: number; warnings: string[] }> {
  const name = entry ?? "app/globals.css";
  const css = entry ? files.get(entry)! : DEFAULT_STYLESHEET;
  const warnings: string[] = [];
  let compiler: Awaited<ReturnType<typeof compile>>;
  try {
    compiler = await compile(css, {
      base: path.join(workDir, path.dirname(name)),
      onDependency: () => {},
      customCssResolver: async (id, from) => resolveStylesheet(workDir, modules, id, from, (warning) => warnings.push(`${name}: ${warning}`)),
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
// inside the package that imports it), or of a package the app installed
// ("tw-animate-css", …); "tailwindcss" is this host's own when the app
// doesn't declare it. A package that isn't installed is left out with a
// warning rather than failing the build: its absence only costs some polish.
async function resolveStylesheet(workDir: string, modules: Modules, id: string, from: string, warn: (text: string) => void): Promise<string> {
  if (id.startsWith(".") || id.startsWith("/")) {
    const file = path.resolve(from, id);
    const root = [modules.realRoot, ownModules.realRoot].find((dir) => isInside(dir, file)) ?? workDir;
    for (const candidate of [file, `${file}.css`]) {
      // Paths come from the app being built, never from this server's own files:
      // nothing here belongs in the server bundle's file trace.
      if (isInside(root, candidate) && existsSync(/*turbopackIgnore: true*/ candidate)) return candidate;
    }
    throw new Error(`Could not resolve "${id}"`);
  }
  const file = packageStylesheet(modules, id) ?? (id === "tailwindcss" || id.startsWith("tailwindcss/") ? packageStylesheet(ownModules, id) : null);
  if (file) return file;
  warn(`"${id}" is not installed for previews; its styles are left out`);
  const empty = path.join(workDir, ".preview-empty.css");
  await writeFile(empty, "");
  return empty;
}

function packageStylesheet(modules: Modules, id: string): string | null {
  const parts = id.split("/");
  const name = id.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  const subpath = parts.slice(name.split("/").length).join("/");
  if (!/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(name) || subpath.split("/").includes("..")) return null;
  let dir: string;
  try {
    dir = realpathSync(path.join(modules.nodeModules, name));
  } catch {
    return null;
  }
  let manifest: { exports?: string | Record<string, unknown>; style?: string; main?: string };
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as typeof manifest;
  } catch {
    return null;
  }
  // "exports" may name the one entry directly: `"exports": "./dist/tw-animate.css"`.
  const exported = typeof manifest.exports === "string" ? (subpath ? undefined : manifest.exports) : manifest.exports?.[subpath ? `./${subpath}` : "."];
  const main = manifest.main?.endsWith(".css") ? manifest.main : undefined;
  const target =
    typeof exported === "string"
      ? exported
      : (exported as { style?: string; default?: string } | undefined)?.style ??
        (exported as { default?: string } | undefined)?.default ??
        (subpath || manifest.style || main || "index.css");
  const file = path.resolve(dir, target);
  return target.endsWith(".css") && isInside(dir, file) && existsSync(file) ? file : null;
}

// Tailwind loads @plugin and @config modules by running them, in this
// process: only installed Tailwind plugins, never the app's own files.
function resolvePlugin(id: string): string {
  if (/^(@tailwindcss\/[a-z0-9-]+|tailwindcss-[a-z0-9-]+)$/.test(id)) {
    const file = path.join(ownModules.nodeModules, id);
    if (existsSync(file)) return createRequire(path.join(projectRoot, "package.json")).resolve(id);
  }
  throw new Error(`"${id}" can't be loaded in previews (only installed Tailwind plugins can)`);
}
