import "server-only";

import path from "node:path";
import { projectRoot } from "../toolchain";

// The code a preview runs besides the app's own lives in ./runtime: the
// entries, the router, and stand-ins for the few Next.js modules generated
// code imports. Read from the project folder: the builder app's server code
// is bundled, so this module's own location says nothing about where they
// are.
const RUNTIME_DIR = path.join(projectRoot, "lib/embedded/preview-host/fast-path/runtime");

// The preview's own modules, by the name the bundle imports them with.
const RUNTIME_FILES: Record<string, string> = {
  "preview:client": "client-entry.ts",
  "preview:server": "server-entry.ts",
  "preview:fonts": "fonts.ts",
  "preview-jsx/jsx-runtime": "jsx-runtime.ts",
  next: "next/index.ts",
  "next/link": "next/link.ts",
  "next/image": "next/image.ts",
  "next/navigation": "next/navigation.ts",
  "next/router": "next/router.ts",
  "next/head": "next/head.ts",
  "next/script": "next/script.ts",
  "next/dynamic": "next/dynamic.ts",
  "next/font/local": "next/font/local.ts",
  "@vercel/analytics": "vercel/analytics.ts",
  "@vercel/speed-insights": "vercel/speed-insights.ts",
  "geist/font/sans": "geist/sans.ts",
  "geist/font/mono": "geist/mono.ts",
};

// Generated per build (./bundle.ts): the route table and next/font/google.
export const GENERATED_MODULES = new Set(["preview:routes", "next/font/google"]);
export const EMPTY_MODULES = new Set(["server-only", "client-only"]);

export function runtimeFile(name: string): string | null {
  const file = RUNTIME_FILES[name];
  return file ? path.join(RUNTIME_DIR, file) : null;
}

export function nextModuleNames(): string[] {
  return [...Object.keys(RUNTIME_FILES), ...GENERATED_MODULES].filter((name) => name.startsWith("next")).sort();
}

// Packages a preview replaces with its own module, whatever the app installed.
export function replacedPackage(specifier: string): string | null {
  const found = /^(@vercel\/(?:analytics|speed-insights))(\/.*)?$/.exec(specifier);
  if (found) return found[1]!;
  // geist's fonts are next/font/local calls on its own files; the preview
  // serves the same faces from the font packages (../font-calls.ts).
  return /^geist\/font\/(sans|mono)$/.test(specifier) ? specifier : null;
}

const FONT_IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["']next\/font\/google["']/g;

export function googleFontNames(sources: string[]): string[] {
  const names = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(FONT_IMPORT)) {
      for (const part of match[1]!.split(",")) {
        const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!.trim();
        if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
      }
    }
  }
  return [...names].sort();
}

// next/font/google exports one function per font family; only the families
// the app imports are generated (any name is valid there).
export function googleFontsModule(names: string[]): string {
  const lines = names.map((name) => `export const ${name} = (options) => font(${JSON.stringify(name.replace(/_/g, " "))}, options);`);
  return `import { font } from "preview:fonts";\n${lines.join("\n")}\n`;
}
