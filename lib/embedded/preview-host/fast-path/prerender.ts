import "server-only";

import path from "node:path";
import { build } from "esbuild";
import { redactSecrets } from "@/lib/fix-it/build-error";
import { isBuildFailure } from "../build-failure";
import { PERMISSION_FLAG } from "../node-permissions";
import { collectRun, type ToolRun } from "../run-tool";
import { spawnSandboxed } from "../sandbox/spawn";
import { projectRoot } from "../toolchain";
import { type ChildResult, MARKER, type PrerenderedPage } from "./prerender-protocol";

export type { IconLink, PrerenderedPage } from "./prerender-protocol";
// A page that threw while rendering, or (`path` null) the app's code that
// threw as it loaded, before any page; `unset` as the child noted it.
export type PrerenderFailure = { path: string | null; error: string; unset: string[] };
// `finished`: the renderer ran to the end (it started, and didn't crash or
// run out of time), so `pages` and `failures` account for every path.
export type Prerender = { pages: Map<string, PrerenderedPage>; problems: string[]; failures: PrerenderFailure[]; finished: boolean };

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
// its content before any script runs. The app's code runs in the sandbox
// (../sandbox: an unprivileged user seeing only the two files it loads, no
// network), with only the app's own settings as environment, Node's permission model as a second
// fence, and a time limit: it is generated code, and an endless loop or a
// crash must not take the builder app down with it. A page that can't
// render outside a browser (say it touches `window` while loading) is
// reported in `problems` and `failures` and left to render in the browser
// (./settings-failure.ts tells whether a setting without a value is to
// blame). The app's setting values are cut out of what it reports. Throws
// BuildFailure kind "refused" when this server may not run app code.
export async function prerender(serverBundle: string, vendorServerFile: string, paths: string[], appEnv: Record<string, string> = {}): Promise<Prerender> {
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
  let run: ToolRun;
  // The result comes on stdout; the app's console output goes to stderr.
  const stdout: Buffer[] = [];
  try {
    const child = spawnSandboxed(process.execPath, args, {
      cwd: path.dirname(serverBundle),
      readOnly: [serverBundle, vendorServerFile],
      writable: [],
      env: { ...appEnv, NODE_ENV: "production" },
      label: "prerender",
    });
    child.stdout!.on("data", (chunk: Buffer) => stdout.push(chunk));
    run = await collectRun(child, { timeoutMs: TIMEOUT_MS, keepChars: 4_000 });
  } catch (error) {
    if (isBuildFailure(error)) throw error;
    return unfinished(`the renderer could not start (${(error as Error).message})`);
  }
  const printed = Buffer.concat(stdout).toString("utf8");
  const at = printed.lastIndexOf(MARKER);
  if (at === -1) {
    const reason = run.signal === "SIGKILL" ? `it took longer than ${TIMEOUT_MS / 1000} s` : lastLine(run.output) || "the renderer stopped";
    return unfinished(redact(reason, appEnv));
  }
  const result = JSON.parse(printed.slice(at + MARKER.length)) as ChildResult;
  if ("failed" in result) {
    const error = redact(result.failed, appEnv);
    return { pages: new Map(), problems: [`pages render in the browser only: ${error}`], failures: [{ path: null, error, unset: result.unset }], finished: true };
  }
  const pages = new Map<string, PrerenderedPage>();
  const problems: string[] = [];
  const failures: PrerenderFailure[] = [];
  for (const [path, page] of Object.entries(result.pages)) {
    if ("error" in page) {
      const error = redact(page.error, appEnv);
      problems.push(`${path} renders in the browser only: ${error}`);
      failures.push({ path, error, unset: page.unset });
    } else pages.set(path, page);
  }
  return { pages, problems, failures, finished: true };
}

function unfinished(reason: string): Prerender {
  return { pages: new Map(), problems: [`pages render in the browser only: ${reason}`], failures: [], finished: false };
}

// One line, without the app's setting values: it goes to the build log.
function redact(message: string, appEnv: Record<string, string>): string {
  return redactSecrets(message, Object.values(appEnv)).replace(/\s+/g, " ").trim().slice(0, 500);
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)?.slice(0, 300) ?? "";
}
