// One cycle per app, enforced by the database across processes: 50 sync
// requests at once for the same reply from two server processes → one
// cycle and one commit; every request follows that cycle and gets its
// answer (a reply is previewed once, whoever asks).
import { execFileSync, fork } from "node:child_process";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { deployments } from "@/lib/db/schema";
import { localRepoDir } from "@/lib/embedded/git-host/store";
import { chatTurn } from "../helpers/apps";
import { signUp } from "../helpers/session";
import { bundleWorker } from "../helpers/worker-bundle";

type Result = { status: number; body: string };
let workerFile: string;

beforeAll(async () => {
  workerFile = await bundleWorker("tests/postgres/sync-worker.ts");
});

function startWorker(): Promise<{ run: (job: object) => Promise<Result[]> }> {
  const child = fork(workerFile, { env: { ...process.env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", () =>
      resolve({
        run: (job) =>
          new Promise((done, fail) => {
            child.once("message", (msg) => done((msg as { results: Result[] }).results));
            child.once("exit", (code) => code !== 0 && fail(new Error(`worker exited ${code}`)));
            child.send(job);
          }),
      }),
    );
  });
}

describe("preview sync under concurrency (real PostgreSQL)", () => {
  it("runs exactly one cycle for 50 simultaneous requests from two processes", async () => {
    const user = await signUp();
    const app = await chatTurn(user, "a todo app with a dark theme");
    const repoDir = localRepoDir({ owner: app.repoOwner!, name: app.repoName! });
    const commitsBefore = execFileSync("git", ["--git-dir", repoDir, "rev-list", "--all"], { encoding: "utf8" }).trim().split("\n");

    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    const job = { appId: app.id, chatId: app.chatId, cookie: user.cookie, count: 25 };
    const results = (await Promise.all([a.run(job), b.run(job)])).flat();

    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const previews = new Set(results.map((r) => (JSON.parse(r.body) as { status: string; previewUrl: string }).previewUrl));
    expect(previews.size).toBe(1);
    for (const r of results) expect(JSON.parse(r.body)).toMatchObject({ status: "ready" });

    const rows = await getDb().select().from(deployments).where(eq(deployments.appId, app.id));
    expect(rows).toHaveLength(1);
    expect(rows[0], rows[0]!.error ?? "").toMatchObject({ status: "ready" });
    const commitsAfter = execFileSync("git", ["--git-dir", repoDir, "rev-list", "--all"], { encoding: "utf8" }).trim().split("\n");
    expect(commitsAfter.length - commitsBefore.length).toBe(1);
  }, 60_000);
});
