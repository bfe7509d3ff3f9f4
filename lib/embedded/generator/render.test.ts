import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import { type ComponentType, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { ChatFile } from "../../v0/types";
import { type AppSpec, REQUEST_FORMS, SECTION_KINDS } from "./app-spec";
import { DEV_PACKAGE_VERSIONS, PACKAGE_VERSIONS, renderFiles } from "./render";
import { initialSpec } from "./spec";

const projectRoot = path.resolve(import.meta.dirname, "../../..");

// Every section at once, light; dark with every list option, a theme
// switch and a page each; a bare page; and a custom subject.
const everything = (extra: Partial<AppSpec>): AppSpec => ({ ...initialSpec("a recipe site"), sections: SECTION_KINDS.map((kind) => ({ kind })), ...extra });
const variants: [string, AppSpec][] = [
  ["every section", everything({})],
  ["every section, dark, many pages", everything({ dark: true, darkToggle: true, multiPage: true, font: "serif", accent: "amber", sections: SECTION_KINDS.map((kind) => (kind === "items" ? { kind, search: true, filters: true } : { kind })) })],
  ["a list with tabs and search", { ...initialSpec("a pet site with a list of pets, search and tabs"), tone: "playful" }],
  ["a bare page", { ...initialSpec("a landing page"), sections: [], footer: false }],
  ["a custom subject", initialSpec("a shop with a list of kites, a table, a menu and a chart")],
  [
    "every form and named part, many pages",
    {
      ...initialSpec("a food bank site with our mission, impact numbers for meals served and trees planted, our volunteers with bios, a chart of donations, a table of sign-ups and a Donate button"),
      multiPage: true,
      sections: [
        { kind: "mission" },
        { kind: "stats", impact: true, measures: ["meals served", "trees planted"] },
        { kind: "team", people: "volunteers" },
        { kind: "chart", measures: ["donations"] },
        { kind: "table", measures: ["sign-ups"] },
        ...REQUEST_FORMS.map((form) => ({ kind: "request" as const, form })),
      ],
      actions: [
        { label: "Donate", to: "request", form: "donation" },
        { label: "Book a visit", to: "request", form: "booking" },
      ],
    },
  ],
];

// Bundles entry files from memory, as a Next.js build would reach them
// (packages left external, styles ignored).
async function bundle(files: ChatFile[], entryPoints = ["app/page.tsx", "app/layout.tsx"]): Promise<string[]> {
  const byName = new Map(files.map((f) => [f.name, f.content]));
  const result = await build({
    entryPoints,
    bundle: true,
    write: false,
    outdir: "/out",
    format: "cjs",
    platform: "node",
    jsx: "automatic",
    logLevel: "silent",
    external: ["react", "react/*", "lucide-react", "next", "next/*", "clsx", "tailwind-merge", "class-variance-authority", "@radix-ui/*"],
    plugins: [
      {
        name: "in-memory-app",
        setup(b) {
          b.onResolve({ filter: /\.css$/ }, (args) => ({ path: args.path, namespace: "css" }));
          b.onLoad({ filter: /.*/, namespace: "css" }, () => ({ contents: "", loader: "empty" }));
          b.onResolve({ filter: /^(?:@\/|\.|app\/)/ }, (args) => {
            const name = args.path.startsWith("@/") ? args.path.slice(2) : path.posix.join(path.posix.dirname(args.importer), args.path);
            const file = [name, `${name}.tsx`, `${name}.ts`].find((candidate) => byName.has(candidate));
            return file ? { path: file, namespace: "app" } : { errors: [{ text: `${args.path} is not one of the generated files` }] };
          });
          b.onLoad({ filter: /.*/, namespace: "app" }, (args) => ({ contents: byName.get(args.path), loader: "tsx" }));
        },
      },
    ],
  });
  return result.outputFiles.map((f) => f.text);
}

const projectRequire = createRequire(path.join(projectRoot, "package.json"));

// The page rendered to HTML by React, as the server would first send it.
async function renderPage(files: ChatFile[]): Promise<string> {
  const [code] = await bundle(files, ["app/page.tsx"]);
  const cjs = { exports: {} as { default?: ComponentType } };
  new Function("require", "module", "exports", code!)(projectRequire, cjs, cjs.exports);
  return renderToStaticMarkup(createElement(cjs.exports.default!));
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

let previousProgram: ts.Program | undefined;

// Type-checks the generated files as strict TypeScript (unused imports and
// locals are errors), against the real React and lucide-react types. The
// files live in a directory that exists only in memory, inside the project
// so node_modules resolve.
function typeErrors(label: string, files: ChatFile[]): string[] {
  const dir = path.join(projectRoot, ".generated-typecheck", label.replace(/\W+/g, "-"));
  const virtual = new Map(files.map((f) => [path.join(dir, f.name), f.content]));
  virtual.set(path.join(dir, "styles.d.ts"), 'declare module "*.css";\n');
  const { options } = ts.parseJsonConfigFileContent(
    {
      compilerOptions: {
        strict: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        noEmit: true,
        skipLibCheck: true,
        isolatedModules: true,
        jsx: "react-jsx",
        module: "esnext",
        moduleResolution: "bundler",
        target: "es2022",
        lib: ["dom", "dom.iterable", "esnext"],
        paths: { "@/*": ["./*"] },
      },
      files: [],
    },
    ts.sys,
    dir,
  );
  const host = ts.createCompilerHost(options);
  const inVirtualDir = (p: string) => p === dir || p.startsWith(dir + path.sep);
  host.fileExists = (p) => virtual.has(p) || (!inVirtualDir(p) && ts.sys.fileExists(p));
  host.readFile = (p) => virtual.get(p) ?? (inVirtualDir(p) ? undefined : ts.sys.readFile(p));
  host.directoryExists = (p) => inVirtualDir(p) || [...virtual.keys()].some((f) => f.startsWith(p + path.sep)) || ts.sys.directoryExists(p);
  const realGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (p, language, onError, create) => {
    const text = virtual.get(p);
    return text === undefined ? realGetSourceFile(p, language, onError, create) : ts.createSourceFile(p, text, language, true);
  };
  const rootNames = [...virtual.keys()].filter((f) => /\.tsx?$/.test(f));
  const program = ts.createProgram({ rootNames, options, host, oldProgram: previousProgram });
  previousProgram = program;
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : "";
    return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
  });
}

const fileNames = (spec: AppSpec) => renderFiles(spec).map((f) => f.name);

describe("rendered apps", () => {
  it.each(variants)("%s bundles and renders with its title in the heading and a <main>", async (_label, spec) => {
    const files = renderFiles(spec);
    const [, layout] = await bundle(files);
    expect(layout).toContain(JSON.stringify(spec.title));
    const html = await renderPage(files);
    expect(html).toMatch(new RegExp(`<h1[^>]*>${spec.title}</h1>`));
    expect(html).toContain('<main id="main">');
  });

  it.each(variants)("%s is valid strict TypeScript, with no unused imports", (label, spec) => {
    expect(typeErrors(label, renderFiles(spec))).toEqual([]);
  }, 120_000);

  it("writes v0's project shape: pages first, sections, shadcn/ui, utils, layout, theme, package.json", () => {
    const names = fileNames(initialSpec("a recipe site with a list of recipes, search and a FAQ"));
    expect(names[0]).toBe("app/page.tsx");
    expect(names).toEqual(
      expect.arrayContaining([
        "components/recipe-list.tsx",
        "components/faq.tsx",
        "components/ui/accordion.tsx",
        "components/ui/input.tsx",
        "components/ui/card.tsx",
        "lib/utils.ts",
        "app/layout.tsx",
        "app/globals.css",
        "package.json",
        "components.json",
        "public/images/creamy-tomato-pasta.svg",
      ]),
    );
    // Only the ui components a section uses.
    expect(names).not.toContain("components/ui/tabs.tsx");
    expect(fileNames({ ...everything({}), multiPage: true })).toEqual(expect.arrayContaining(["app/faq/page.tsx", "app/visit/page.tsx"]));
  });

  it("marks stateful components as client components, and only those", () => {
    for (const [, spec] of variants) {
      for (const file of renderFiles(spec)) {
        if (!file.name.endsWith(".tsx") || file.name.startsWith("components/ui/")) continue;
        expect(file.content.startsWith('"use client";'), file.name).toBe(/\buse(?:State|Effect)\b/.test(file.content));
      }
    }
  });

  // The preview host builds offline: only packages installed here.
  it("imports only packages its package.json pins, at the versions installed beside this app", () => {
    const installed = (name: string) => (JSON.parse(readFileSync(path.join(projectRoot, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    for (const [name, version] of Object.entries({ ...PACKAGE_VERSIONS, ...DEV_PACKAGE_VERSIONS })) expect(installed(name), name).toBe(version);
    for (const [, spec] of variants) {
      const files = renderFiles(spec);
      const manifest = JSON.parse(files.find((f) => f.name === "package.json")!.content) as { dependencies: Record<string, string> };
      for (const file of files) {
        for (const [, source] of file.content.matchAll(/from\s+"([^"]+)"|import\s+"([^"]+)"/g)) {
          if (!source || source.startsWith("@/") || source.startsWith("./")) continue;
          const name = source.startsWith("@") ? source.split("/").slice(0, 2).join("/") : source.split("/")[0]!;
          expect(manifest.dependencies[name], `${file.name} imports ${source}`).toBe(installed(name));
        }
      }
      expect(files.map((f) => f.content).join("\n")).not.toMatch(/next\/font|fonts\.googleapis|https?:\/\/(?!www\.w3\.org|ui\.shadcn\.com)/);
    }
  });

  it("themes with variables: light and dark sets, the accent and a local font stack", () => {
    const css = renderFiles({ ...initialSpec("a bakery site in green"), font: "serif" }).find((f) => f.name === "app/globals.css")!.content;
    expect(css).toMatch(/^@import "tailwindcss";/);
    expect(css).toContain("@custom-variant dark (&:is(.dark *));");
    expect(css).toMatch(/:root \{[^}]*--primary: #016630;/);
    expect(css).toMatch(/\.dark \{[^}]*--primary: #05df72;/);
    expect(css).toContain("--font-app: ui-serif, Georgia");
    expect(css).toContain("--color-primary: var(--primary);");
    const layout = (spec: AppSpec) => renderFiles(spec).find((f) => f.name === "app/layout.tsx")!.content;
    expect(layout(initialSpec("a dark bakery site"))).toContain('<html lang="en" className="dark">');
    expect(layout(initialSpec("a bakery site"))).toContain('<html lang="en">');
  });

  it("keeps hostile titles and item names as text, never as code", async () => {
    const title = 'Bob\'s "Best" {app} </script> `x` ${1}';
    const spec: AppSpec = { ...initialSpec("a recipe site with a list of recipes and a FAQ"), title, addedItems: [{ title: "</script><b>" }] };
    const files = renderFiles(spec);
    const page = files.find((f) => f.name === "app/page.tsx")!.content;
    expect(page).toContain('{"Bob\'s \\"Best\\" {app} \\u003c/script> `x` ${1}"}');
    for (const file of files) expect(file.content, file.name).not.toContain("</script>");
    expect(typeErrors("hostile", files)).toEqual([]);
    const html = await renderPage(files);
    expect(html).toContain(`>${escapeHtml(title)}</h1>`);
    expect(html).toContain("&lt;/script&gt;&lt;b&gt;");
  }, 120_000);
});
