import "server-only";

import { literalValue } from "./literal";

// next/font calls as the app writes them: `const geist = Geist({ subsets:
// ["latin"], variable: "--font-geist-sans" })`. Next.js requires the
// options to be literals, so they can be read without running the code.
export type FontCall = {
  loader: "google" | "local";
  exportName: string; // "Geist_Mono" (google), "default" (local)
  family: string; // "Geist Mono"; for local fonts, the variable it is assigned to
  options: Record<string, unknown>;
};

const IMPORT = /import\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*["']next\/font\/(google|local)["']/g;

export function findFontCalls(sources: string[]): FontCall[] {
  const calls: FontCall[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
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

// Class names for a font, the same in the runtime stand-in (./runtime.ts)
// and the stylesheet below.
export function fontSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function genericFamily(family: string): string {
  if (/mono|code/i.test(family)) return "ui-monospace, monospace";
  if (/serif/i.test(family) && !/sans/i.test(family)) return "ui-serif, serif";
  return "ui-sans-serif, system-ui, sans-serif";
}

// Offline stand-ins for the fonts: no font file is fetched, but every class
// name and CSS variable the layout relies on exists and names the family
// (used when this machine has it installed) before a fallback of the same
// kind, so text keeps its place in the design.
export function fontStyles(calls: FontCall[]): string {
  const rules: string[] = [];
  const families = new Set<string>();
  for (const call of calls) {
    const stack = `'${call.family.replace(/'/g, "")}', ${genericFamily(call.family)}`;
    const slug = fontSlug(call.family);
    if (!families.has(call.family)) {
      families.add(call.family);
      rules.push(`.__font-${slug} { font-family: ${stack}; }`);
    }
    const variable = call.options.variable;
    if (typeof variable === "string" && /^--[\w-]+$/.test(variable)) rules.push(`.__variable-${slug}-${fontSlug(variable)} { ${variable}: ${stack}; }`);
  }
  return rules.join("\n");
}
