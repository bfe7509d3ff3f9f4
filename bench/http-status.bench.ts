// 4. GET /api/apps/[appId]/deploy/staging on `next start` under 64 concurrent
// connections, beside a static route on the same server in the same run:
// throughput ratio (target ≥ 0.5) and p99 (target ≤ 50 ms). Peak server
// memory is reported too.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { type Result, report, round } from "./stats";

const root = process.cwd();
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const DURATION = Number(process.env.BENCH_HTTP_SECONDS ?? 10);

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

  const load = (url: string, extra: Record<string, string> = {}) =>
    autocannon({ url, connections: 64, duration: DURATION, headers: extra });
  const baseline = await load(`${base}/api/health`);
  const status = await load(`${base}/api/apps/${appId}/deploy/staging`, { cookie });
  if (status.non2xx > 0) throw new Error(`${status.non2xx} status requests failed`);
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0);

  const ratio = status.requests.average / baseline.requests.average;
  const results: Result[] = [
    { name: "Status route throughput / static route (64 connections)", unit: "×", median: round(ratio), p95: round(ratio), runs: 1, target: "≥ 0.5", pass: ratio >= 0.5, note: `${round(status.requests.average)} vs ${round(baseline.requests.average)} req/s` },
    // With 64 connections always busy, mean latency is 64 ÷ throughput
    // (Little's law): the static route's own p99 in the same run is the floor.
    { name: "Status route latency under load (p50, p97.5)", unit: "ms", median: status.latency.p50, p95: status.latency.p97_5, runs: status.requests.total, target: "p99 ≤ 50 ms", pass: status.latency.p99 <= 50, note: `p99 ${status.latency.p99} ms (static route: p99 ${baseline.latency.p99} ms)` },
    { name: "Peak server memory (load test)", unit: "MB", median: round(peakKb / 1024), p95: round(peakKb / 1024), runs: 1 },
  ];
  report(results);
} finally {
  server.kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 300));
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
process.exit(0);
