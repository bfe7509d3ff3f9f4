// The prerender child process (see ./prerender.ts, which bundles this file
// and runs it): loads the server bundle, renders each path (those without
// params, then those the dynamic pages list), and prints the result after
// the marker. It notes the environment names the code reads and finds
// without a value, so the parent can tell a page that failed for want of a
// setting (./settings-failure.ts).
import { createRequire } from "node:module";
import { format } from "node:util";
import { type ChildResult, MARKER } from "./prerender-protocol";

type ServerBundle = typeof import("./runtime/server-entry");

const [file, pathsJson] = process.argv.slice(1) as [string, string];
for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  console[level] = (...args: unknown[]) => process.stderr.write(format(...args) + "\n");
}
const print = (result: ChildResult) => process.stdout.write(MARKER + JSON.stringify(result));
const describe = (error: unknown) => (error as Error | null)?.message || String(error);

let unsetReads = new Set<string>();
const env = process.env;
process.env = new Proxy(env, {
  get(target, key) {
    if (typeof key === "string" && !(key in target)) unsetReads.add(key);
    return Reflect.get(target, key) as unknown;
  },
});

async function main(): Promise<void> {
  let app: ServerBundle;
  try {
    app = createRequire(file)(file) as ServerBundle;
  } catch (error) {
    print({ failed: describe(error), unset: [...unsetReads] });
    return;
  }
  // What every page's modules read as they loaded.
  const loadReads = unsetReads;
  const all = JSON.parse(pathsJson) as string[];
  try {
    for (const path of await app.paths()) if (!all.includes(path)) all.push(path);
  } catch (error) {
    console.error("generateStaticParams failed: " + describe(error));
  }
  const pages: Extract<ChildResult, { pages: unknown }>["pages"] = {};
  for (const path of all) {
    unsetReads = new Set(loadReads);
    try {
      pages[path] = await app.render(path);
    } catch (error) {
      pages[path] = { error: describe(error), unset: [...unsetReads] };
    }
  }
  print({ pages });
}

void main();
