// 1. GitHub requests per staging cycle, counted at the HTTP boundary with the
// real Octokit client against the strict GitHub fake the tests use. Each
// cycle passes the commit the previous one made, as the pipeline does.
// Targets: at most 4 (branch already exists) at 1, 30 and 300 changed text
// files and with 6 unchanged images; at most 5 when one image changed.
import { createGitHubHost } from "@/lib/github/real";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { type Result, report, summarize } from "./stats";

const RUNS = 10;
const gh = await startFakeGitHub();
const host = createGitHubHost({ token: "bench", baseUrl: gh.url, author: { name: "bench", email: "bench@example.com" }, pacing: { enabled: false, retryAfterBaseMs: 1 } });
const results: Result[] = [];

type Version = (run: number) => Record<string, string | Uint8Array>;

async function measure(label: string, name: string, version: Version, max: number): Promise<void> {
  const repo = await host.createAppRepo({ name });
  let previousCommit = (await host.commitFiles(repo, "staging", version(-1), "first")).sha;
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    gh.reset();
    const commit = await host.commitFiles(repo, "staging", version(run), `run ${run}`, { previousCommit });
    if (!commit.changed) throw new Error(`${label}: run ${run} changed nothing`);
    previousCommit = commit.sha;
    samples.push(gh.requests.length);
  }
  results.push(summarize(`GitHub requests per cycle, ${label}`, "requests", samples, { max, label: `≤ ${max}` }));
}

for (const count of [1, 30, 300]) await measure(`${count} files`, `bench-${count}`, (run) => texts(count, run), 4);
await measure("30 text files + 6 unchanged images", "bench-images", (run) => ({ ...texts(30, run), ...images(0) }), 4);
// Run -1 commits the first set; every run after changes image 0 only.
await measure("one changed image", "bench-image-changed", (run) => ({ ...texts(30, 0), ...images(run + 2) }), 5);
await gh.close();
report(results);

function texts(count: number, version: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`components/part-${i}.tsx`, `export const part${i} = ${version};\n`]));
}

// Six 200 KB images; `version` changes the first one's bytes.
function images(version: number): Record<string, Uint8Array> {
  return Object.fromEntries(
    Array.from({ length: 6 }, (_, i) => {
      const bytes = new Uint8Array(200_000);
      for (let b = 0; b < bytes.length; b++) bytes[b] = (b * (i + 3) + (i === 0 ? version : 0)) & 0xff;
      return [`public/image-${i}.png`, bytes];
    }),
  );
}
