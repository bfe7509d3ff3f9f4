import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { copyFile, link, mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { detectSettings } from "@/lib/settings/detect";
import type { SourceFiles } from "../git-tree";
import { type Bundle, bundle } from "./bundle";
import { htmlDocument } from "./document";
import { BuildFailure, isBuildFailure } from "../build-failure";
import { type FastPathManifest, MANIFEST_FILE } from "../manifest";
import { prerender } from "./prerender";
import { fallbackMetrics, type FontFace, fontFaces } from "../deps/fonts";
import { findFontCalls, fontRequest, fontStyles } from "../font-calls";
import type { IconLink } from "./prerender";
import { findRoutes } from "./routes";
import { settingsFailure } from "./settings-failure";
import { compileStyles, tailwindEntry } from "./styles";
import { compileStylesV3, installedTailwindMajor } from "./styles-v3";
import type { Modules } from "../toolchain";
import { ensureVendor } from "./vendor";


const TEXT = /\.(tsx|jsx|ts|js|mjs|cjs|css|json|md|mdx|html|svg|txt)$/;
const VENDOR_PATH = "__preview";

// A commit's files → a static site in `outDir`: the app bundled with
// esbuild against its own installed packages (`modules`; React shared, see
// ./vendor.ts), styled by Tailwind with the classes it uses, each page
// prerendered to HTML and hydrated in the browser. Throws BuildFailure,
// with log lines naming the file, when the app's code doesn't build, or
// naming the settings, when a page fails for want of a setting's value.
// `outDir` appears complete or not at all.
export async function buildFastPath({
  files,
  workDir,
  outDir,
  modules,
  appEnv = {},
}: {
  files: SourceFiles;
  workDir: string;
  outDir: string;
  modules: Modules;
  // The app's own settings: NEXT_PUBLIC_ ones inlined, all of them the prerender's environment.
  appEnv?: Record<string, string>;
}): Promise<{ log: string[] }> {
  const started = Date.now();
  const texts = new Map<string, string>();
  for (const [name, content] of files) if (TEXT.test(name)) texts.set(name, content.toString("utf8"));
  const app = findRoutes([...files.keys()]);
  if (app.routes.length === 0) throw new BuildFailure(["app/page.tsx: not found (an app needs at least one page)"]);
  const log = [`Building ${app.routes.length} ${app.routes.length === 1 ? "page" : "pages"} from ${files.size} files`];

  await rm(workDir, { recursive: true, force: true });
  const [vendor] = await Promise.all([ensureVendor(modules), writeFiles(workDir, files, modules)]);
  const entry = tailwindEntry(texts);
  const sources = [...texts].filter(([name]) => /\.(tsx|jsx|ts|js|mjs)$/.test(name)).map(([, text]) => text);
  const request = { workDir, app, sources, vendor, modules, tailwindEntry: entry, appEnv };

  const fontCalls = findFontCalls(sources);
  const fonts = fontFaces(fontCalls.flatMap((call) => fontRequest(call) ?? []));
  const bundling = Date.now();
  const [client, server, styles] = await Promise.allSettled([bundle(request, "client"), bundle(request, "server"), compileAppStyles(workDir, entry, texts, modules)]);
  const failures = [client, server, styles].flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    const unexpected = failures.find((f) => !isBuildFailure(f));
    if (unexpected) throw unexpected;
    throw new BuildFailure([...new Set(failures.flatMap((f) => (f as BuildFailure).lines))]);
  }
  const clientBundle = (client as PromiseFulfilledResult<Bundle>).value;
  const serverBundle = (server as PromiseFulfilledResult<Bundle>).value;
  const { css, classes, warnings } = (styles as PromiseFulfilledResult<Awaited<ReturnType<typeof compileStyles | typeof compileStylesV3>>>).value;
  const appJs = fileOf(clientBundle, "app.js")!;
  const { faces, log: fontLog } = await fonts;
  // Named by their contents, as the preview server caches /__preview/ files
  // for good.
  const fontFiles = new Map<string, Buffer>(); // URL path → font file
  const fontUrl = (face: FontFace) => {
    const contents = readFileSync(face.file);
    const hash = createHash("sha256").update(contents).digest("hex").slice(0, 12);
    const urlPath = `/${VENDOR_PATH}/fonts/${path.basename(face.file, ".woff2")}.${hash}.woff2`;
    fontFiles.set(urlPath, contents);
    return urlPath;
  };
  const appCss = [css, fileOf(clientBundle, "app.css") ?? "", fontStyles(fontCalls, { faces, url: fontUrl, metrics: fallbackMetrics })].filter(Boolean).join("\n");
  log.push(
    ...fontLog,
    ...[...warnings, ...clientBundle.warnings].slice(0, 10).map((w) => `warning: ${w}`),
    `Bundled app.js (${kb(appJs)}) and app.css (${kb(appCss)}, ${classes === null ? "Tailwind CSS 3" : `${classes} class candidates`}) in ${Date.now() - bundling} ms`,
  );

  const prerendering = Date.now();
  const serverFile = path.join(workDir, ".preview-server", "app.cjs");
  await mkdir(path.dirname(serverFile), { recursive: true });
  await writeFile(serverFile, fileOf(serverBundle, "app.js")!);
  const staticPaths = app.routes.flatMap((r) => (r.staticPath ? [r.staticPath] : []));
  const rendered = await prerender(serverFile, vendor.serverFile, staticPaths, appEnv);
  const { pages, problems } = rendered;
  const wantsSettings = await settingsFailure(rendered, new Set(detectSettings(Object.fromEntries(texts))), (standIns) =>
    prerender(serverFile, vendor.serverFile, staticPaths, { ...appEnv, ...standIns }),
  );
  if (wantsSettings) throw new BuildFailure(wantsSettings);
  const pagePaths = [...new Set([...staticPaths, ...pages.keys()])];
  log.push(...problems, `Prerendered ${pages.size} of ${pagePaths.length} ${pagePaths.length === 1 ? "page" : "pages"} in ${Date.now() - prerendering} ms`);

  const manifest: FastPathManifest = { kind: "fast-path", routes: app.routes.map((r) => ({ pattern: r.pattern })), pages: {}, files: {}, fallback: "shell.html" };
  const output = new Map<string, Uint8Array | string>();
  const serve = (urlPath: string, file: string, contents: Uint8Array | string) => {
    manifest.files[urlPath] = file;
    output.set(file, contents);
  };
  // The app's public/ files first, so they can't replace the build's own.
  for (const [name, content] of files) if (name.startsWith("public/")) serve(`/${name.slice("public/".length)}`, name, content);
  const fileIcons: IconLink[] = [];
  for (const [name, content] of files) {
    const icon = iconFile(name);
    if (!icon) continue;
    serve(`/${icon.href.slice(1)}`, name, content);
    fileIcons.push(icon);
  }
  for (const asset of clientBundle.files) if (asset.path.startsWith("assets/")) serve(`/${asset.path}`, asset.path, asset.contents);
  for (const [urlPath, contents] of fontFiles) serve(urlPath, urlPath.slice(1), contents);
  serve("/app.js", "app.js", appJs);
  serve("/app.css", "app.css", appCss);
  const vendorFile = `${VENDOR_PATH}/${path.basename(vendor.clientFile)}`;
  manifest.files[`/${vendorFile}`] = vendorFile;

  const page = (file: string, urlPath: string | null) => {
    output.set(file, htmlDocument({ vendorScript: `/${vendorFile}`, page: (urlPath && pages.get(urlPath)) || null, fileIcons }));
    if (urlPath) manifest.pages[urlPath] = file;
  };
  page("index.html", "/");
  page(manifest.fallback, null);
  pagePaths.filter((p) => p !== "/").forEach((p, i) => page(`pages/${i + 1}.html`, p));

  await writeOutput(outDir, output, { file: vendorFile, source: vendor.clientFile }, manifest);
  log.push(`Build completed in ${Date.now() - started} ms`);
  return { log };
}

// Tailwind CSS 4 in this process; an app that installed Tailwind CSS 3
// gets that, with its tailwind.config, in a sandboxed child (./styles-v3.ts).
function compileAppStyles(workDir: string, entry: string | null, texts: Map<string, string>, modules: Modules) {
  return installedTailwindMajor(modules) === 3 ? compileStylesV3(workDir, entry, texts, modules) : compileStyles(workDir, entry, texts, modules);
}

// Written to a fresh folder, then renamed into place: a build folder is
// complete or absent. React is the same file for every build, so it is
// linked rather than copied.
async function writeOutput(outDir: string, output: Map<string, Uint8Array | string>, vendor: { file: string; source: string }, manifest: FastPathManifest): Promise<void> {
  const staging = `${outDir}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    for (const [file, contents] of output) {
      await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
      await writeFile(path.join(staging, file), contents);
    }
    const vendorCopy = path.join(staging, vendor.file);
    await mkdir(path.dirname(vendorCopy), { recursive: true });
    await link(vendor.source, vendorCopy).catch(() => copyFile(vendor.source, vendorCopy));
    await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest));
    await rename(staging, outDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

// The commit's files, and node_modules linked to its installed packages, so
// imports resolve there before anywhere up the tree. A committed
// node_modules folder is never used.
async function writeFiles(workDir: string, files: SourceFiles, modules: Modules): Promise<void> {
  const written = [...files].filter(([name]) => !name.startsWith("node_modules/"));
  const dirs = new Set([workDir, ...written.map(([name]) => path.dirname(path.join(workDir, name)))]);
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  await Promise.all(written.map(([name, content]) => writeFile(path.join(workDir, name), content)));
  await symlink(modules.nodeModules, path.join(workDir, "node_modules"), "dir");
}

// The App Router's icon files: app/favicon.ico, app/icon.* and
// app/apple-icon.* (images only; generated icons take the Next.js path).
function iconFile(name: string): IconLink | null {
  const found = /^app\/(favicon\.ico|(icon|apple-icon)\.(ico|png|svg|jpe?g|gif|webp))$/.exec(name);
  if (!found) return null;
  const type = { ico: "image/x-icon", png: "image/png", svg: "image/svg+xml", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp" }[found[3] ?? "ico"];
  if (found[1] === "favicon.ico") return { rel: "icon", href: "/favicon.ico", sizes: "any" };
  return { rel: found[2] === "apple-icon" ? "apple-touch-icon" : "icon", href: `/${found[1]}`, type };
}

function fileOf(result: Bundle, name: string): Uint8Array | undefined {
  return result.files.find((f) => f.path === name)?.contents;
}

function kb(contents: Uint8Array | string): string {
  const bytes = typeof contents === "string" ? Buffer.byteLength(contents) : contents.byteLength;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
