// The production build (`next start`) with its real v0, GitHub and Vercel
// clients pointed at fakes that answer as those services document. Unit tests
// run in one module graph; the production build bundles routes and the
// instrumentation separately, which is where error identity was once lost.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deployMessages } from "@/lib/deploy/messages";
import { projectNameFor } from "@/lib/deploy/vercel-project";
import { followReply } from "@/lib/v0/stream-events";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { startFakeV0 } from "@/tests/fakes/v0-server";
import { startFakeVercel } from "@/tests/fakes/vercel-server";
import { WAIT_LIMIT_MS, whenReady } from "../support/build";
import { type HttpBuilder, signUpOverHttp } from "../support/http-session";
import { freePort, freshDatabase, type RunningApp, startNextServer } from "../support/next-server";

const AUTHOR = "builder@acme.example";
const TOKEN_USER = "octo@acme.example";
const TEAM = "team_prod";

let v0: Awaited<ReturnType<typeof startFakeV0>>;
let gh: Awaited<ReturnType<typeof startFakeGitHub>>;
let vc: Awaited<ReturnType<typeof startFakeVercel>>;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: RunningApp;
let dataDir: string;
let builder: HttpBuilder;

// The build is made in the background (./global-setup.ts).
beforeAll(() => whenReady(inject("buildReady")), WAIT_LIMIT_MS);

beforeAll(async () => {
  v0 = await startFakeV0();
  vc = await startFakeVercel({ teamId: TEAM, members: [AUTHOR, TOKEN_USER] });
  // GitHub tells Vercel about every push, as it tells the Vercel GitHub app.
  gh = await startFakeGitHub({ orgs: ["acme"], email: TOKEN_USER, onPush: (push) => vc.gitPush(push) });
  database = await freshDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-prod-"));
  app = await startNextServer({
    port: await freePort(),
    env: {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      V0_API_KEY: v0.apiKey,
      V0_API_URL: v0.baseUrl,
      GITHUB_TOKEN: "ghp_production_test",
      GITHUB_ORG: "acme",
      GITHUB_API_URL: gh.url,
      GIT_AUTHOR_EMAIL: AUTHOR,
      VERCEL_TOKEN: "vercel_production_test",
      VERCEL_TEAM_ID: TEAM,
      VERCEL_API_URL: vc.url,
      // The tests drive every preview update themselves.
      REPLY_PREVIEW_GRACE_MS: "600000",
    },
  });
  builder = await signUpOverHttp(app.baseURL);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([v0?.close(), gh?.close(), vc?.close()]);
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.E2E_SERVER_LOG) console.log(app?.log());
});

async function newApp(message: string): Promise<{ appId: string; chatId: string; repoName: string }> {
  const res = await builder.post("/api/chat", { message });
  expect(res.status).toBe(200);
  const appId = res.headers.get("x-app-id")!;
  // The browser learns the new chat's id from the stream, as here.
  const { chatId } = await followReply(res.body!).done;
  const repo = [...gh.repos.keys()].find((key) => key.startsWith("acme/") && key.endsWith(appId.slice(0, 6)));
  expect(repo, "the app's repository was created").toBeDefined();
  return { appId, chatId: chatId!, repoName: repo!.slice("acme/".length) };
}

async function syncPreview(appId: string, chatId: string) {
  const res = await builder.post(`/api/apps/${appId}/preview/sync`, { chatId });
  return { status: res.status, body: (await res.json()) as { status: string; previewUrl: string | null; message: string } };
}

describe("the production build over the real clients", () => {
  it("recovers a preview project whose name is already taken, and previews the app", async () => {
    const { appId, chatId, repoName } = await newApp("a landing page for a flower shop");
    // A project of that name exists and is linked to nothing (a retry after a crash).
    const taken = await fetch(`${vc.url}/v11/projects?teamId=${TEAM}`, {
      method: "POST",
      headers: { authorization: "Bearer vercel_production_test", "content-type": "application/json" },
      body: JSON.stringify({ name: projectNameFor(repoName), framework: "nextjs" }),
    });
    expect(taken.status).toBe(200);

    const synced = await syncPreview(appId, chatId);
    expect(synced).toMatchObject({ status: 200, body: { status: "ready", message: deployMessages.ready } });
    const project = [...vc.projects.values()].find((p) => p.name === projectNameFor(repoName))!;
    expect(project.link).toMatchObject({ org: "acme", repo: repoName });
    expect(vc.requests.filter((r) => r.method === "POST" && r.path === "/v11/projects").length).toBeGreaterThanOrEqual(2);
  });

  it("words a merge conflict on Publish as a conflict, and leaves the live app alone", async () => {
    const { appId, chatId, repoName } = await newApp("a portfolio for a potter");
    expect((await syncPreview(appId, chatId)).body.status).toBe("ready");
    // Someone changed the same file on the production line meanwhile.
    const mainBefore = gh.push("acme", repoName, "main", { "app/page.tsx": "export default function Page() { return <p>edited by hand</p>; }\n" });

    const res = await builder.post(`/api/apps/${appId}/deploy/production`, {});

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "failed", productionUrl: null, message: deployMessages.publishConflict });
    expect(gh.repos.get(`acme/${repoName}`)!.branches.get("main")).toBe(mainBefore);
  });

  it("answers a provider's 5xx with a 502 and a plain message", async () => {
    const { appId } = await newApp("a menu for a taco truck");
    v0.fail({ method: "GET", path: /^\/v1\/chats\/[^/]+$/, status: 503, times: 10 });
    const res = await builder.get(`/api/apps/${appId}/chat`);
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error: { code: "upstream_failed", message: "A service we rely on isn't responding right now. Please try again in a moment." },
    });
  });
});
