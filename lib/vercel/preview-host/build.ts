import "server-only";

import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "@tailwindcss/node";
import { Scanner } from "@tailwindcss/oxide";
import { build, type Message, type Plugin } from "esbuild";
import type { FileMap } from "@/lib/files/types";
import { lucideIconImports } from "./icon-imports";
import { nextShims } from "./next-shims";

export type BuildOutput = { html: string; js: string; css: string; log: string[] };

export class BuildError extends Error {
  constructor(readonly log: string[]) {
    super(log.at(-1) ?? "build failed");
    this.name = "BuildError";
  }
}

const projectRoot = process.cwd();
const nodeModules = path.join(projectRoot, "node_modules");
const SOURCE = /\.(tsx?|jsx?|mdx?|html)$/;

// Turns a commit's files into a static site: the page is bundled with React
// by esbuild, prerendered to HTML, hydrated in the browser, and styled by
// Tailwind v4 with exactly the classes the code uses. Next.js's layout is
// not rendered (its <html>/<body> can't nest in a page); its title is kept.
export async function buildSite(files: FileMap, workDir: string): Promise<BuildOutput> {
  const log: string[] = [];
  if (!files["app/page.tsx"] && !files["app/page.jsx"] && !files["app/page.js"]) {
    throw new BuildError(["app/page.tsx: the app has no page to show"]);
  }
  await rm(workDir, { recursive: true, force: true });
  await Promise.all(
    Object.entries(files).map(async ([name, content]) => {
      const target = path.join(workDir, name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }),
  );
  const hasLayout = ["app/layout.tsx", "app/layout.jsx", "app/layout.js"].some((f) => files[f] !== undefined);

  try {
    const [client, server, css] = await Promise.all([
      bundle(workDir, clientEntry(), "browser"),
      bundle(workDir, serverEntry(hasLayout), "node"),
      tailwind(files),
    ]);
    const { html, title } = await prerender(server, workDir, log);
    log.push(`built ${Object.keys(files).length} files: page ${kb(client)}, styles ${kb(css)}`);
    return { html: document(title, html), js: client, css, log };
  } catch (error) {
    if (error instanceof BuildError) throw new BuildError([...log, ...error.log]);
    const messages = (error as { errors?: Message[] }).errors;
    if (messages?.length) throw new BuildError([...log, ...messages.map((m) => formatMessage(m, workDir))]);
    throw new BuildError([...log, `build failed: ${(error as Error).message}`]);
  }
}

function clientEntry(): string {
  return `import { createElement } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import Page from "./app/page";
const root = document.getElementById("root");
if (root.hasChildNodes()) hydrateRoot(root, createElement(Page));
else createRoot(root).render(createElement(Page));`;
}

function serverEntry(hasLayout: boolean): string {
  return `import { createElement } from "react";
import { renderToString } from "react-dom/server";
import Page from "./app/page";
${hasLayout ? 'import * as layout from "./app/layout";' : "const layout = {};"}
export function render() { return renderToString(createElement(Page)); }
export function title() { const t = layout.metadata && layout.metadata.title; return typeof t === "string" ? t : (t && t.default) || null; }`;
}

async function bundle(workDir: string, entry: string, platform: "browser" | "node"): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: workDir, loader: "tsx", sourcefile: "preview-entry.tsx" },
    bundle: true,
    write: false,
    format: "esm",
    platform,
    target: platform === "node" ? "node20" : "es2020",
    jsx: "automatic",
    minify: platform === "browser",
    logLevel: "silent",
    nodePaths: [nodeModules],
    // ESM entry points first, even for the server bundle: icon libraries ship
    // a CommonJS build of every icon, the ESM build lets esbuild keep only
    // the ones a page uses.
    mainFields: ["module", "main"],
    loader: { ".css": "empty", ".svg": "dataurl", ".png": "dataurl", ".jpg": "dataurl", ".json": "json" },
    define: { "process.env.NODE_ENV": '"production"' },
    // Bundled CommonJS (react-dom/server) requires Node built-ins at run time.
    ...(platform === "node" && { banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' } }),
    alias: { "@": workDir },
    plugins: [shimsPlugin(), lucideIconImports(nodeModules)],
  });
  return result.outputFiles[0]!.text;
}

function shimsPlugin(): Plugin {
  return {
    name: "next-shims",
    setup(b) {
      b.onResolve({ filter: /^next(\/.*)?$/ }, (args) => {
        const key = args.path.replace(/\.js$/, "");
        if (nextShims[key] === undefined) return { errors: [{ text: `Could not resolve "${args.path}" (not available in previews)` }] };
        return { path: key, namespace: "next-shim" };
      });
      b.onLoad({ filter: /.*/, namespace: "next-shim" }, (args) => ({
        contents: nextShims[args.path]!,
        loader: "js",
        resolveDir: projectRoot,
      }));
    },
  };
}

async function prerender(serverCode: string, workDir: string, log: string[]): Promise<{ html: string; title: string | null }> {
  const file = path.join(workDir, `.prerender-${Date.now()}.mjs`);
  await writeFile(file, serverCode);
  try {
    const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(file).href)) as {
      render: () => string;
      title: () => string | null;
    };
    let html = "";
    try {
      html = mod.render();
    } catch (error) {
      // Code that needs a browser to start still works; it just renders there.
      log.push(`page renders in the browser only: ${(error as Error).message}`);
    }
    return { html, title: mod.title() };
  } finally {
    await rm(file, { force: true });
  }
}

async function tailwind(files: FileMap): Promise<string> {
  const entry = files["app/globals.css"] ?? '@import "tailwindcss";';
  const compiler = await compile(entry, { base: projectRoot, onDependency: () => {} });
  const scanner = new Scanner({});
  const candidates = scanner.scanFiles(
    Object.entries(files)
      .filter(([name]) => SOURCE.test(name))
      .map(([name, content]) => ({ content, extension: path.extname(name).slice(1) })),
  );
  return compiler.build(candidates);
}

function document(title: string | null, body: string): string {
  const safeTitle = (title ?? "Preview").replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle}</title>
<link rel="stylesheet" href="/app.css">
</head>
<body class="antialiased">
<div id="root">${body}</div>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
}

function formatMessage(message: Message, workDir: string): string {
  const location = message.location;
  if (!location) return message.text;
  const file = path.isAbsolute(location.file) ? path.relative(workDir, location.file) : location.file;
  return `${file}:${location.line}:${location.column}: ${message.text}`;
}

function kb(text: string): string {
  return `${Math.max(1, Math.round(Buffer.byteLength(text) / 1024))} KB`;
}

export function faultInjected(faultFile: string | undefined): boolean {
  return Boolean(faultFile && existsSync(faultFile));
}
