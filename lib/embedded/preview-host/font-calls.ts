import "server-only";

import type { FallbackMetrics, FontFace, FontRequest } from "./deps/fonts";
import { literalValue } from "./literal";

// next/font calls as the app writes them: `const geist = Geist({ subsets:
// ["latin"], variable: "--font-geist-sans" })`. Next.js requires the
// options to be literals, so they can be read without running the code.
export type FontCall = {
  loader: "google" | "local" | "geist";
  exportName: string; // "Geist_Mono" (google), "default" (local), "GeistSans" (geist)
  family: string; // "Geist Mono"; for local fonts, the variable it is assigned to
  options: Record<string, unknown>;
};

// The `geist` package's fonts: Geist and Geist Mono, as next/font/local
// calls with these variables.
const GEIST_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["']geist\/font\/(sans|mono)["']/g;
const GEIST = { sans: { family: "Geist", variable: "--font-geist-sans" }, mono: { family: "Geist Mono", variable: "--font-geist-mono" } };

const IMPORT = /import\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*["']next\/font\/(google|local)["']/g;

export function findFontCalls(sources: string[]): FontCall[] {
  const calls: FontCall[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const found of source.matchAll(GEIST_IMPORT)) {
      const { family, variable } = GEIST[found[2] as "sans" | "mono"];
      const id = JSON.stringify(["geist", family, variable]);
      if (seen.has(id)) continue;
      seen.add(id);
      calls.push({ loader: "geist", exportName: family === "Geist" ? "GeistSans" : "GeistMono", family, options: { variable, subsets: ["latin"] } });
    }
    for (const found of source.matchAll(IMPORT)) {
      const loader = found[3] as "google" | "local";
      const locals = new Map<string, string>(); // local name → export name
      if (found[1]) locals.set(found[1], "default");
      for (const part of (found[2] ?? "").split(",")) {
        const [name, alias] = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/);
        if (name && /^\w+$/.test(name)) locals.set((alias ?? name).trim(), name.trim());
      }
      for (const [local, exportName] of locals) {
        for (const call of source.matchAll(new RegExp(`(?:(\\w+)\\s*=\\s*)?\\b${local}\\s*\\(`, "g"))) {
          const options = literalValue(source, call.index + call[0].length);
          if (!options || typeof options.value !== "object" || options.value === null || Array.isArray(options.value)) continue;
          const family = loader === "google" ? exportName.replace(/_/g, " ") : (call[1] ?? "local font");
          const value = options.value as Record<string, unknown>;
          const id = JSON.stringify([loader, family, value.variable ?? null]);
          if (seen.has(id)) continue;
          seen.add(id);
          calls.push({ loader, exportName, family, options: value });
        }
      }
    }
  }
  return calls;
}

// What a call asks of the font packages (../deps/fonts.ts); next/font/local
// calls name the app's own files and ask nothing.
export function fontRequest(call: FontCall): FontRequest | null {
  if (call.loader === "local") return null;
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);
  const weights = list(call.options.weight);
  return { family: call.family, weights: weights.length > 0 ? weights : ["variable"], styles: list(call.options.style), subsets: list(call.options.subsets) };
}

// Class names for a font, the same in the runtime stand-in (./runtime.ts)
// and the stylesheet below.
function fontSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function genericFamily(family: string): string {
  if (/mono|code/i.test(family)) return "ui-monospace, monospace";
  if (/serif/i.test(family) && !/sans/i.test(family)) return "ui-serif, serif";
  return "ui-sans-serif, system-ui, sans-serif";
}

export type FontStyleInput = {
  faces: Map<string, FontFace[]>; // by family: the font files found for it
  url: (face: FontFace) => string; // where the preview serves a face's file
  metrics: (family: string) => FallbackMetrics | null;
};

// The fonts as next/font gives them: @font-face rules for the files found
// (else the face only where this machine has it installed), a
// "<Family> Fallback" face on a local font with next/font's metrics so text
// keeps its size and place while the font loads or where it is missing, and
// every class name and CSS variable the layout relies on.
export function fontStyles(calls: FontCall[], { faces, url, metrics }: FontStyleInput): string {
  const rules: string[] = [];
  const families = new Set<string>();
  for (const call of calls) {
    const family = call.family.replace(/['\\]/g, "");
    const fallback = metrics(family);
    const stack = `'${family}'${fallback ? `, '${family} Fallback'` : ""}, ${genericFamily(family)}`;
    const slug = fontSlug(family);
    if (!families.has(family)) {
      families.add(family);
      for (const face of faces.get(call.family) ?? []) {
        const range = face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : "";
        rules.push(`@font-face { font-family: '${family}'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: swap; src: url(${url(face)}) format('woff2');${range} }`);
      }
      if (fallback) {
        rules.push(
          `@font-face { font-family: '${family} Fallback'; src: local('${fallback.fallbackFont}'); ascent-override: ${fallback.ascentOverride}; descent-override: ${fallback.descentOverride}; line-gap-override: ${fallback.lineGapOverride}; size-adjust: ${fallback.sizeAdjust}; }`,
        );
      }
      rules.push(`.__font-${slug} { font-family: ${stack}; }`);
    }
    const variable = call.options.variable;
    if (typeof variable === "string" && /^--[\w-]+$/.test(variable)) rules.push(`.__variable-${slug}-${fontSlug(variable)} { ${variable}: ${stack}; }`);
  }
  return rules.join("\n");
}
