import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findFontCalls } from "../font-calls";
import { ownModules } from "../toolchain";
import { googleFontsMock, googleStylesheet } from "./fonts";

const CALLS = findFontCalls([
  `import { Inter, Made_Up } from "next/font/google"
const inter = Inter({ subsets: ["latin", "latin-ext"], variable: "--font-inter" })
const other = Made_Up({ subsets: ["latin"] })`,
]);

function answers(module: string): Record<string, string> {
  return JSON.parse(module.replace(/^module\.exports = /, "").replace(/;\n$/, "")) as Record<string, string>;
}

// The answers next build reads instead of Google Fonts: each URL the app's
// Next.js computes, answered with the stylesheet Google would send, naming
// the Fontsource package's files (installed into the dependency cache from
// the registry on first use).
describe("next/font/google answered locally on the Next.js path", () => {
  it("names the package's files by URL for Turbopack, one face per subset after the comment Next.js preloads by", async () => {
    const { module, files, log } = await googleFontsMock(CALLS, ownModules.nodeModules, { origin: "http://127.0.0.1:43117" });
    const all = answers(module);
    // Made_Up isn't a Google font: Next.js rejects the call, and reports it itself.
    expect(Object.keys(all)).toHaveLength(1);
    const [url, css] = Object.entries(all)[0]!;
    expect(url).toMatch(/^https:\/\/fonts\.googleapis\.com\/css2\?family=Inter:wght@100\.\.900/);
    const latin = /\/\* latin \*\/\n@font-face \{\n {2}font-family: 'Inter';\n {2}font-style: normal;\n {2}font-weight: 100 900;\n {2}font-display: swap;\n {2}src: url\(http:\/\/127\.0\.0\.1:43117(\/@fontsource-variable\/inter@[\d.]+\/inter-latin-wght-normal\.woff2)\) format\('woff2'\);\n {2}unicode-range: U\+0000-00FF.*;\n\}\n/.exec(css);
    expect(latin, css).not.toBeNull();
    // Every subset Google has, as Google answers; Next.js preloads the requested ones.
    expect([...css.matchAll(/\/\* ([\w-]+) \*\//g)].map((found) => found[1]).sort()).toEqual(["cyrillic", "cyrillic-ext", "greek", "greek-ext", "latin", "latin-ext", "vietnamese"]);
    expect(files.size).toBe(7);
    const file = files.get(latin![1]!)!;
    expect(readFileSync(file).subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(log).toEqual(["Font Inter: 7 files from the font packages"]);
  });

  it("names the files by path for webpack, which reads them from disk", async () => {
    const { module, files } = await googleFontsMock(CALLS.slice(0, 1), ownModules.nodeModules, "path");
    const css = Object.values(answers(module))[0]!;
    const named = [...css.matchAll(/src: url\((.+?)\) format\('woff2'\);/g)].map((found) => found[1]!);
    expect(named).toHaveLength(7);
    for (const file of named) {
      expect(file.startsWith("/")).toBe(true);
      expect(existsSync(file)).toBe(true);
      expect(files.get(file)).toBe(file);
    }
  });

  it("gives a family with no font package a face naming the font, of its weights and styles", () => {
    expect(googleStylesheet({ fontFamily: "Inter", weights: ["variable"], styles: ["normal"], display: "swap" }, [], () => "")).toBe(
      "@font-face {\n  font-family: 'Inter';\n  font-style: normal;\n  font-weight: 100 900;\n  font-display: swap;\n  src: local('Inter');\n}\n",
    );
    expect(googleStylesheet({ fontFamily: "Lobster", weights: ["400", "700"], styles: ["normal", "italic"], display: "optional" }, [], () => "")).toContain(
      "font-style: italic;\n  font-weight: 400 700;\n  font-display: optional;\n  src: local('Lobster');",
    );
  });
});
