import "server-only";

import type { SourceFiles } from "../git-tree";

const CONFIG = /^next\.config\.(js|mjs|cjs|ts|mts)$/;
export const APP_CONFIG_PREFIX = ".preview-app.next.config";

// The app's files as its workspace holds them: the app's next.config
// wrapped in one of the host's, which turns on what this host's builds
// need and leaves everything else the app configured as it was.
//
// Turbopack's file-system cache for `next build` (`.next/cache`) is what
// lets a follow-up version rebuild only what changed; Next.js 16.4 turns it
// on by default, 16.0–16.3 only when asked. The app's own config keeps its
// contents under another name, imported by the wrapper, so its errors and
// behaviour are its own.
export function withHostConfig(files: SourceFiles, nextMajor: number): SourceFiles {
  if (nextMajor < 16) return files;
  const out: SourceFiles = new Map(files);
  const app = [...files.keys()].find((name) => CONFIG.test(name));
  if (!app) {
    out.set("next.config.mjs", Buffer.from(wrapper("mjs", null)));
    return out;
  }
  const ext = CONFIG.exec(app)![1]!;
  const moved = `${APP_CONFIG_PREFIX}.${ext}`;
  out.delete(app);
  out.set(moved, files.get(app)!);
  out.set(app, Buffer.from(wrapper(ext === "js" && !isModulePackage(files) ? "cjs" : ext, `./${moved}`)));
  return out;
}

function wrapper(kind: string, appConfig: string | null): string {
  const body = `// Written by the preview host: the app's next.config, plus the build cache.
const withHost = (appConfig) => async (phase, context) => {
  const config = (typeof appConfig === "function" ? await appConfig(phase, context) : await appConfig) ?? {};
  return { ...config, experimental: { ...config.experimental, turbopackFileSystemCacheForBuild: true } };
};
`;
  if (kind === "ts" || kind === "mts") return `// @ts-nocheck\n${load(appConfig)}${body}export default withHost(appConfig);\n`;
  if (kind === "cjs") return `${body}module.exports = withHost(${appConfig ? `require(${JSON.stringify(appConfig)})` : "{}"});\n`;
  return `${load(appConfig)}${body}export default withHost(appConfig);\n`;
}

function load(appConfig: string | null): string {
  return appConfig ? `import appConfig from ${JSON.stringify(appConfig)};\n` : "const appConfig = {};\n";
}

function isModulePackage(files: SourceFiles): boolean {
  try {
    return (JSON.parse(files.get("package.json")?.toString("utf8") ?? "{}") as { type?: string }).type === "module";
  } catch {
    return false;
  }
}
