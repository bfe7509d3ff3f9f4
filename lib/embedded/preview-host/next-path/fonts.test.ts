import { describe, expect, it } from "vitest";
import { findFontCalls } from "../font-calls";
import { ownModules } from "../toolchain";
import { googleFontsMock } from "./fonts";

// The answers next build reads instead of Google Fonts: each URL the app's
// Next.js computes, answered with a face naming the installed font (the
// sandboxed build has no network to fetch a face's file).
describe("next/font/google answered locally on the Next.js path", () => {
  it("answers each call's stylesheet URL with a local face of its weights and styles", () => {
    const calls = findFontCalls([
      `import { Inter, Made_Up } from "next/font/google"
const inter = Inter({ subsets: ["latin", "latin-ext"], variable: "--font-inter" })
const other = Made_Up({ subsets: ["latin"] })`,
    ]);
    const { module, log } = googleFontsMock(calls, ownModules.nodeModules);
    const answers = JSON.parse(module.replace(/^module\.exports = /, "").replace(/;\n$/, "")) as Record<string, string>;
    const [interUrl, interCss] = Object.entries(answers).find(([url]) => url.includes("family=Inter"))!;
    expect(interUrl).toMatch(/^https:\/\/fonts\.googleapis\.com\/css2\?family=Inter:wght@100\.\.900/);
    expect(interCss).toBe("@font-face {\n  font-family: 'Inter';\n  font-style: normal;\n  font-weight: 100 900;\n  font-display: swap;\n  src: local('Inter');\n}\n");
    // Made_Up isn't a Google font: Next.js rejects the call, and reports it itself.
    expect(Object.keys(answers)).toHaveLength(1);
    expect(log).toEqual(["Font Inter: its fallback with matched metrics on this build path"]);
  });
});
