import "server-only";

import semver from "semver";
import type { CommitFiles } from "./git-tree";

// Which way a commit is built, decided from its files:
//
// - "fast": the fast path (./fast-path): esbuild and Tailwind in this
//   process, pages prerendered in a sandboxed child, served as files. Right
//   for apps whose pages all run in the browser, which is most of what v0
//   writes; a build takes well under a second once dependencies are cached.
// - "next": the app's own `next build`, served by its own `next start`
//   (./next-path). Anything that needs a server, or that the fast path can't
//   reproduce faithfully, goes here: Next.js itself is the reference.
export type BuildPlan = { path: "fast" | "next"; reasons: string[] };

const SOURCE = /\.(tsx|jsx|ts|js|mjs|cjs)$/;
const ASYNC_COMPONENT = /export\s+default\s+async\s+function|async\s+function\s+[A-Z]\w*\s*\(|\b[A-Z]\w*\s*=\s*async\s*\(/;
const SERVER_WORK: [RegExp, string][] = [
  [/\bfetch\s*\(/, "it fetches data"],
  [/process\.env\.(?!NEXT_PUBLIC_)/, "it reads server settings"],
  [/\bsearchParams\b/, "it reads the query string"],
  [/export\s+const\s+(dynamic|revalidate|fetchCache|runtime)\b/, "it sets how it renders"],
  [/from\s*["'](node:[\w/]+|fs|path|server-only)["']/, "it uses server modules"],
];

export function planBuild(files: CommitFiles): BuildPlan {
  const reasons: string[] = [];
  const add = (reason: string) => {
    if (reasons.length < 6) reasons.push(reason);
  };
  for (const [name, content] of files) {
    if (name.startsWith("node_modules/")) continue;
    if (/^(src\/)?(middleware|proxy)\.(ts|js|mjs)$/.test(name)) add(`${name} runs on the server`);
    else if (/^app\/(.+\/)?route\.(tsx|jsx|ts|js)$/.test(name)) add(`${name} is a route handler`);
    else if (/^app\/(.+\/)?(sitemap|robots|manifest|icon|apple-icon|opengraph-image|twitter-image)\.(tsx|jsx|ts|js)$/.test(name)) add(`${name} is generated on the server`);
    else if (/^src\/app\//.test(name) && /\/page\.(tsx|jsx|ts|js)$/.test(name)) add(`${name}: pages live in src/app`);
    else if (/^(src\/)?pages\/.+\.(tsx|jsx|ts|js)$/.test(name)) add(`${name} uses the Pages Router`);
    else if (/^tailwind\.config\.(ts|js|cjs|mjs)$/.test(name)) add(`${name} configures Tailwind CSS 3`);
    if (/\.css$/.test(name) && /^\s*@(plugin|config)\s/m.test(content.toString("utf8"))) add(`${name} loads a Tailwind plugin`);
    if (/^next\.config\.(js|mjs|ts|cjs)$/.test(name) && /\b(redirects|rewrites|headers|basePath|i18n|output)\s*[:(]/.test(content.toString("utf8"))) {
      add(`${name} sets server behaviour (redirects, rewrites, headers or paths)`);
    }
    if (name === "package.json" && asksForTailwind3(content.toString("utf8"))) add("package.json asks for Tailwind CSS 3");
    if (!SOURCE.test(name)) continue;
    const text = content.toString("utf8");
    if (/^\s*(["'])use server\1/m.test(text)) add(`${name} has server actions`);
    const server = /from\s*["'](next\/(headers|server|cache|og|after))["']/.exec(text);
    if (server) add(`${name} uses ${server[1]}`);
    if (/export\s+(async\s+function|const)\s+generateMetadata\b/.test(text)) add(`${name} generates its metadata on the server`);
    if (/\.(tsx|jsx)$/.test(name) && ASYNC_COMPONENT.test(text)) {
      // An async page or layout that only awaits its params is prerendered
      // by the fast path like any other page; anything more is server work.
      const pageOrLayout = /^app\/(.+\/)?(page|layout)\.(tsx|jsx)$/.test(name);
      const work = SERVER_WORK.find(([pattern]) => pattern.test(text));
      if (!pageOrLayout) add(`${name} has an async server component`);
      else if (work) add(`${name} renders on the server (${work[1]})`);
    }
  }
  return reasons.length > 0 ? { path: "next", reasons } : { path: "fast", reasons: [] };
}

// The fast path compiles Tailwind CSS 4; version 3 runs from its own
// PostCSS plugin and JavaScript config, as next build does.
function asksForTailwind3(text: string): boolean {
  try {
    const manifest = JSON.parse(text) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
    const range = manifest.devDependencies?.tailwindcss ?? manifest.dependencies?.tailwindcss;
    if (typeof range !== "string" || !semver.validRange(range)) return false;
    const lowest = semver.minVersion(range);
    return lowest !== null && lowest.major < 4;
  } catch {
    return false;
  }
}

export function describePlan(plan: BuildPlan): string {
  return plan.path === "next"
    ? `Build path: Next.js (next build, served by next start) because ${plan.reasons.join("; ")}`
    : "Build path: fast preview (no server features: pages prerendered, then run in the browser; built with esbuild)";
}
