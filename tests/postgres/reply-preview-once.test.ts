// A finished reply is previewed once, whether the browser's request or the
// server's own after-reply work comes first, from two processes sharing one
// PostgreSQL database (the lock and the version decide, not timing).
import { fork } from "node:child_process";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { deployments } from "@/lib/db/schema";
import { chatTurn } from "../helpers/apps";
import { signUp, type TestUser } from "../helpers/session";
import { bundleWorker } from "../helpers/worker-bundle";

type Result = { status: number; body: string };
let workerFile: string;
let user: TestUser;

beforeAll(async () => {
  workerFile = await bundleWorker("tests/postgres/reply-preview-worker.ts");
  user = await signUp();
});

function inWorker(job: object): Promise<Result> {
  const child = fork(workerFile, { env: { ...process.env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => code !== 0 && reject(new Error(`worker exited ${code}`)));
    child.once("message", () => {
      child.once("message", (msg) => resolve((msg as { result: Result }).result));
      child.send(job);
    });
  });
}

describe("a reply is previewed once (real PostgreSQL, two processes)", () => {
  it.each([
    ["the browser first", { browser: 0, server: 150 }],
    ["the server first", { browser: 150, server: 0 }],
    ["both at once", { browser: 0, server: 0 }],
  ])("%s: one cycle, and the browser sees the preview or the plain 'still updating'", async (_, delays) => {
    const app = await chatTurn(user, "a bakery with a menu and opening hours");
    const job = { appId: app.id, chatId: app.chatId, cookie: user.cookie };
    const [browser, server] = await Promise.all([
      inWorker({ ...job, role: "browser", delayMs: delays.browser }),
      inWorker({ ...job, role: "server", delayMs: delays.server }),
    ]);

    const rows = await getDb().select().from(deployments).where(eq(deployments.appId, app.id));
    expect(rows).toHaveLength(1);
    expect(rows[0], rows[0]!.error ?? "").toMatchObject({ status: "ready" });
    expect([200, 409]).toContain(browser.status);
    if (browser.status === 409) expect(JSON.parse(browser.body)).toEqual({ error: { code: "conflict", message: "Your preview is still updating; try again in a moment." } });
    else expect(JSON.parse(browser.body)).toMatchObject({ status: "ready", previewUrl: rows[0]!.previewUrl });
    // The server either ran the one cycle or stood aside.
    expect([200, 204]).toContain(server.status);
  }, 90_000);
});
