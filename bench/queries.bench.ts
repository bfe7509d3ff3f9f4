// 5. The status and lock queries with 100k deployment rows on the real
// PostgreSQL: EXPLAIN shows index use, p50 < 1 ms.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { closeDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import {
  getInFlightDeploymentByAppId,
  getLatestReadyDeploymentByAppId,
  getPreviewDeploymentsByAppId,
  markDeploymentFailed,
  startDeployment,
} from "@/lib/db/queries";
import { type Result, report, summarize } from "./stats";

const RUNS = 300;
const server = process.env.BENCH_POSTGRES_URL!;
const name = `bench_${randomBytes(5).toString("hex")}`;
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

const results: Result[] = [];
try {
  await migrateDatabase();
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await sql`insert into users (id, name, email) values ('bench', 'Bench', 'bench@example.com')`;
  await sql`insert into apps (owner_id, name) select 'bench', 'App ' || g from generate_series(1, 1000) g`;
  await sql`
    insert into deployments (app_id, environment, status, commit_sha, preview_url, deployment_url, started_at, finished_at, message)
    select a.id,
           case when g % 10 = 0 then 'production' else 'staging' end,
           case when g % 7 = 0 then 'failed' else 'ready' end,
           md5(g::text), 'https://p.example', 'https://d.example',
           now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval + interval '1 second', 'ok'
    from generate_series(1, 100000) g
    join lateral (select id from apps order by id offset (g % 1000) limit 1) a on true`;
  await sql`analyze deployments`;
  const [{ id: appId }] = await sql<{ id: string }[]>`select id from apps order by id offset 500 limit 1`;

  const explain = async (query: string) => {
    const rows = await sql.unsafe(`explain ${query}`);
    return rows.map((r) => Object.values(r)[0]).join("\n");
  };
  const readyIn = (environment: string, limit: number) =>
    `(select * from deployments where app_id = '${appId}' and environment = '${environment}' and status = 'ready' order by finished_at desc nulls last limit ${limit})`;
  const plans = {
    ready: await explain(readyIn("production", 1)),
    // The preview status query: three index reads in one statement.
    status: await explain(
      `(select * from deployments where app_id = '${appId}' order by started_at desc nulls last limit 1) union all ${readyIn("staging", 10)} union all ${readyIn("production", 1)}`,
    ),
    inFlight: await explain(`select * from deployments where app_id = '${appId}' and status = 'deploying'`),
  };
  await sql.end();

  const time = async (label: string, plan: string | null, fn: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await fn();
      samples.push(performance.now() - started);
    }
    const result = summarize(label, "ms", samples, { max: 1, label: "p50 < 1 ms" });
    const indexed = plan !== null && /Index/.test(plan) && !/Seq Scan/.test(plan);
    if (plan !== null) result.note = indexed ? "index scans" : `NOT INDEXED: ${plan}`;
    if (plan !== null && !indexed) result.pass = false;
    results.push(result);
  };

  await time("Preview status (latest, versions, live)", plans.status, () => getPreviewDeploymentsByAppId({ appId, versions: 10 }));
  await time("Latest working version (publish)", plans.ready, () => getLatestReadyDeploymentByAppId({ appId, environment: "production" }));
  await time("In-flight check (lock)", plans.inFlight, () => getInFlightDeploymentByAppId({ appId }));
  await time("Take and release the lock", null, async () => {
    const row = await startDeployment({ appId, environment: "staging", startedBy: "user", startedByUserId: null, leaseMs: 60_000 });
    await markDeploymentFailed({ id: row.id, message: "bench", error: "bench" });
  });
  results.at(-1)!.target = "p50 < 1 ms per statement (4 statements)";
  results.at(-1)!.pass = undefined;
} finally {
  await closeDb();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
report(results);
