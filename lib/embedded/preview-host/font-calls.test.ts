import { describe, expect, it } from "vitest";
import type { FontFace } from "./deps/fonts";
import { fallbackMetrics } from "./deps/fonts";
import { findFontCalls, fontRequest, fontStyles } from "./font-calls";

const LAYOUT = `import { Geist, Geist_Mono as Mono } from "next/font/google"
import { GeistSans } from "geist/font/sans"
const geist = Geist({ subsets: ["latin", "latin-ext"], variable: "--font-geist" })
const mono = Mono({ subsets: ["latin"], weight: ["400", "700"], style: "italic" })
`;

const face = (family: string, subset: string, file: string): FontFace => ({ family, style: "normal", weight: "100 900", subset, unicodeRange: subset === "latin" ? "U+0000-00FF" : null, file: `/cache/${file}` });

describe("next/font calls as a stylesheet", () => {
  it("reads what each call asks for: family, weights, styles, subsets, variable (geist's imports too)", () => {
    const calls = findFontCalls([LAYOUT]);
    expect(calls.map((call) => [call.loader, call.family, call.options.variable ?? null])).toEqual([
      ["geist", "Geist", "--font-geist-sans"],
      ["google", "Geist", "--font-geist"],
      ["google", "Geist Mono", null],
    ]);
    expect(calls.map(fontRequest)).toEqual([
      { family: "Geist", weights: ["variable"], styles: [], subsets: ["latin"] },
      { family: "Geist", weights: ["variable"], styles: [], subsets: ["latin", "latin-ext"] },
      { family: "Geist Mono", weights: ["400", "700"], styles: ["italic"], subsets: ["latin"] },
    ]);
  });

  it("serves the found files, with a metric-matched fallback face, the class names and the variables", () => {
    const calls = findFontCalls([LAYOUT]);
    const faces = new Map([["Geist", [face("Geist", "latin", "geist-latin-wght-normal.woff2"), face("Geist", "latin-ext", "geist-latin-ext-wght-normal.woff2")]]]);
    const css = fontStyles(calls, { faces, url: (f) => `/__preview/fonts/${f.file.split("/").pop()}`, metrics: fallbackMetrics });
    const geist = fallbackMetrics("Geist")!;
    const lines = css.split("\n");
    expect(lines).toContain(
      "@font-face { font-family: 'Geist'; font-style: normal; font-weight: 100 900; font-display: swap; src: url(/__preview/fonts/geist-latin-wght-normal.woff2) format('woff2'); unicode-range: U+0000-00FF; }",
    );
    expect(lines).toContain("@font-face { font-family: 'Geist'; font-style: normal; font-weight: 100 900; font-display: swap; src: url(/__preview/fonts/geist-latin-ext-wght-normal.woff2) format('woff2'); }");
    expect(lines).toContain(
      `@font-face { font-family: 'Geist Fallback'; src: local('Arial'); ascent-override: ${geist.ascentOverride}; descent-override: ${geist.descentOverride}; line-gap-override: ${geist.lineGapOverride}; size-adjust: ${geist.sizeAdjust}; }`,
    );
    expect(lines).toContain(".__font-geist { font-family: 'Geist', 'Geist Fallback', ui-sans-serif, system-ui, sans-serif; }");
    expect(lines).toContain(".__variable-geist-font-geist-sans { --font-geist-sans: 'Geist', 'Geist Fallback', ui-sans-serif, system-ui, sans-serif; }");
    expect(lines).toContain(".__variable-geist-font-geist { --font-geist: 'Geist', 'Geist Fallback', ui-sans-serif, system-ui, sans-serif; }");
    // Each family's faces once, however many calls name it.
    expect(lines.filter((line) => line.includes("geist-latin-wght-normal.woff2"))).toHaveLength(1);
    // No file found for Geist Mono: only its fallback and class name.
    expect(lines.filter((line) => line.startsWith("@font-face { font-family: 'Geist Mono';"))).toEqual([]);
    expect(lines).toContain(".__font-geist-mono { font-family: 'Geist Mono', 'Geist Mono Fallback', ui-monospace, monospace; }");
  });

  it("keeps a family next/font has no metrics for, with no fallback face", () => {
    const css = fontStyles(findFontCalls(['import { Made_Up } from "next/font/google"\nconst f = Made_Up({ variable: "--font-x" })']), { faces: new Map(), url: () => "", metrics: fallbackMetrics });
    expect(css).toBe(".__font-made-up { font-family: 'Made Up', ui-sans-serif, system-ui, sans-serif; }\n.__variable-made-up-font-x { --font-x: 'Made Up', ui-sans-serif, system-ui, sans-serif; }");
  });
});
