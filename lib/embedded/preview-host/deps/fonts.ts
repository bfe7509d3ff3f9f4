import "server-only";

import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { previewsDir } from "../store";
import { projectRoot } from "../toolchain";
import { pnpmInstall } from "./install";

// A font as an app asks for it: next/font/google's family, weights
// ("variable" or "400"…), styles and subsets.
export type FontRequest = { family: string; weights: string[]; styles: string[]; subsets: string[] };

// One @font-face: a woff2 file of a registry font package.
export type FontFace = { family: string; style: string; weight: string; subset: string; unicodeRange: string | null; file: string };

export type FallbackMetrics = { fallbackFont: string; ascentOverride: string; descentOverride: string; lineGapOverride: string; sizeAdjust: string };

type Metadata = { id: string; family: string; subsets: string[]; weights: number[]; styles: string[]; defSubset?: string; variable?: Record<string, { min: string; max: string }> | false };

// Google's fonts are published on the npm registry by Fontsource:
// `@fontsource-variable/<id>` (one file per subset and style, every weight)
// where the family is variable, `@fontsource/<id>` (one file per weight)
// for every family. Geist is there too.
export function fontPackages(family: string): string[] {
  const id = family.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return [`@fontsource-variable/${id}`, `@fontsource/${id}`];
}

// The faces of `request` an installed Fontsource package (`dir`) holds:
// the requested subsets (the package's default one when none is named) and
// styles, and for a variable package one face spanning its weight axis.
// Empty when the package has none of them.
export function packageFaces(dir: string, request: FontRequest): FontFace[] {
  const meta = JSON.parse(readFileSync(path.join(dir, "metadata.json"), "utf8")) as Metadata;
  const ranges = readJson<Record<string, string>>(path.join(dir, "unicode.json")) ?? {};
  const files = new Set(existsSync(path.join(dir, "files")) ? readdirSync(path.join(dir, "files")) : []);
  const wanted = request.subsets.filter((subset) => meta.subsets.includes(subset));
  const subsets = wanted.length > 0 ? wanted : [meta.defSubset ?? meta.subsets[0] ?? "latin"];
  const styles = (request.styles.length > 0 ? request.styles : ["normal"]).filter((style) => meta.styles.includes(style));
  const variable = [...files].some((file) => /-wght-(normal|italic)\.woff2$/.test(file));
  const faces: FontFace[] = [];
  for (const subset of subsets) {
    for (const style of styles) {
      if (variable) {
        const axis = meta.variable ? meta.variable.wght : undefined;
        const name = `${meta.id}-${subset}-wght-${style}.woff2`;
        if (files.has(name)) faces.push({ family: request.family, style, subset, unicodeRange: ranges[subset] ?? null, weight: axis ? `${axis.min} ${axis.max}` : "100 900", file: path.join(dir, "files", name) });
        continue;
      }
      const weights = request.weights.length === 0 || request.weights.includes("variable") ? meta.weights.map(String) : request.weights;
      for (const weight of weights) {
        const name = `${meta.id}-${subset}-${weight}-${style}.woff2`;
        if (files.has(name)) faces.push({ family: request.family, style, subset, unicodeRange: ranges[subset] ?? null, weight, file: path.join(dir, "files", name) });
      }
    }
  }
  return faces;
}

// The faces of each request from the font packages in the dependency cache,
// installed on first use (one folder per package, under
// ${DATA_DIR}/previews/deps/fonts, complete or absent) and offline after.
// A family with no package, or none reachable, has no faces: the preview
// then shows its metric-matched fallback, and still builds.
export async function fontFaces(requests: FontRequest[]): Promise<{ faces: Map<string, FontFace[]>; log: string[] }> {
  const faces = new Map<string, FontFace[]>();
  const log: string[] = [];
  for (const request of requests) {
    let found: FontFace[] = [];
    for (const name of fontPackages(request.family)) {
      const dir = await installedFontPackage(name);
      if (!dir) continue;
      found = packageFaces(dir, request);
      if (found.length > 0) break;
    }
    faces.set(request.family, [...(faces.get(request.family) ?? []), ...found]);
    log.push(found.length > 0 ? `Font ${request.family}: ${found.length} ${found.length === 1 ? "file" : "files"} from the font packages` : `Font ${request.family}: not published as a font package; shown in its fallback`);
  }
  return { faces, log };
}

// next/font's own fallback metrics (size-adjust, ascent-override…) for a
// local font standing in for `family` until it loads, from the table
// Next.js ships; null for families it doesn't know.
export function fallbackMetrics(family: string): FallbackMetrics | null {
  try {
    const load = createRequire(path.join(projectRoot, "node_modules", "next", "package.json"));
    const { calculateSizeAdjustValues } = load("next/dist/server/font-utils") as {
      calculateSizeAdjustValues: (family: string) => { ascent: number; descent: number; lineGap: number; fallbackFont: string; sizeAdjust: number };
    };
    const { ascent, descent, lineGap, fallbackFont, sizeAdjust } = calculateSizeAdjustValues(family);
    return { fallbackFont, ascentOverride: `${ascent}%`, descentOverride: `${descent}%`, lineGapOverride: `${lineGap}%`, sizeAdjust: `${sizeAdjust}%` };
  } catch {
    return null; // a family Next.js has no metrics for
  }
}

// Packages that failed to install in this process (not published, or the
// registry unreachable): not asked again until the server restarts.
const missing = new Set<string>();
const installing = new Map<string, Promise<string | null>>();

function installedFontPackage(name: string): Promise<string | null> {
  const setDir = previewsDir("deps", "fonts", name.replace(/[@/]/g, "_"));
  const dir = path.join(setDir, "node_modules", ...name.split("/"));
  if (existsSync(dir)) return Promise.resolve(dir);
  if (missing.has(name)) return Promise.resolve(null);
  let running = installing.get(name);
  if (!running) {
    running = installPackage(setDir, name).then(
      () => dir,
      () => {
        missing.add(name);
        return null;
      },
    );
    installing.set(name, running);
    void running.finally(() => installing.delete(name));
  }
  return running;
}

async function installPackage(setDir: string, name: string): Promise<void> {
  const temp = `${setDir}.${randomBytes(4).toString("hex")}.tmp`;
  await mkdir(temp, { recursive: true });
  try {
    await writeFile(path.join(temp, "package.json"), JSON.stringify({ name: "preview-font", private: true, dependencies: { [name]: "*" } }));
    await pnpmInstall({ dir: temp, store: previewsDir("deps", "store"), cache: previewsDir("deps", "cache") });
    await rename(temp, setDir).catch(async (error: NodeJS.ErrnoException) => {
      if (!existsSync(setDir)) throw error;
      await rm(temp, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}
