import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, version as esbuildVersion } from "esbuild";
import { previewsDir } from "../store";
import { packageVersion, projectRoot } from "./toolchain";

// React is most of a preview's JavaScript and the same for every build, so
// it is bundled once, cached on disk under a name that changes with the
// installed versions, and shared: the browser gets it as a script of its
// own; prerendering loads it from the server file. Each app bundle then
// only maps these imports to it (see ./bundle.ts).
export const CLIENT_MODULES = ["react", "react/jsx-runtime", "react-dom", "react-dom/client"];
export const SERVER_MODULES = ["react", "react/jsx-runtime", "react-dom", "react-dom/server"];
export const CLIENT_GLOBAL = "__previewModules";

export type Vendor = { clientFile: string; serverFile: string };

const builds = new Map<string, Promise<Vendor>>();

export function ensureVendor(): Promise<Vendor> {
  const dir = previewsDir("vendor");
  let vendor = builds.get(dir);
  if (!vendor) {
    vendor = buildVendor(dir);
    builds.set(dir, vendor);
    vendor.catch(() => builds.delete(dir));
  }
  return vendor;
}

function modulesObject(names: string[]): string {
  return `{ ${names.map((n) => `${JSON.stringify(n)}: require(${JSON.stringify(n)})`).join(", ")} }`;
}

async function buildVendor(dir: string): Promise<Vendor> {
  const client = `globalThis.${CLIENT_GLOBAL} = ${modulesObject(CLIENT_MODULES)};`;
  const server = `module.exports = ${modulesObject(SERVER_MODULES)};`;
  const hash = createHash("sha256")
    .update(JSON.stringify([client, server, esbuildVersion, ...["react", "react-dom", "scheduler"].map(packageVersion)]))
    .digest("hex")
    .slice(0, 16);
  const vendor = { clientFile: path.join(dir, `react-${hash}.js`), serverFile: path.join(dir, `react-server-${hash}.cjs`) };
  await Promise.all([
    bundleOnce(vendor.clientFile, client, "browser"),
    bundleOnce(vendor.serverFile, server, "node"),
  ]);
  return vendor;
}

async function bundleOnce(file: string, contents: string, platform: "browser" | "node"): Promise<void> {
  if (existsSync(file)) return;
  const result = await build({
    stdin: { contents, resolveDir: projectRoot, sourcefile: "vendor.js", loader: "js" },
    absWorkingDir: projectRoot,
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
