// Shared by the bench scripts: summary statistics and the result line each
// script prints for bench/run.mjs to collect.
export type Result = { name: string; unit: string; median: number; p95: number; runs: number; target?: string; pass?: boolean; note?: string };

export function summarize(name: string, unit: string, samples: number[], target?: { max?: number; min?: number; label: string }): Result {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const median = round(at(0.5));
  const p95 = round(at(0.95));
  const pass = target ? (target.max === undefined || median <= target.max) && (target.min === undefined || median >= target.min) : undefined;
  return { name, unit, median, p95, runs: samples.length, target: target?.label, pass };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function report(results: Result[]): void {
  console.log(`BENCH_RESULTS ${JSON.stringify(results)}`);
}
