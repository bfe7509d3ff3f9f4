// 2. Orchestration overhead per preview cycle beside the build itself (local
//    stand-ins, 30 files). Target p50 ≤ 150 ms.
// 3. Reply finished → preview READY, all local, for each kind of generated
//    app. Target p50 ≤ 1 s. Peak server memory is reported alongside.
import { sendChatMessage } from "@/lib/chat/send-chat-message";
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { getAppById, getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import { users } from "@/lib/db/schema";
import { syncStagingFromChat } from "@/lib/deploy/sync-staging";
import { getIntegrations } from "@/lib/integrations";
import { readDeployment } from "@/lib/embedded/preview-host/store";
import { type Result, report, round, summarize } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
let services = await getIntegrations();
await migrateDatabase();
const user = { id: "bench-user", email: "bench@example.com", name: "Bench", role: "user" as const };
await getDb().insert(users).values({ id: user.id, email: user.email, name: user.name });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function reply(message: string, appId?: string) {
  const turn = await sendChatMessage(services, user, { message, appId });
  await new Response(turn.stream).text();
  return turn.app.id;
}

async function timedCycle(appId: string) {
  const app = await getAppById({ id: appId });
  const started = performance.now();
  const result = await syncStagingFromChat(services, { app: app!, startedBy: { kind: "user", userId: null } });
  const total = performance.now() - started;
  if (result.status !== "ready") throw new Error(`cycle failed: ${result.message}`);
  const { latest } = await getPreviewDeploymentsByAppId({ appId, versions: 1 });
  const built = readDeployment(latest!.providerDeploymentId!);
  return { total, build: built?.readyAt ? built.readyAt - built.createdAt : 0 };
}

const colours = ["blue", "green", "rose", "amber", "violet", "teal"];
const kinds: Record<string, string> = {
  landing: "a landing page for my bakery",
  todo: "a todo app with a dark theme",
  form: "a contact form",
  pricing: "a pricing page for my yoga studio",
  dashboard: "a dashboard with sales numbers",
  portfolio: "a portfolio for my photography",
  blog: "a blog about cooking",
  "six sections": "a bakery site with a list of bakes with search and filters, a menu, a gallery, a FAQ, testimonials and a contact form",
};
const results: Result[] = [];

// Warm-up: the first build in a process loads esbuild and Tailwind.
await timedCycle(await reply("a todo app"));

for (const [kind, prompt] of Object.entries(kinds)) {
  const appId = await reply(prompt);
  const samples: number[] = [(await timedCycle(appId)).total];
  for (let run = 1; run < RUNS; run++) {
    await reply(`make it ${colours[run % colours.length]}`, appId);
    samples.push((await timedCycle(appId)).total);
  }
  results.push(summarize(`Reply finished → preview ready (${kind})`, "ms", samples, { max: 1000, label: "p50 ≤ 1000 ms" }));
}

// 30 files: the generated app plus extra components, as v0 often writes.
const chat = services.chat;
services = {
  ...services,
  chat: {
    ...chat,
    async getChat(id) {
      const found = await chat.getChat(id);
      if (!found?.latestVersion) return found;
      const extra = Array.from({ length: 30 - found.latestVersion.files.length }, (_, i) => ({ name: `components/extra-${i}.tsx`, content: `export function Extra${i}() { return <p className="text-sm">Part ${i}</p>; }\n` }));
      return { ...found, latestVersion: { ...found.latestVersion, files: [...found.latestVersion.files, ...extra] } };
    },
  },
};
const overheadApp = await reply("a dashboard");
const overhead: number[] = [];
for (let run = 0; run < RUNS + 2; run++) {
  if (run > 0) await reply(`make it ${colours[run % colours.length]}`, overheadApp);
  const { total, build } = await timedCycle(overheadApp);
  overhead.push(total - build);
}
results.push(summarize("Orchestration overhead per cycle (30 files)", "ms", overhead, { max: 150, label: "p50 ≤ 150 ms" }));

clearInterval(sampler);
results.push({ name: "Peak memory during the cycles above", unit: "MB", median: round(peakRss / 1024 / 1024), p95: round(peakRss / 1024 / 1024), runs: 1 });
report(results);
process.exit(0);
