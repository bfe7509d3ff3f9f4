import "server-only";

import { createRequire } from "node:module";
import path from "node:path";
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
// the ones the app's own Next.js computes for each call. Each answer is a
// face naming the installed font, so Next.js still emits the class names,
// the CSS variable and its metric-matched fallback font. Not the font
// packages' files (as the fast path serves): Turbopack fetches a face's
// file over HTTP even with this module, and next build runs in the sandbox
// with no network. A call whose options Next.js rejects is left out: next
// build then reports the app's mistake itself.
export function googleFontsMock(calls: FontCall[], nodeModules: string): { module: string; log: string[] } {
  const helpers = loadHelpers(nodeModules);
  const answers: Record<string, string> = {};
  const log: string[] = [];
  for (const call of calls) {
    try {
      const font = helpers.validate(call.exportName, call.options);
      const url = helpers.url(font.fontFamily, helpers.axes(font.fontFamily, font.weights, font.styles, font.selectedVariableAxes), font.display);
      answers[url] = localFace({ family: font.fontFamily, weights: font.weights, styles: font.styles });
      log.push(`Font ${font.fontFamily}: its fallback with matched metrics on this build path`);
    } catch {
      continue;
    }
  }
  return { module: `module.exports = ${JSON.stringify(answers, null, 2)};\n`, log };
}

function localFace({ family, weights, styles }: { family: string; weights: string[]; styles: string[] }): string {
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
