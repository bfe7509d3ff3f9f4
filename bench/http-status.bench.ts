// 4. GET /api/apps/[appId]/deploy/staging on `next start`, beside a static
// route on the same server in the same run:
//    - open loop at a fixed 300 requests/s (300 open tabs polling once a
//      second) for 20 s, after 5 s at the same rate that isn't counted (the
//      first polls open the database pool and warm the code; tabs that have
//      been polling for a while are the steady state measured), five runs
//      (BENCH_OPEN_RUNS), each reported: p99 from each request's planned
//      start ≤ 50 ms and ≤ 4× the static route's p99 in the same run, no
//      errors, in at least 4 of 5 runs;
//    - 64 always-busy connections: throughput ratio (target ≥ 0.5).
// Peak server memory is reported too.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { openLoop } from "./open-loop";
import { type Result, report, round } from "./stats";

const root = process.cwd();
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const DURATION = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const OPEN_RATE = Number(process.env.BENCH_OPEN_RATE ?? 300);
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_OPEN_WARMUP_SECONDS ?? 5);
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 5);
// Diagnostics: extra Node flags for the server (e.g. --trace-gc) and a file
// for its output, which then starts with the server's start time (epoch ms).
const SERVER_ARGS = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
const SERVER_LOG = process.env.BENCH_SERVER_LOG;

if (!process.env.BENCH_SKIP_BUILD) execFileSync(process.execPath, [nextBin, "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });

const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const base = `http://localhost:${port}`;
const dbName = `bench_http_${randomBytes(4).toString("hex")}`;
const admin = postgres(process.env.BENCH_POSTGRES_URL!, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const dbUrl = new URL(process.env.BENCH_POSTGRES_URL!);
dbUrl.pathname = `/${dbName}`;

if (SERVER_LOG) writeFileSync(SERVER_LOG, `started ${Date.now()}\n`);
// Started as `npm start` starts it (its Node flags: a young generation sized
// for a server's request garbage, see README), without npm in between.
const startFlags = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start.split(" ").filter((word) => word.startsWith("--"));
const server = spawn(process.execPath, [...startFlags, ...SERVER_ARGS, nextBin, "start", "-p", String(port)], {
  stdio: SERVER_LOG ? ["ignore", openSync(SERVER_LOG, "a"), openSync(SERVER_LOG, "a")] : "ignore",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", APP_URL: base, DATABASE_URL: dbUrl.toString() },
});
// A server left running after a crash would slow every later run on this machine.
process.on("exit", () => server.kill("SIGKILL"));

try {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const headers = { "content-type": "application/json", origin: base };
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, { method: "POST", headers, body: JSON.stringify({ email: "bench@example.com", password: "correct horse battery", name: "Bench" }) });
  const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const reply = await fetch(`${base}/api/chat`, { method: "POST", headers: { ...headers, cookie }, body: JSON.stringify({ message: "a todo app" }) });
  const appId = reply.headers.get("x-app-id")!;
  const chatId = /"object":"chat","id":"([^"]+)"/.exec(await reply.text())![1];
  await fetch(`${base}/api/apps/${appId}/preview/sync`, { method: "POST", headers: { ...headers, cookie }, body: JSON.stringify({ chatId }) });

  const statusUrl = `${base}/api/apps/${appId}/deploy/staging`;
  // Warm-up first (not counted), then runs of the static route and the
  // status route side by side, each run judged against the static route of
  // the same run: p99 ≤ 50 ms and ≤ 4× the static route's.
  await openLoop({ url: `${base}/api/health`, rate: OPEN_RATE, seconds: WARMUP_SECONDS });
  await openLoop({ url: statusUrl, rate: OPEN_RATE, seconds: WARMUP_SECONDS, headers: { cookie } });
  const openRows: Result[] = [];
  let passed = 0;
  for (let run = 1; run <= OPEN_RUNS; run++) {
    const openStatic = await openLoop({ url: `${base}/api/health`, rate: OPEN_RATE, seconds: OPEN_SECONDS });
    const openStatus = await openLoop({ url: statusUrl, rate: OPEN_RATE, seconds: OPEN_SECONDS, headers: { cookie } });
    const ratio = openStatus.p99 / Math.max(openStatic.p99, 1);
    const pass = openStatus.p99 <= 50 && ratio <= 4 && openStatus.errors === 0;
    if (pass) passed++;
    if (SERVER_LOG) writeFileSync(`${SERVER_LOG}.slow-${run}.json`, JSON.stringify({ static: openStatic.slow, status: openStatus.slow }));
    openRows.push({
      name: `Status route latency, open loop at ${OPEN_RATE} req/s, run ${run} (p50, p99)`,
      unit: "ms",
      median: openStatus.p50,
      p95: openStatus.p99,
      runs: openStatus.requests,
      target: "p99 ≤ 50 ms and ≤ 4× static, 0 errors",
      pass,
      note: `${openStatus.errors} errors, max ${openStatus.max} ms; static route p50 ${openStatic.p50} ms, p99 ${openStatic.p99} ms (${round(ratio)}×), max ${openStatic.max} ms`,
    });
  }
  openRows.push({
    name: `Status route open-loop runs within target (of ${OPEN_RUNS})`,
    unit: "runs",
    median: passed,
    p95: passed,
    runs: OPEN_RUNS,
    target: `≥ ${Math.ceil(OPEN_RUNS * 0.8)}`,
    pass: passed >= Math.ceil(OPEN_RUNS * 0.8),
  });
  // Not process.exit: the finally below must stop the server.
  if (process.env.BENCH_OPEN_ONLY) report(openRows);
  else report([...openRows, ...(await closedLoop(statusUrl, cookie))]);
} finally {
  server.kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 300));
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
process.exit(0);

// 64 always-busy connections (autocannon), status route against the static one.
async function closedLoop(statusUrl: string, cookie: string): Promise<Result[]> {
  const load = (url: string, extra: Record<string, string> = {}) => autocannon({ url, connections: 64, duration: DURATION, headers: extra });
  const baseline = await load(`${base}/api/health`);
  const status = await load(statusUrl, { cookie });
  if (status.non2xx > 0) throw new Error(`${status.non2xx} status requests failed`);
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0);
  const ratio = status.requests.average / baseline.requests.average;
  return [
    { name: "Status route throughput / static route (64 connections)", unit: "×", median: round(ratio), p95: round(ratio), runs: 1, target: "≥ 0.5", pass: ratio >= 0.5, note: `${round(status.requests.average)} vs ${round(baseline.requests.average)} req/s` },
    // With 64 connections always busy, mean latency is 64 ÷ throughput
    // (Little's law): shown for the record; the latency target is the open-loop row's.
    { name: "Status route latency, 64 busy connections (p50, p97.5)", unit: "ms", median: status.latency.p50, p95: status.latency.p97_5, runs: status.requests.total, note: `p99 ${status.latency.p99} ms (static route: p99 ${baseline.latency.p99} ms)` },
    { name: "Peak server memory (load test)", unit: "MB", median: round(peakKb / 1024), p95: round(peakKb / 1024), runs: 1 },
  ];
}
