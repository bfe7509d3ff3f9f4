// Open-loop load: requests start at planned times (evenly spaced), whatever
// the server is doing, and each one's latency counts from its planned start.
// A closed loop (a fixed number of busy connections) slows its own sending
// when the server slows, which hides queueing; this is how pollers behave.
import http from "node:http";

// `slow`: when (epoch ms, planned start) each request over SLOW_MS started,
// to line bursts up with the server's own log (BENCH_SERVER_LOG).
export type OpenLoopResult = { requests: number; errors: number; p50: number; p99: number; max: number; slow: { at: number; ms: number }[] };

const SLOW_MS = 50;

const TIMEOUT_MS = 10_000;

export async function openLoop({ url, rate, seconds, headers = {} }: { url: string; rate: number; seconds: number; headers?: Record<string, string> }): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const total = rate * seconds;
  const gap = 1000 / rate;
  const start = performance.now() + 50;
  const latencies: number[] = [];
  const slow: { at: number; ms: number }[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];

  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      // Every request whose time has come starts now, even if this tick ran
      // late; its latency still counts from when it should have started.
      while (next < total && start + next * gap <= performance.now()) {
        const planned = start + next * gap;
        pending.push(
          get(url, headers, agent).then((ok) => {
            const latency = performance.now() - planned;
            latencies.push(latency);
            if (latency > SLOW_MS) slow.push({ at: Math.round(performance.timeOrigin + planned), ms: Math.round(latency) });
            if (!ok) errors++;
          }),
        );
        next++;
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, start + next * gap - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]! * 10) / 10;
  return { requests: latencies.length, errors, p50: at(0.5), p99: at(0.99), max: at(1), slow };
}

function get(url: string, headers: Record<string, string>, agent: http.Agent): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on("end", () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      res.on("error", () => resolve(false));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}
