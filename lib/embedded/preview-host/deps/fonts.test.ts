import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fallbackMetrics, fontFaces, fontPackages, packageFaces } from "./fonts";

// A Fontsource package as published: metadata.json, unicode.json and
// files/<id>-<subset>-<weight or axis>-<style>.woff2.
function fontPackage(name: string, meta: object, files: string[]): string {
  const dir = path.join(process.env.DATA_DIR!, "font-packages", name);
  mkdirSync(path.join(dir, "files"), { recursive: true });
  writeFileSync(path.join(dir, "metadata.json"), JSON.stringify(meta));
  writeFileSync(path.join(dir, "unicode.json"), JSON.stringify({ latin: "U+0000-00FF", "latin-ext": "U+0100-02BA", cyrillic: "U+0400-045F" }));
  for (const file of files) writeFileSync(path.join(dir, "files", file), "wOF2");
  return dir;
}

describe("font faces from the registry's font packages", () => {
  it("looks for Google's families under Fontsource's names, variable first", () => {
    expect(fontPackages("JetBrains Mono")).toEqual(["@fontsource-variable/jetbrains-mono", "@fontsource/jetbrains-mono"]);
    expect(fontPackages("Geist")).toEqual(["@fontsource-variable/geist", "@fontsource/geist"]);
  });

  it("takes one face per requested subset and style from a variable package, spanning its weight axis", () => {
    const dir = fontPackage(
      "inter-variable",
      { id: "inter", family: "Inter", subsets: ["cyrillic", "latin", "latin-ext"], weights: [100, 400, 900], styles: ["italic", "normal"], defSubset: "latin", variable: { wght: { min: "100", max: "900" } } },
      ["inter-latin-wght-normal.woff2", "inter-latin-wght-italic.woff2", "inter-latin-ext-wght-normal.woff2", "inter-cyrillic-wght-normal.woff2", "inter-latin-opsz-normal.woff2"],
    );
    const faces = packageFaces(dir, { family: "Inter", weights: ["variable"], styles: ["normal"], subsets: ["latin", "latin-ext", "klingon"] });
    expect(faces).toEqual([
      { family: "Inter", style: "normal", weight: "100 900", subset: "latin", unicodeRange: "U+0000-00FF", file: path.join(dir, "files", "inter-latin-wght-normal.woff2") },
      { family: "Inter", style: "normal", weight: "100 900", subset: "latin-ext", unicodeRange: "U+0100-02BA", file: path.join(dir, "files", "inter-latin-ext-wght-normal.woff2") },
    ]);
    // No subset named: the package's default one.
    expect(packageFaces(dir, { family: "Inter", weights: ["400"], styles: ["italic"], subsets: [] }).map((f) => [f.subset, f.style, f.weight])).toEqual([["latin", "italic", "100 900"]]);
  });

  it("takes the requested weights from a static package, or all of them for a variable request", () => {
    const dir = fontPackage(
      "lobster",
      { id: "lobster", family: "Lobster", subsets: ["latin"], weights: [400, 700], styles: ["normal"], defSubset: "latin", variable: false },
      ["lobster-latin-400-normal.woff2", "lobster-latin-700-normal.woff2", "lobster-latin-400-normal.woff"],
    );
    expect(packageFaces(dir, { family: "Lobster", weights: ["700"], styles: [], subsets: ["latin"] }).map((f) => [f.weight, path.basename(f.file)])).toEqual([["700", "lobster-latin-700-normal.woff2"]]);
    expect(packageFaces(dir, { family: "Lobster", weights: ["variable"], styles: ["normal"], subsets: ["latin"] }).map((f) => f.weight)).toEqual(["400", "700"]);
    expect(packageFaces(dir, { family: "Lobster", weights: ["400"], styles: ["italic"], subsets: ["latin"] })).toEqual([]);
  });

  it("has next/font's fallback metrics for Google's families, none for an unknown one", () => {
    expect(fallbackMetrics("Inter")).toEqual({ fallbackFont: "Arial", ascentOverride: "90.44%", descentOverride: "22.52%", lineGapOverride: "0.00%", sizeAdjust: "107.12%" });
    expect(fallbackMetrics("Geist")?.sizeAdjust).toMatch(/^\d+\.\d+%$/);
    expect(fallbackMetrics("No Such Family")).toBeNull();
  });
});

describe("a family the registry has no package for", () => {
  it("has no faces and says so in the build log, without failing", async () => {
    const { faces, log } = await fontFaces([{ family: "Made Up Family", weights: ["variable"], styles: ["normal"], subsets: ["latin"] }]);
    expect(faces.get("Made Up Family")).toEqual([]);
    expect(log).toEqual(["Font Made Up Family: not published as a font package; shown in its fallback"]);
  }, 60_000);
});
