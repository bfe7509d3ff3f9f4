import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, version as esbuildVersion } from "esbuild";
import { previewsDir } from "../store";
import { BuildFailure } from "../build-failure";
import type { Modules } from "../toolchain";

// React is most of a preview's JavaScript and the same for every build of
// a dependency set, so it is bundled once per React version, cached on disk
// under a name that changes with the installed versions, and shared: the
// browser gets it as a script of its own; prerendering loads it from the
// server file. Each app bundle then only maps these imports to it (see
// ./bundle.ts).
export const CLIENT_MODULES = ["react", "react/jsx-runtime", "react-dom", "react-dom/client"];
export const SERVER_MODULES = ["react", "react/jsx-runtime", "react-dom", "react-dom/static"];
export const CLIENT_GLOBAL = "__previewModules";

export type Vendor = { clientFile: string; serverFile: string };

const builds = new Map<string, Promise<Vendor>>();

export function ensureVendor(modules: Modules): Promise<Vendor> {
  const dir = previewsDir("vendor");
  const versions = ["react", "react-dom", "scheduler"].map((name) => packageVersion(modules, name));
  if (versions[0] === null || versions[1] === null) {
    return Promise.reject(new BuildFailure(["package.json: react and react-dom must be among the app's dependencies"]));
  }
  const id = JSON.stringify([dir, modules.nodeModules, versions]);
  let vendor = builds.get(id);
  if (!vendor) {
    vendor = buildVendor(dir, modules, versions);
    builds.set(id, vendor);
    vendor.catch(() => builds.delete(id));
  }
  return vendor;
}

function packageVersion(modules: Modules, name: string): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(modules.nodeModules, name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return null;
  }
}

function modulesObject(names: string[]): string {
  return `{ ${names.map((n) => `${JSON.stringify(n)}: require(${JSON.stringify(n)})`).join(", ")} }`;
}

async function buildVendor(dir: string, modules: Modules, versions: (string | null)[]): Promise<Vendor> {
  const client = `globalThis.${CLIENT_GLOBAL} = ${modulesObject(CLIENT_MODULES)};`;
  const server = `module.exports = ${modulesObject(SERVER_MODULES)};`;
  const hash = createHash("sha256")
    .update(JSON.stringify([client, server, esbuildVersion, ...versions]))
    .digest("hex")
    .slice(0, 16);
  const vendor = { clientFile: path.join(dir, `react-${hash}.js`), serverFile: path.join(dir, `react-server-${hash}.cjs`) };
  await Promise.all([
    bundleOnce(vendor.clientFile, client, "browser", modules),
    bundleOnce(vendor.serverFile, server, "node", modules),
  ]);
  return vendor;
}

async function bundleOnce(file: string, contents: string, platform: "browser" | "node", modules: Modules): Promise<void> {
  if (existsSync(file)) return;
  // React resolves from the dependency set's node_modules.
  const resolveDir = path.dirname(modules.nodeModules);
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: "vendor.js", loader: "js" },
    absWorkingDir: resolveDir,
    bundle: true,
    write: false,
    platform,
    format: platform === "browser" ? "iife" : "cjs",
    target: platform === "browser" ? "es2020" : "node20",
    minify: platform === "browser",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  // Several processes may build it at once: each writes its own temporary
  // file and renames it into place, and the contents are identical.
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temp, result.outputFiles[0]!.contents);
  await rename(temp, file);
}
