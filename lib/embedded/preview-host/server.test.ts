import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/tests/helpers/env";
import { emitLocalPush } from "@/lib/embedded/git-host/store";
import type { Deployment } from "../../vercel/types";
import { createLocalPreviewHost, startLocalPreviewServer, stopLocalPreviewServer } from "./index";
import { newId, saveDeployment } from "./store";
import { commit, createBareRepo, request, todoApp } from "@/tests/helpers/preview-host";

const host = createLocalPreviewHost();
let port: number;
let ready: Deployment;
let projectId: string;

beforeAll(async () => {
  port = await host.serverPort();
  const repo = { owner: "local", name: "served" };
  createBareRepo(repo);
  projectId = (await host.createProject({ name: "served", repo })).id;
  const sha = commit(repo, "staging", {
    ...todoApp,
    "app/posts/[id]/page.tsx": "export default function Post() { return <p>Post</p>; }",
    "public/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
  });
  emitLocalPush({ repo, branch: "staging", sha });
  for (;;) {
    const found = await host.findDeploymentForCommit({ projectId, sha, branch: "staging" });
    if (found?.state === "READY") {
      ready = found;
      break;
    }
    if (found?.state === "ERROR") throw new Error(found.errorMessage);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
});
afterAll(() => stopLocalPreviewServer());

const at = (host: string, path = "/", method = "GET") => request(`http://${host}:${port}${path}`, method);
const readyHost = () => new URL(ready.url).hostname;

describe("local preview server", () => {
  it("answers unknown hosts with a 404 page", async () => {
    for (const name of ["nothing.localhost", "dpl-zzz.localhost", "localhost", "example.com", "a.b.localhost"]) {
      const res = await at(name);
      expect(res.status).toBe(404);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    }
  });

  it("serves only GET and HEAD", async () => {
    const post = await at(readyHost(), "/", "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    const head = await at(readyHost(), "/", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(Number(head.headers["content-length"])).toBeGreaterThan(100);
  });

  it("says a deployment that is still building is being prepared", async () => {
    const building = { id: newId("dpl"), projectId, repo: "local/served", sha: "0".repeat(40), branch: "staging", target: "preview" as const, state: "BUILDING" as const, log: [], createdAt: Date.now() };
    saveDeployment(building);
    const res = await at(`${building.id.replace("_", "-")}.localhost`);
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("2");
    expect(res.body).toContain("being prepared");
  });

  it("serves the build's own files by name only", async () => {
    expect((await at(readyHost(), "/images/logo.svg")).headers["content-type"]).toBe("image/svg+xml");
    for (const path of ["/manifest.json", "/../manifest.json", "/%2e%2e/%2e%2e/deployments", "/public/images/logo.svg", "/index.html", "/missing.js", "/%E0%A4%A"]) {
      expect((await at(readyHost(), path)).status).toBe(404);
    }
    const vendor = /src="(\/__preview\/react-[0-9a-f]+\.js)"/.exec((await at(readyHost())).body)![1]!;
    const script = await at(readyHost(), vendor);
    expect(script.status).toBe(200);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("routes page URLs: prerendered pages, dynamic pages, and a 404 for the rest", async () => {
    const about = await at(readyHost(), "/about/");
    expect(about.status).toBe(200);
    expect(about.body).toContain("Built for planning the week.");
    const post = await at(readyHost(), "/posts/42");
    expect(post.status).toBe(200);
    expect(post.body).toContain('<div id="root" style="display:contents"></div>');
    expect((await at(readyHost(), "/no/such/page")).status).toBe(404);
  });

  it("answers Vercel's analytics and speed insights quietly, as Vercel does for a project without them", async () => {
    // Real-Next apps load these from their own origin (a basePath in front
    // is allowed); a 404 there is a console error on every page.
    for (const path of ["/_vercel/insights/script.js", "/_vercel/speed-insights/script.js", "/docs/_vercel/insights/script.js"]) {
      const script = await at(readyHost(), path);
      expect(script.status, path).toBe(200);
      expect(script.headers["content-type"], path).toBe("text/javascript; charset=utf-8");
      expect(script.headers["x-content-type-options"], path).toBe("nosniff");
      expect(script.body, path).toMatch(/^\/\*[^]*\*\/\n$/); // a comment: it does nothing
    }
    for (const path of ["/_vercel/insights/view", "/_vercel/insights/event", "/_vercel/insights/session", "/_vercel/speed-insights/vitals"]) {
      const beacon = await request(`http://${readyHost()}:${port}${path}`, "POST", { headers: { "content-type": "application/json" }, body: JSON.stringify({ o: "http://x/", ts: 1 }) });
      expect(beacon.status, path).toBe(204);
      expect(beacon.body, path).toBe("");
    }
    // Only those two folders: the app's other paths are the app's.
    expect((await at(readyHost(), "/_vercel/other/script.js")).status).toBe(404);
    expect((await at(readyHost(), "/insights/script.js")).status).toBe(404);
  });

  it("serves from disk: a restarted server still serves every build", async () => {
    await stopLocalPreviewServer();
    port = await startLocalPreviewServer();
    const res = await at(readyHost());
    expect(res.status).toBe(200);
    expect(res.body).toContain("My Tasks");
    expect((await at(new URL(ready.branchUrl!).hostname)).body).toContain("My Tasks");
  });

  it("leaves the port to another process that already serves it", async () => {
    const other = http.createServer((_, res) => res.end());
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const taken = (other.address() as AddressInfo).port;
    const previous = process.env.LOCAL_PREVIEW_PORT;
    await stopLocalPreviewServer();
    try {
      process.env.LOCAL_PREVIEW_PORT = String(taken);
      resetEnvForTests();
      expect(await startLocalPreviewServer()).toBe(taken);
      expect(await startLocalPreviewServer()).toBe(taken);
    } finally {
      await stopLocalPreviewServer();
      process.env.LOCAL_PREVIEW_PORT = previous;
      resetEnvForTests();
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
