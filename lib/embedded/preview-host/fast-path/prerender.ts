import "server-only";

import { execFile } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";
import { PERMISSION_FLAG } from "../node-permissions";
import { projectRoot } from "../toolchain";
import { type ChildResult, MARKER, type PrerenderedPage } from "./prerender-protocol";

export type { IconLink, PrerenderedPage } from "./prerender-protocol";
export type Prerender = { pages: Map<string, PrerenderedPage>; problems: string[] };

const TIMEOUT_MS = 10_000;
// Read from the project folder: the builder app's server code is bundled,
// so this module's own location says nothing about where the file is.
const CHILD_SOURCE = path.join(projectRoot, "lib/embedded/preview-host/fast-path/prerender-child.ts");

let childCode: Promise<string> | null = null;

// The child's JavaScript, compiled from ./prerender-child.ts once per
// process.
function compiledChild(): Promise<string> {
  if (!childCode) {
    childCode = build({ entryPoints: [CHILD_SOURCE], bundle: true, write: false, platform: "node", format: "cjs", target: "node20", tsconfigRaw: {}, logLevel: "silent" }).then(
      (result) => result.outputFiles[0]!.text,
    );
    childCode.catch(() => (childCode = null));
  }
  return childCode;
}

// Prerenders pages to HTML with react-dom/server, so a preview's HTML holds
// its content before any script runs. The app's code runs in a separate
// Node process with an empty environment, no access to this machine's
// files but the two it loads, and a time limit: it is generated code, and
// an endless loop or a crash must not take the builder app down with it. A
// page that can't render outside a browser (say it touches `window` while
// loading) is reported in `problems` and left to render in the browser.
export async function prerender(serverBundle: string, vendorServerFile: string, paths: string[]): Promise<Prerender> {
  const args = [
    PERMISSION_FLAG,
    `--allow-fs-read=${serverBundle}`,
    `--allow-fs-read=${vendorServerFile}`,
    "--no-warnings",
    "--max-old-space-size=256",
    "-e",
    await compiledChild(),
    serverBundle,
    JSON.stringify(paths),
  ];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { NODE_ENV: "production" }, timeout: TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const at = stdout.lastIndexOf(MARKER);
      if (at === -1) {
        const reason = error?.killed ? `it took longer than ${TIMEOUT_MS / 1000} s` : lastLine(stderr) || "the renderer stopped";
        resolve({ pages: new Map(), problems: [`pages render in the browser only: ${reason}`] });
        return;
      }
      const result = JSON.parse(stdout.slice(at + MARKER.length)) as ChildResult;
      if ("failed" in result) {
        resolve({ pages: new Map(), problems: [`pages render in the browser only: ${result.failed}`] });
        return;
      }
      const pages = new Map<string, PrerenderedPage>();
      const problems: string[] = [];
      for (const [path, page] of Object.entries(result.pages)) {
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
