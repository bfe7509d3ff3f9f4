import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import { type ComponentType, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import type { ChatFile } from "../types";
import { APP_KINDS, type AppSpec, SECTIONS } from "./app-spec";
import { renderFiles } from "./render";
import { initialSpec } from "./spec";

const projectRoot = path.resolve(import.meta.dirname, "../../..");

// Every kind (both forms), light and dark, with every section; and a page
// with nothing but its header.
const variants: [string, AppSpec][] = [
  ...APP_KINDS.map((kind, i): [string, AppSpec] => [kind, { ...initialSpec(`a ${kind}`), kind, dark: i % 2 === 0, sections: [...SECTIONS] }]),
  ["signup form", { ...initialSpec("a sign-up form"), dark: true, sections: [...SECTIONS] }],
  ["bare landing page", { ...initialSpec("a landing page"), sections: [] }],
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
    external: ["react", "react/*", "lucide-react", "next", "next/*"],
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
  it.each(variants)("a %s bundles and renders with its title in the heading", async (_label, spec) => {
    const files = renderFiles(spec);
    const [, layout] = await bundle(files);
    expect(layout).toContain(JSON.stringify(spec.title));
    expect(await renderPage(files)).toMatch(new RegExp(`<h1[^>]*>${spec.title}</h1>`));
  });

  it.each(variants)("a %s is valid strict TypeScript, with no unused imports", (label, spec) => {
    expect(typeErrors(label, renderFiles(spec))).toEqual([]);
  });

  // The files stream to the builder's browser and show in the chat.
  it.each(variants)("a %s names no branch, commit or vendor anywhere in its code", (_label, spec) => {
    for (const file of renderFiles(spec)) expect(file.content, file.name).not.toMatch(TECHNICAL_WORDS);
  });

  it("writes the App Router files and one component per part, page first", () => {
    expect(fileNames(initialSpec("a todo app with a contact form"))).toEqual([
      "app/page.tsx",
      "components/todo-list.tsx",
      "components/contact-form.tsx",
      "components/site-footer.tsx",
      "app/layout.tsx",
      "app/globals.css",
    ]);
    expect(fileNames(initialSpec("a dashboard"))).toEqual(expect.arrayContaining(["components/stat-card.tsx", "components/data-table.tsx"]));
    expect(fileNames(initialSpec("a sign-up form"))).toContain("components/signup-form.tsx");
  });

  it("marks stateful components as client components, and only those", () => {
    for (const file of renderFiles({ ...variants[0]![1], sections: [...SECTIONS] })) {
      if (!file.name.endsWith(".tsx")) continue;
      expect(file.content.startsWith('"use client";'), file.name).toBe(/\buse(?:State|Effect)\b/.test(file.content));
    }
  });

  it("imports only React, lucide-react and the app's own files", () => {
    for (const [, spec] of variants) {
      for (const file of renderFiles(spec)) {
        for (const [, source] of file.content.matchAll(/from\s+"([^"]+)"|import\s+"([^"]+)"/g)) {
          if (source) expect(["react", "lucide-react"].includes(source) || source.startsWith("@/") || source.startsWith("./"), source).toBe(true);
        }
      }
    }
  });

  it("styles with the theme: colours, dark mode and globals.css", () => {
    const files = renderFiles(initialSpec("a dark todo app in green"));
    const css = files.find((f) => f.name === "app/globals.css")!.content;
    expect(css).toMatch(/^@import "tailwindcss";/);
    expect(css).toContain("color-scheme: dark");
    const list = files.find((f) => f.name === "components/todo-list.tsx")!.content;
    expect(list).toContain("bg-green-500");
    expect(files.find((f) => f.name === "app/page.tsx")!.content).toContain("bg-slate-950");
  });

  it("links a landing page's button to a section that exists", () => {
    const page = (spec: AppSpec) => renderFiles(spec).find((f) => f.name === "app/page.tsx")!.content;
    expect(page(initialSpec("a landing page with a contact form"))).toContain('href="#contact"');
    expect(page({ ...initialSpec("a landing page"), sections: [] })).not.toContain("href=");
  });

  it("keeps hostile titles as text, never as code", async () => {
    const title = 'Bob\'s "Best" {app} </script> `x` ${1}';
    const spec = { ...initialSpec("a todo app"), title };
    const files = renderFiles(spec);
    const page = files.find((f) => f.name === "app/page.tsx")!.content;
    expect(page).toContain('{"Bob\'s \\"Best\\" {app} \\u003c/script> `x` ${1}"}');
    expect(page).not.toContain("</script>");
    expect(typeErrors("hostile", files)).toEqual([]);
    const html = await renderPage(files);
    expect(html).toContain(`>${escapeHtml(title)}</h1>`);
    expect(html).toContain(`© 2`);
    expect(html).toContain(`${escapeHtml(title)}</p>`);
  });
});
