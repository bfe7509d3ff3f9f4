import path from "node:path";
import { describe, expect, it } from "vitest";
import { findFontCalls } from "../font-calls";
import { ownModules } from "../toolchain";
import { googleFontsMock } from "./fonts";

// The answers next build reads instead of Google Fonts: each URL the app's
// Next.js computes, answered with faces whose files are copied into the
// workspace (Next.js reads an absolute url() from disk and emits the file).
describe("next/font/google answered from the font packages", () => {
  it("points each requested subset's face at a woff2 file copied into the workspace", async () => {
    const workspace = "/previews/deps/sets/abc/workspaces/p1";
    const calls = findFontCalls([
      `import { Inter, Made_Up } from "next/font/google"
const inter = Inter({ subsets: ["latin", "latin-ext"], variable: "--font-inter" })
const other = Made_Up({ subsets: ["latin"] })`,
    ]);
    const { module, files, log } = await googleFontsMock(calls, ownModules.nodeModules, workspace);
    const answers = JSON.parse(module.replace(/^module\.exports = /, "").replace(/;\n$/, "")) as Record<string, string>;
    const [interUrl, interCss] = Object.entries(answers).find(([url]) => url.includes("family=Inter"))!;
    expect(interUrl).toMatch(/^https:\/\/fonts\.googleapis\.com\/css2\?family=Inter:wght@100\.\.900/);
    expect(interCss).toContain(
      `/* latin */\n@font-face {\n  font-family: 'Inter';\n  font-style: normal;\n  font-weight: 100 900;\n  font-display: swap;\n  src: url(${path.join(workspace, ".preview-fonts/inter-latin-wght-normal.woff2")}) format('woff2');\n  unicode-range: U+0000-00FF,`,
    );
    expect(interCss).toContain("/* latin-ext */");
    expect([...files.keys()].sort()).toEqual([".preview-fonts/inter-latin-ext-wght-normal.woff2", ".preview-fonts/inter-latin-wght-normal.woff2"]);
    expect(files.get(".preview-fonts/inter-latin-wght-normal.woff2")!.subarray(0, 4).toString("latin1")).toBe("wOF2");
    // Made_Up isn't a Google font: Next.js rejects the call, and reports it itself.
    expect(Object.keys(answers)).toHaveLength(1);
    expect(log).toEqual(["Font Inter: 2 files from the font packages"]);
  }, 60_000);
});
