import "server-only";

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Plugin } from "esbuild";

const LUCIDE_IMPORT = /import\s*\{([^}]+)\}\s*from\s*["']lucide-react["'];?/g;

// `import { Trash2 } from "lucide-react"` makes esbuild read all ~1,600 icon
// modules; each icon has its own entry point, so imports are pointed there
// (what Next.js's optimizePackageImports does). Unknown names keep the
// package import, so behaviour never changes.
export function lucideIconImports(nodeModules: string): Plugin {
  const iconsDir = path.join(nodeModules, "lucide-react/dist/esm/icons");
  return {
    name: "lucide-icon-imports",
    setup(build) {
      build.onLoad({ filter: /\.[jt]sx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, "utf8");
        if (!source.includes("lucide-react")) return undefined;
        const contents = source.replace(LUCIDE_IMPORT, (_statement, specifiers: string) => {
          const direct: string[] = [];
          const rest: string[] = [];
          for (const specifier of specifiers.split(",").map((s) => s.trim()).filter(Boolean)) {
            const [imported, local = imported] = specifier.split(/\s+as\s+/) as [string, string?];
            const file = kebab(imported.replace(/^Lucide|Icon$/g, ""));
            if (existsSync(path.join(iconsDir, `${file}.mjs`))) direct.push(`import ${local} from "lucide-react/icons/${file}";`);
            else rest.push(specifier);
          }
          return [...direct, ...(rest.length ? [`import { ${rest.join(", ")} } from "lucide-react";`] : [])].join("\n");
        });
        return { contents, loader: path.extname(args.path).slice(1) as "tsx" | "ts" | "jsx" | "js", resolveDir: path.dirname(args.path) };
      });
    },
  };
}

function kebab(name: string): string {
  return name
    .replace(/([a-z])([A-Z0-9])/g, "$1-$2")
    .replace(/([0-9])([A-Za-z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}
