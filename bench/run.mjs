// npm run bench: bundles each bench/*.bench.ts (they import app code through
// the @/ alias), runs it in its own Node process with its own data directory
// and database, then prints one table and writes bench/results.json.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bundleForNode } from "../tests/helpers/bundle-for-node.mjs";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "node_modules/.cache/csd-bench");
const only = process.argv.slice(2);
const benches = readdirSync(path.join(root, "bench"))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

const all = [];
for (const file of benches) {
  const outfile = path.join(outDir, file.replace(/\.ts$/, ".mjs"));
  await bundleForNode(path.join("bench", file), outfile);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-bench-"));
  process.stdout.write(`running ${file}…\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [outfile], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      NODE_ENV: "production",
      BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      SETTINGS_ENCRYPTION_KEY: "YmVuY2gtc2V0dGluZ3Mta2V5LWJlbmNoLXNldHRpbmc=",
      DATA_DIR: dataDir,
      PGLITE_DIR: "memory://",
      DATABASE_URL: "",
      BENCH_POSTGRES_URL: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
      LOCAL_GENERATOR_DELAY_MS: "0",
      CHAT_MESSAGES_PER_MINUTE: "100000",
      LOCAL_PREVIEW_PORT: "0",
      V0_API_KEY: "",
      GITHUB_TOKEN: "",
      VERCEL_TOKEN: "",
    },
  });
  rmSync(dataDir, { recursive: true, force: true });
  const line = run.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULTS "));
  if (!line) {
    console.error(run.stdout.slice(-2000), run.stderr.slice(-4000));
    throw new Error(`${file} produced no results (exit ${run.status})`);
  }
  for (const result of JSON.parse(line.slice("BENCH_RESULTS ".length))) all.push({ bench: file, ...result });
  process.stdout.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const rows = all.map((r) => [r.name, `${r.median} ${r.unit}`, `${r.p95} ${r.unit}`, String(r.runs), r.target ?? "", r.pass === undefined ? "" : r.pass ? "pass" : "MISS", r.note ?? ""]);
const header = ["measurement", "median", "p95", "runs", "target", "", "note"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
})();
// A run of some benches only (`npm run bench -- cycle`) prints its table but
// keeps the last full results, which the README quotes.
if (only.length === 0) {
  writeFileSync(path.join(root, "bench/results.json"), `${JSON.stringify({ date: new Date().toISOString(), machine, commit, results: all }, null, 2)}\n`);
  console.log(`\nwritten to bench/results.json (${machine})`);
} else {
  console.log(`\npartial run on ${machine}: bench/results.json left as it was`);
}
