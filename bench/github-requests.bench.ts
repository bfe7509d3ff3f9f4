// 1. GitHub requests per staging cycle at 1, 30 and 300 files, counted at the
// HTTP boundary with the real Octokit client against a server speaking
// GitHub's shapes. Target: at most 4 each (branch already exists).
import { createGitHubHost } from "@/lib/github/real";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { type Result, report, summarize } from "./stats";

const RUNS = 10;
const gh = await startFakeGitHub();
const host = createGitHubHost({ token: "bench", baseUrl: gh.url, author: { name: "bench", email: "bench@example.com" }, pacing: { enabled: false, retryAfterBaseMs: 1 } });
const results: Result[] = [];

for (const count of [1, 30, 300]) {
  const repo = await host.createAppRepo({ name: `bench-${count}` });
  await host.commitFiles(repo, "staging", files(count, -1), "first");
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    gh.reset();
    await host.commitFiles(repo, "staging", files(count, run), `run ${run}`);
    samples.push(gh.requests.length);
  }
  results.push(summarize(`GitHub requests per cycle, ${count} files`, "requests", samples, { max: 4, label: "≤ 4" }));
}
await gh.close();
report(results);

function files(count: number, version: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`components/part-${i}.tsx`, `export const part${i} = ${version};\n`]));
}
