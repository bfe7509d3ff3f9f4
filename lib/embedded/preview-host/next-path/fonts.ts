import "server-only";

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type FontFace, type FontRequest, fontFaces } from "../deps/fonts";
import type { FontCall } from "../font-calls";

type GoogleFontHelpers = {
  validate: (functionName: string, options: unknown) => { fontFamily: string; weights: string[]; styles: string[]; subsets: string[]; display: string; selectedVariableAxes?: string[] };
  axes: (fontFamily: string, weights: string[], styles: string[], selectedVariableAxes?: string[]) => unknown;
  url: (fontFamily: string, axes: unknown, display: string) => string;
};

// next/font/google fetches each font's stylesheet from Google Fonts while
// building; previews build without that network. Next.js reads the answers
// from NEXT_FONT_GOOGLE_MOCKED_RESPONSES instead when it is set (its own
// tests do this): a module mapping each stylesheet URL to CSS. The URLs are
// the ones the app's own Next.js computes for each call. Each answer's
// @font-face rules point at woff2 files of the registry's font packages
// (../deps/fonts.ts), copied into the workspace (`files`, by path inside
// it): given an absolute path, Next.js reads the file from disk, and emits
// it with the class names, CSS variable and metric-matched fallback font as
// for Google's own files. A family with no package gets a face naming only
// the installed font, so Next.js still generates the fallback. A call whose
// options Next.js rejects is left out: next build then reports the app's
// mistake itself.
export async function googleFontsMock(calls: FontCall[], nodeModules: string, workspace: string): Promise<{ module: string; files: Map<string, Buffer>; log: string[] }> {
  const helpers = loadHelpers(nodeModules);
  const fonts: { url: string; request: FontRequest }[] = [];
  for (const call of calls) {
    try {
      const font = helpers.validate(call.exportName, call.options);
      const url = helpers.url(font.fontFamily, helpers.axes(font.fontFamily, font.weights, font.styles, font.selectedVariableAxes), font.display);
      fonts.push({ url, request: { family: font.fontFamily, weights: font.weights, styles: font.styles, subsets: font.subsets } });
    } catch {
      continue;
    }
  }
  const { faces, log } = await fontFaces(fonts.map((font) => font.request));
  const files = new Map<string, Buffer>();
  const answers: Record<string, string> = {};
  for (const { url, request } of fonts) {
    const found = faces.get(request.family) ?? [];
    answers[url] =
      found.length > 0
        ? found
            .map((face) => {
              const file = `${FONTS_DIR}/${path.basename(face.file)}`;
              files.set(file, readFileSync(face.file));
              return fontFaceRule(face, path.join(workspace, file));
            })
            .join("")
        : localFace(request);
  }
  return { module: `module.exports = ${JSON.stringify(answers, null, 2)};\n`, files, log };
}

const FONTS_DIR = ".preview-fonts";

// As Google Fonts answers: the subset in a comment above each face (Next.js
// preloads the faces of the subsets the app names), `src` on one line.
function fontFaceRule(face: FontFace, file: string): string {
  const range = face.unicodeRange ? `  unicode-range: ${face.unicodeRange};\n` : "";
  return `/* ${face.subset} */\n@font-face {\n  font-family: '${face.family}';\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n  font-display: swap;\n  src: url(${file}) format('woff2');\n${range}}\n`;
}

function localFace({ family, weights, styles }: FontRequest): string {
  const weight = weights.includes("variable") || weights.length === 0 ? "100 900" : weights.join(" ");
  return styles
    .map((style) => `@font-face {\n  font-family: '${family}';\n  font-style: ${style};\n  font-weight: ${weight};\n  font-display: swap;\n  src: local('${family}');\n}\n`)
    .join("");
}

// The app's own Next.js knows its font list and URL format.
function loadHelpers(nodeModules: string): GoogleFontHelpers {
  const load = createRequire(path.join(nodeModules, "next", "package.json"));
  const dir = "next/dist/compiled/@next/font/dist/google";
  const validate = load(`${dir}/validate-google-font-function-call`) as { validateGoogleFontFunctionCall: GoogleFontHelpers["validate"] };
  const axes = load(`${dir}/get-font-axes`) as { getFontAxes: GoogleFontHelpers["axes"] };
  const url = load(`${dir}/get-google-fonts-url`) as { getGoogleFontsUrl: GoogleFontHelpers["url"] };
  return { validate: validate.validateGoogleFontFunctionCall, axes: axes.getFontAxes, url: url.getGoogleFontsUrl };
}
