import "server-only";

import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type FontFace, fontFaces } from "../deps/fonts";
import type { FontCall } from "../font-calls";

type ValidFont = { fontFamily: string; weights: string[]; styles: string[]; subsets: string[]; display: string; selectedVariableAxes?: string[] };

type GoogleFontHelpers = {
  validate: (functionName: string, options: unknown) => ValidFont;
  axes: (fontFamily: string, weights: string[], styles: string[], selectedVariableAxes?: string[]) => unknown;
  url: (fontFamily: string, axes: unknown, display: string) => string;
  subsets: (fontFamily: string) => string[];
};

// How next build reaches a face's file named in a stylesheet. Turbopack
// (Next.js 16's `next build`) fetches it over HTTP even when the stylesheet
// is answered locally: from the font server beside the build
// (./font-server.cjs), at `origin`. webpack (older majors) reads a path
// from the local answers instead.
export type FontFileAccess = { origin: string } | "path";

export type GoogleFontsMock = {
  module: string;
  // What the stylesheets name (a URL's path, or a path) → the font file.
  files: Map<string, string>;
  log: string[];
};

// next/font/google fetches each font's stylesheet from Google Fonts while
// building; previews build without that network. Next.js reads the answers
// from NEXT_FONT_GOOGLE_MOCKED_RESPONSES instead when it is set (its own
// tests do this): a module mapping each stylesheet URL to CSS. The URLs are
// the ones the app's own Next.js computes for each call; each answer is the
// stylesheet Google would send, with the font files of the registry's
// Fontsource packages (../deps/fonts.ts, the dependency cache) in place of
// Google's. Next.js then does what it does on Vercel: copies the files into
// /_next/static/media, preloads the requested subsets, and emits the class
// names, the CSS variable and its metric-matched fallback font. A family
// with no package keeps a face naming the font (installed on few
// machines), so the fallback stands in. A call whose options Next.js
// rejects is left out: next build then reports the app's mistake itself.
export async function googleFontsMock(calls: FontCall[], nodeModules: string, access: FontFileAccess): Promise<GoogleFontsMock> {
  const helpers = loadHelpers(nodeModules);
  const answers: Record<string, string> = {};
  const files = new Map<string, string>();
  const log: string[] = [];
  for (const call of calls) {
    let font: ValidFont;
    let url: string;
    try {
      font = helpers.validate(call.exportName, call.options);
      url = helpers.url(font.fontFamily, helpers.axes(font.fontFamily, font.weights, font.styles, font.selectedVariableAxes), font.display);
    } catch {
      continue;
    }
    // Every subset, as Google answers: unicode-range picks what a page
    // needs, and Next.js preloads only the requested ones.
    const found = await fontFaces([{ family: font.fontFamily, weights: font.weights, styles: font.styles, subsets: helpers.subsets(font.fontFamily) }]);
    log.push(...found.log);
    answers[url] = googleStylesheet(font, found.faces.get(font.fontFamily) ?? [], (face) => {
      const file = realpathSync(face.file);
      const named = access === "path" ? file : servedPath(face);
      files.set(named, file);
      return access === "path" ? file : `${access.origin}${named}`;
    });
  }
  return { module: `module.exports = ${JSON.stringify(answers, null, 2)};\n`, files, log };
}

// A stylesheet as Google Fonts writes it, which Next.js parses line by
// line: each face after a comment naming its subset (what it preloads by),
// `font-family: '<Family>';` (what it renames) and `src: url(…)` (the file
// it downloads). Without faces, one naming the font per style.
export function googleStylesheet(font: Pick<ValidFont, "fontFamily" | "weights" | "styles" | "display">, faces: FontFace[], src: (face: FontFace) => string): string {
  if (faces.length === 0) {
    const weight = font.weights.includes("variable") || font.weights.length === 0 ? "100 900" : font.weights.join(" ");
    return font.styles
      .map((style) => `@font-face {\n  font-family: '${font.fontFamily}';\n  font-style: ${style};\n  font-weight: ${weight};\n  font-display: ${font.display};\n  src: local('${font.fontFamily}');\n}\n`)
      .join("");
  }
  return faces
    .map(
      (face) =>
        `/* ${face.subset} */\n@font-face {\n  font-family: '${font.fontFamily}';\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n  font-display: ${font.display};\n  src: url(${src(face)}) format('woff2');\n${face.unicodeRange ? `  unicode-range: ${face.unicodeRange};\n` : ""}}\n`,
    )
    .join("");
}

// `/@fontsource-variable/inter@5.2.8/inter-latin-wght-normal.woff2`: the
// package's version in the URL, because Next.js names the copied file after
// the URL and serves it as immutable.
function servedPath(face: FontFace): string {
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(path.dirname(face.file)), "package.json"), "utf8")) as { name: string; version: string };
  return `/${pkg.name}@${pkg.version}/${path.basename(face.file)}`;
}

// The app's own Next.js knows its font list and URL format.
function loadHelpers(nodeModules: string): GoogleFontHelpers {
  const load = createRequire(path.join(nodeModules, "next", "package.json"));
  const dir = "next/dist/compiled/@next/font/dist/google";
  const validate = load(`${dir}/validate-google-font-function-call`) as { validateGoogleFontFunctionCall: GoogleFontHelpers["validate"] };
  const axes = load(`${dir}/get-font-axes`) as { getFontAxes: GoogleFontHelpers["axes"] };
  const url = load(`${dir}/get-google-fonts-url`) as { getGoogleFontsUrl: GoogleFontHelpers["url"] };
  const { googleFontsMetadata } = load(`${dir}/google-fonts-metadata`) as { googleFontsMetadata: Record<string, { subsets: string[] }> };
  return {
    validate: validate.validateGoogleFontFunctionCall,
    axes: axes.getFontAxes,
    url: url.getGoogleFontsUrl,
    subsets: (family) => googleFontsMetadata[family]?.subsets ?? [],
  };
}
