import "server-only";

import path from "node:path";
import { build, type Message, type Plugin } from "esbuild";
import { importedNames, SLIMMED_PACKAGES, slimEntry } from "./barrel";
import { BuildFailure } from "../build-failure";
import { type AppRoutes, routesModule } from "./routes";
import { EMPTY_MODULES, GENERATED_MODULES, googleFontNames, googleFontsModule, nextModuleNames, replacedPackage, runtimeFile } from "./preview-modules";
import { isInside, type Modules } from "../toolchain";
import { CLIENT_GLOBAL, CLIENT_MODULES, SERVER_MODULES, type Vendor } from "./vendor";

export type BundleRequest = {
  workDir: string; // the commit's files, written out
  app: AppRoutes;
  sources: string[]; // contents of the app's source files
  modules: Modules; // where the app's packages are installed
  vendor: Vendor;
  // The stylesheet Tailwind compiles (./styles.ts); imported, it adds nothing.
  tailwindEntry: string | null;
  // The app's settings; only NEXT_PUBLIC_ ones reach the bundle.
  appEnv?: Record<string, string>;
};

function publicDefines(appEnv: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(appEnv).filter(([key]) => key.startsWith("NEXT_PUBLIC_")).map(([key, value]) => [`process.env.${key}`, JSON.stringify(value)]));
}

export type BundleFile = { path: string; contents: Uint8Array };
export type Bundle = { files: BundleFile[]; warnings: string[] };

const ASSET_LOADERS = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".woff", ".woff2", ".ttf", ".otf", ".mp4", ".webm", ".mp3"];

// One esbuild bundle of the app: "client" is app.js (+ app.css for CSS the
// code imports, + assets) for the browser; "server" is a CommonJS module
// that prerenders pages in Node (./prerender.ts).
export async function bundle(request: BundleRequest, side: "client" | "server"): Promise<Bundle> {
  const client = side === "client";
  const outdir = path.join(request.workDir, `.preview-${side}`); // nothing is written there
  try {
    const result = await build({
      entryPoints: [{ in: `preview:${side}`, out: "app" }],
      absWorkingDir: request.workDir,
      outdir,
      write: false,
      bundle: true,
      platform: "browser",
      format: client ? "esm" : "cjs",
      target: client ? "es2020" : "node20",
      minify: client,
      jsx: "automatic",
      jsxImportSource: "preview-jsx",
      // The app's own tsconfig.json is ignored: its paths could point
      // anywhere on this machine.
      tsconfigRaw: {},
      loader: Object.fromEntries(ASSET_LOADERS.map((ext) => [ext, "file" as const])),
      assetNames: "assets/[name]-[hash]",
      publicPath: "/",
      // NEXT_PUBLIC_ settings are inlined, as next build does; others stay
      // server-side, read at prerender time.
      define: { ...publicDefines(request.appEnv), "process.env.NODE_ENV": '"production"' },
      // Generated code reads process.env.NEXT_PUBLIC_* now and then; in the
      // browser there is no `process`.
      banner: client ? { js: 'var process = globalThis.process || { env: { NODE_ENV: "production" } };' } : undefined,
      logLevel: "silent",
      plugins: [previewPlugin(request, side)],
    });
    return {
      files: result.outputFiles.map((f) => ({ path: path.relative(outdir, f.path).split(path.sep).join("/"), contents: f.contents })),
      warnings: result.warnings.filter((w) => !/directive/i.test(w.text)).map((w) => formatMessage(w)),
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (errors?.length) throw new BuildFailure(errors.map((e) => formatMessage(e)));
    throw error;
  }
}

const CONFINED = Symbol("confined");

function previewPlugin(request: BundleRequest, side: "client" | "server"): Plugin {
  const { workDir, vendor, modules } = request;
  const vendored = new Set(side === "client" ? CLIENT_MODULES : SERVER_MODULES);
  const nextModules = nextModuleNames();
  const tailwindEntry = request.tailwindEntry && path.join(workDir, request.tailwindEntry);
  const fontNames = googleFontNames(request.sources);

  return {
    name: "preview",
    setup(b) {
      // The preview's own modules: entries, runtime, next/* stand-ins
      // (./runtime), and the modules generated for this app.
      const own = (name: string) => {
        const file = runtimeFile(name);
        if (file) return { path: file };
        if (GENERATED_MODULES.has(name) || EMPTY_MODULES.has(name)) return { path: name, namespace: "preview" };
        return null;
      };
      b.onResolve({ filter: /^preview(:|-jsx\/jsx-runtime$)/ }, (args) => own(args.path) ?? { errors: [{ text: `unknown preview module ${args.path}` }] });
      b.onResolve({ filter: /^(next|server-only|client-only)(\/.*)?$/ }, (args) => {
        const name = args.path.replace(/\.js$/, "");
        return (
          own(name) ?? { errors: [{ text: `Could not resolve "${args.path}" (previews support ${nextModules.join(", ")})` }] }
        );
      });
      b.onResolve({ filter: /^(@vercel|geist)\// }, (args) => {
        const replaced = replacedPackage(args.path);
        return replaced ? own(replaced)! : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "preview" }, (args) => {
        const contents = args.path === "preview:routes" ? routesModule(request.app) : args.path === "next/font/google" ? googleFontsModule(fontNames) : "export {};";
        return { contents, loader: "js", resolveDir: workDir };
      });

      // React comes from the shared vendor bundle (./vendor.ts).
      b.onResolve({ filter: /^react(-dom)?(\/[a-z-]+)?$/ }, (args) => (vendored.has(args.path) ? { path: args.path, namespace: "vendor" } : undefined));
      b.onResolve({ filter: /^preview-vendor$/ }, () => ({ path: vendor.serverFile, external: true }));
      b.onLoad({ filter: /.*/, namespace: "vendor" }, (args) => ({
        contents:
          side === "client"
            ? `module.exports = globalThis.${CLIENT_GLOBAL}[${JSON.stringify(args.path)}];`
            : `module.exports = require("preview-vendor")[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));

      // "@/…" is the repository root, as in the tsconfig.json v0 writes.
      b.onResolve({ filter: /^@\// }, (args) =>
        b.resolve(`./${args.path.slice(2)}`, { kind: args.kind, importer: args.importer, resolveDir: workDir, with: args.with }),
      );

      // The app's imports resolve as usual, but only to the app's files and
      // installed packages: `import "/etc/passwd"` or "../../other-app"
      // must not pull this machine's files into a preview. (Imports inside
      // installed packages are left alone: there are thousands, and they
      // are this project's own dependencies.)
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === CONFINED || (args.namespace === "file" && !isInside(workDir, args.importer))) return undefined;
        const result = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: CONFINED,
          with: args.with,
        });
        if (result.errors.length > 0 || result.external || result.namespace !== "file") return result;
        if (isInside(modules.realRoot, result.path) || isInside(modules.nodeModules, result.path)) return result;
        if (!isInside(workDir, result.path)) {
          const bare = !args.path.startsWith(".") && !path.isAbsolute(args.path);
          return { errors: [{ text: bare ? `Could not resolve "${args.path}" (not among the app's dependencies)` : `Could not resolve "${args.path}" (outside the app)` }] };
        }
        if (result.path === tailwindEntry) return { path: result.path, namespace: "tailwind-entry" };
        return result;
      });
      b.onLoad({ filter: /.*/, namespace: "tailwind-entry" }, () => ({ contents: "", loader: "css" }));

      // Heavy re-exporting entries, slimmed to what the app imports (./barrel.ts).
      for (const pkg of SLIMMED_PACKAGES) {
        const names = importedNames(pkg, request.sources);
        if (!names) continue;
        const entry = new RegExp(`[\\\\/]node_modules[\\\\/]${pkg}[\\\\/]dist[\\\\/]esm[\\\\/]${pkg}\\.m?js$`);
        b.onLoad({ filter: entry }, (args) => {
          const contents = slimEntry(args.path, names);
          return contents === null ? undefined : { contents, loader: "js", resolveDir: path.dirname(args.path) };
        });
      }
    },
  };
}

// `file:line:column: text`, with paths as the app's author knows them
// (installed packages as node_modules/…).
function formatMessage(message: Message): string {
  const location = message.location;
  // "../../deps/sets/<key>/node_modules/.pnpm/lucide-react@0.454.0/node_modules/lucide-react/…" → "node_modules/lucide-react/…"
  const text = message.text.replace(/[^\s"]*node_modules\/(?:\.pnpm\/[^/\s"]+\/node_modules\/)?/g, "node_modules/");
  if (!location) return text;
  const file = location.namespace === "file" || !location.namespace ? location.file : `${location.namespace}:${location.file}`;
  return `${file}:${location.line}:${location.column + 1}: ${text}`;
}
