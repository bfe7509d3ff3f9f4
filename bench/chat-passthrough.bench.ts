// 6. /api/chat passthrough: the first byte through the route minus the first
// byte written by the upstream (a local server streaming like v0), target
// ≤ 20 ms; and chunks reach the caller as the upstream sends them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { toNextJsHandler } from "better-auth/next-js";
import { POST as chat } from "@/app/api/chat/route";
import { getAuth } from "@/lib/auth";
import { migrateDatabase } from "@/lib/db/migrate";
import { type Result, report, summarize } from "./stats";

const RUNS = 20;
const CHUNKS = 8;
const GAP_MS = 25;
const now = () => performance.timeOrigin + performance.now();
let upstreamFirstByte = 0;

const upstream = http.createServer((req, res) => {
  req.resume();
  req.on("end", async () => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    upstreamFirstByte = now();
    res.write(`data: ${JSON.stringify({ object: "chat", id: `chat_${Math.random().toString(36).slice(2)}` })}\n\n`);
    for (let i = 0; i < CHUNKS; i++) {
      await new Promise((r) => setTimeout(r, GAP_MS));
      res.write(`data: ${JSON.stringify({ delta: [[0, 1, 0, 2, `word${i} `], 9, 9] })}\n\n`);
    }
    res.end("data: [DONE]\n\n");
  });
});
await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
process.env.V0_API_KEY = "bench";
process.env.V0_API_URL = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;

await migrateDatabase();
const signUp = await toNextJsHandler(getAuth()).POST(
  new Request("http://localhost:3000/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost:3000" },
    body: JSON.stringify({ email: "bench@example.com", password: "correct horse battery", name: "Bench" }),
  }),
);
const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

const firstByteGap: number[] = [];
const spread: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const res = await chat(
    new Request("http://localhost:3000/api/chat", {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ message: `a todo app ${run}` }),
    }),
    { params: Promise.resolve({}) },
  );
  const reader = res.body!.getReader();
  const arrivals: number[] = [];
  for (;;) {
    const { done } = await reader.read();
    if (done) break;
    arrivals.push(now());
  }
  firstByteGap.push(arrivals[0]! - upstreamFirstByte);
  // Unbuffered: the caller's chunks span the upstream's own pacing.
  spread.push(arrivals.at(-1)! - arrivals[0]!);
}
upstream.close();

const results: Result[] = [
  summarize("/api/chat first byte after the upstream's", "ms", firstByteGap, { max: 20, label: "≤ 20 ms" }),
  summarize(`/api/chat chunk arrival span (upstream sends over ${CHUNKS * GAP_MS} ms)`, "ms", spread, { min: CHUNKS * GAP_MS * 0.8, label: `≥ ${CHUNKS * GAP_MS * 0.8} ms (not buffered)` }),
];
report(results);
process.exit(0);
