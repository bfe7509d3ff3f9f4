// 4. GET /api/apps/[appId]/deploy/staging on `next start`, beside a static
// route on the same server in the same run:
//    - open loop at a fixed 300 requests/s (300 open tabs polling once a
//      second) for 20 s, after 5 s at the same rate that isn't counted (the
//      first polls open the database pool and warm the code; tabs that have
//      been polling for a while are the steady state measured): p99 from each
//      request's planned start ≤ 50 ms, and no errors;
//    - 64 always-busy connections: throughput ratio (target ≥ 0.5).
// Peak server memory is reported too.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
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

const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
  stdio: "ignore",
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
  const open = async (url: string, extra: Record<string, string> = {}) => {
    await openLoop({ url, rate: OPEN_RATE, seconds: WARMUP_SECONDS, headers: extra });
    return openLoop({ url, rate: OPEN_RATE, seconds: OPEN_SECONDS, headers: extra });
  };
  const openStatic = await open(`${base}/api/health`);
  const openStatus = await open(statusUrl, { cookie });
  const openRows: Result[] = [
    {
      name: `Status route latency, open loop at ${OPEN_RATE} req/s (p50, p99)`,
      unit: "ms",
      median: openStatus.p50,
      p95: openStatus.p99,
      runs: openStatus.requests,
      target: "p99 ≤ 50 ms, 0 errors",
      pass: openStatus.p99 <= 50 && openStatus.errors === 0,
      note: `${openStatus.errors} errors, max ${openStatus.max} ms`,
    },
    // The floor on the same server and machine at the same rate.
    {
      name: `Static route latency, open loop at ${OPEN_RATE} req/s (p50, p99)`,
      unit: "ms",
      median: openStatic.p50,
      p95: openStatic.p99,
      runs: openStatic.requests,
      note: `${openStatic.errors} errors, max ${openStatic.max} ms`,
    },
  ];
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
