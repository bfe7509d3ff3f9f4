import "server-only";

import { execFile } from "node:child_process";

type Attributes = { className?: string; lang?: string; dir?: string };
export type IconLink = { rel: string; href: string; type?: string; sizes?: string; media?: string };
export type PrerenderedPage = {
  html: string;
  title: string | null;
  head: { description: string | null; generator: string | null; icons: IconLink[] };
  document: { html: Attributes; body: Attributes };
};
export type Prerender = { pages: Map<string, PrerenderedPage>; problems: string[] };

const TIMEOUT_MS = 10_000;
const MARKER = "\u0000preview-prerender\u0000";

// Runs in the child: loads the server bundle, renders each path (the
// static ones, then those the dynamic pages list), and prints the result
// after a marker (the app's own console output goes to stderr, so it can't
// be mistaken for it).
const RUNNER = `
const util = require("node:util");
const [file, paths] = process.argv.slice(1);
for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
  console[level] = (...args) => process.stderr.write(util.format(...args) + "\\n");
}
const print = process.stdout.write.bind(process.stdout);
const describe = (error) => (error && error.message) || String(error);
let app;
try { app = require(file); } catch (error) { print(${JSON.stringify(MARKER)} + JSON.stringify({ failed: describe(error) })); process.exit(0); }
(async () => {
  const all = JSON.parse(paths);
  try { for (const path of await app.paths()) if (!all.includes(path)) all.push(path); } catch (error) { console.error("generateStaticParams failed: " + describe(error)); }
  const pages = {};
  for (const path of all) {
    try { pages[path] = await app.render(path); } catch (error) { pages[path] = { error: describe(error) }; }
  }
  print(${JSON.stringify(MARKER)} + JSON.stringify({ pages }));
})();
`;

// Node's permission model: the child reads the two files it needs and
// nothing else, and can't write files or start processes or workers.
export const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";

// Prerenders pages to HTML with react-dom/server, so a preview's HTML holds
// its content before any script runs. The app's code runs in a separate
// Node process with an empty environment, no access to this machine's
// files, and a time limit: it is generated code, and an endless loop or a
// crash must not take the builder app down with it. A page that can't
// render outside a browser (say it touches `window` while loading) is
// reported in `problems` and left to render in the browser.
export function prerender(serverBundle: string, vendorServerFile: string, paths: string[], appEnv: Record<string, string> = {}): Promise<Prerender> {
  const args = [
    PERMISSION_FLAG,
    `--allow-fs-read=${serverBundle}`,
    `--allow-fs-read=${vendorServerFile}`,
    "--no-warnings",
    "--max-old-space-size=256",
    "-e",
    RUNNER,
    serverBundle,
    JSON.stringify(paths),
  ];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...appEnv, NODE_ENV: "production" }, timeout: TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const at = stdout.lastIndexOf(MARKER);
      if (at === -1) {
        const reason = error?.killed ? `it took longer than ${TIMEOUT_MS / 1000} s` : lastLine(stderr) || "the renderer stopped";
        resolve({ pages: new Map(), problems: [`pages render in the browser only: ${reason}`] });
        return;
      }
      const result = JSON.parse(stdout.slice(at + MARKER.length)) as {
        failed?: string;
        pages?: Record<string, PrerenderedPage | { error: string }>;
      };
      if (result.failed) {
        resolve({ pages: new Map(), problems: [`pages render in the browser only: ${result.failed}`] });
        return;
      }
      const pages = new Map<string, PrerenderedPage>();
      const problems: string[] = [];
      for (const [path, page] of Object.entries(result.pages ?? {})) {
        if ("error" in page) problems.push(`${path} renders in the browser only: ${page.error}`);
        else pages.set(path, page);
      }
      resolve({ pages, problems });
    });
  });
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)?.slice(0, 300) ?? "";
}
