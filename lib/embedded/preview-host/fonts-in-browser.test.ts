import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumMissing } from "@/e2e/chromium";
import { buildFastPath } from "./fast-path";
import type { FastPathManifest } from "./manifest";
import { ownModules } from "./toolchain";

// A fast-path app in Chromium with the fonts a v0 app asks for: the real
// files from the registry's font packages (installed into the preview
// host's dependency cache on first use), not the browser's default face.
const APP: Record<string, string> = {
  "app/layout.tsx": `import { Inter } from "next/font/google";
import { GeistMono } from "geist/font/mono";

const inter = Inter({ subsets: ["latin"], variable: "--font-inter" });

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={\`\${inter.variable} \${GeistMono.variable}\`}>
      <body className={inter.className}>{children}</body>
    </html>
  );
}
`,
  "app/page.tsx": `export default function Page() {
  return (
    <main>
      <h1 style={{ fontFamily: "var(--font-inter)" }}>Fonts that load</h1>
      <code style={{ fontFamily: "var(--font-geist-mono)" }}>npm run dev</code>
    </main>
  );
}
`,
};

const noChromium = chromiumMissing();
if (noChromium) console.warn(`\n↓ fonts in Chromium skipped: ${noChromium}\n`);

describe.skipIf(noChromium !== null)("fonts on the fast path, in Chromium", () => {
  it("the heading resolves to the requested family, and document.fonts reports its faces loaded", async () => {
    const dir = path.join(process.env.DATA_DIR!, "fonts-in-browser");
    const out = path.join(dir, "out");
    const { log } = await buildFastPath({ files: new Map(Object.entries(APP).map(([name, text]) => [name, Buffer.from(text)])), workDir: path.join(dir, "work"), outDir: out, modules: ownModules });
    expect(log).toContain("Font Inter: 1 file from the font packages");
    expect(log).toContain("Font Geist Mono: 1 file from the font packages");
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as FastPathManifest;

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    try {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on("requestfailed", (request) => failed.push(request.url()));
      await page.route("http://fonts.test/**", async (route) => {
        const urlPath = new URL(route.request().url()).pathname;
        const file = manifest.pages[urlPath] ?? manifest.files[urlPath];
        if (!file) return route.fulfill({ status: 404, body: "" });
        const type = file.endsWith(".html") ? "text/html" : file.endsWith(".css") ? "text/css" : file.endsWith(".js") ? "text/javascript" : file.endsWith(".woff2") ? "font/woff2" : "application/octet-stream";
        return route.fulfill({ status: 200, body: readFileSync(path.join(out, file)), contentType: type });
      });
      await page.goto("http://fonts.test/", { waitUntil: "load" });
      await page.getByRole("heading", { name: "Fonts that load" }).waitFor();
      const fonts = await page.evaluate(async () => {
        await document.fonts.ready;
        const heading = getComputedStyle(document.querySelector("h1")!).fontFamily;
        const code = getComputedStyle(document.querySelector("code")!).fontFamily;
        const loaded = [...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family.replace(/"/g, ""));
        return { heading, code, loaded, inter: document.fonts.check("16px Inter", "Fonts"), mono: document.fonts.check("16px 'Geist Mono'", "npm") };
      });
      expect(fonts.heading.split(",")[0]!.replace(/["']/g, "")).toBe("Inter");
      expect(fonts.code.split(",")[0]!.replace(/["']/g, "")).toBe("Geist Mono");
      expect(fonts.loaded).toEqual(expect.arrayContaining(["Inter", "Geist Mono"]));
      expect(fonts.inter && fonts.mono).toBe(true);
      expect(failed).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
