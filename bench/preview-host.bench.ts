// The local preview host with v0-shaped projects (tests/fixtures/v0-projects):
// commit pushed → deployment READY, which is a reply's path to its preview
// less the orchestration measured in cycle.bench.ts.
// 1. Bakery (83 files, 58 dependencies, fast path), empty dependency cache
//    (installs from the npm registry). Target ≤ 120 s.
// 2. The same, warm cache (another version of the app). Target p50 ≤ 3 s.
// 3. Nursery (Tailwind CSS 3, fast path), warm cache. Target p50 ≤ 3 s.
// 4. The local generator's kinds, built from this server's own packages.
//    Target p50 ≤ 1 s.
// 5. Invoicing (server features: next build + next start), warm dependency
//    cache: the app's first build, then a follow-up version built in its
//    kept workspace with Next.js's build cache. Targets: first ≤ 40 s,
//    follow-up ≤ 50% of the first.
// Peak memory of the host process (this one) is reported for the fast-path
// runs; pnpm and next build run as child processes and are not included.
import { injectInvariants } from "@/lib/deploy/post-process";
import type { FileMap } from "@/lib/files/types";
import { renderFiles } from "@/lib/embedded/generator/render";
import { APP_KINDS, initialSpec } from "@/lib/embedded/generator/spec";
import { createLocalPreviewHost } from "@/lib/embedded/preview-host";
import { loadV0Fixture } from "@/tests/fixtures/v0-projects";
import { type BenchApp, benchApps, copyFixtureDeps } from "./local-host";
import { type Result, report, round, summarize } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const host = createLocalPreviewHost();

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const apps = benchApps(host, "bench");
const project = apps.create;
const timedPush = async (app: BenchApp, files: FileMap) => (await apps.push(app, files)).ms;

function withHeading(files: FileMap, run: number): FileMap {
  const page = files["app/page.tsx"] as string;
  return { ...files, "app/page.tsx": page.replace("Fresh bread, baked before sunrise", `Fresh bread, batch ${run}`) };
}

copyFixtureDeps(import.meta.dirname);

const results: Result[] = [];
const bakery = loadV0Fixture("bakery");
const fastProject = await project();

const cold = await timedPush(fastProject, bakery);
results.push(summarize("v0 fixture commit → preview ready, cold dependency cache (bakery, fast path)", "ms", [cold], { max: 120_000, label: "≤ 120 s" }));

const warm: number[] = [];
for (let run = 1; run <= RUNS; run++) warm.push(await timedPush(fastProject, withHeading(bakery, run)));
results.push(summarize("v0 fixture commit → preview ready, warm cache (bakery, fast path)", "ms", warm, { max: 3_000, label: "p50 ≤ 3 s" }));

const nursery = loadV0Fixture("nursery");
const tailwind3Project = await project();
await timedPush(tailwind3Project, nursery); // installs its dependency set
const tailwind3: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const page = nursery["app/page.tsx"] as string;
  tailwind3.push(await timedPush(tailwind3Project, { ...nursery, "app/page.tsx": page.replace("Plants that thrive where you live", `Plants that thrive, batch ${run}`) }));
}
results.push(summarize("v0 fixture commit → preview ready, warm cache (nursery, Tailwind CSS 3, fast path)", "ms", tailwind3, { max: 3_000, label: "p50 ≤ 3 s" }));

const kinds: number[] = [];
const kindProject = await project();
for (const kind of APP_KINDS) {
  for (let run = 0; run < 3; run++) {
    const spec = initialSpec(`a ${kind} for my bakery number ${run}`);
    kinds.push(await timedPush(kindProject, injectInvariants(Object.fromEntries(renderFiles(spec).map((f) => [f.name, f.content])))));
  }
}
results.push(summarize("Local generator apps commit → preview ready (7 kinds × 3)", "ms", kinds, { max: 1_000, label: "p50 ≤ 1 s" }));
const fastPeak = peakRss;
results.push({ name: "Peak memory of the host during the fast-path runs above", unit: "MB", median: round(fastPeak / 2 ** 20), p95: round(fastPeak / 2 ** 20), runs: 1, target: "< 1024 MB", pass: fastPeak < 2 ** 30 });

const serverProject = await project();
const invoicing = loadV0Fixture("invoicing");
const server: number[] = [];
for (let run = 0; run < 2; run++) {
  const page = invoicing["app/page.tsx"] as string;
  server.push(await timedPush(serverProject, { ...invoicing, "app/page.tsx": page.replace("Invoices that chase themselves", `Invoices, take ${run}`) }));
}
const [first, followUp] = server as [number, number];
results.push({
  ...summarize("v0 fixture with server features, first build → preview ready, warm dependency cache (invoicing, next build)", "ms", [first], { max: 40_000, label: "≤ 40 s" }),
  note: "first request then starts next start (about 1 s)",
});
results.push({
  ...summarize("Same app, follow-up version → preview ready (kept workspace and build cache)", "ms", [followUp], { max: first / 2, label: "≤ 50% of the first build" }),
  note: `${round((followUp / first) * 100)}% of the first build`,
});

clearInterval(sampler);
report(results);
process.exit(0);
