// Real v0 projects (the fixtures) through the whole preview cycle: the real v0
// client reads the version from a server that speaks v0's API, post-process
// keeps the project as v0 made it, and the local git host commits it. Images
// must land byte for byte: the blob id git stores is the id of v0's bytes.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { getSettingsByAppId } from "@/lib/db/settings";
import { createApp, getAppById, setAppChatIdOnce } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import { gitBlobId } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import { localRepoDir, onLocalPush } from "@/lib/embedded/git-host/store";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { createV0ChatService } from "@/lib/v0/real";
import { createVercelHost } from "@/lib/vercel/real";
import { startFakeV0, type FakeV0 } from "@/tests/fakes/v0-server";
import { startFakeVercel } from "@/tests/fakes/vercel-server";
import { loadV0Fixture, V0_FIXTURES } from "@/tests/fixtures/v0-projects";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { getPreviewStatus } from "./preview-status";
import { syncStagingFromChat } from "./sync-staging";

let services: Integrations;
let v0: FakeV0;
let vc: Awaited<ReturnType<typeof startFakeVercel>>;
let owner: TestUser;
let stopForwarding: () => void;

beforeAll(async () => {
  owner = await signUp();
  v0 = await startFakeV0();
  vc = await startFakeVercel();
  // The local git host's pushes reach the Vercel fake, as GitHub's reach Vercel's app.
  const repoIds = new Map<string, number>();
  const repoId = (name: string) => repoIds.get(name) ?? repoIds.set(name, repoIds.size + 1).get(name)!;
  stopForwarding = onLocalPush(({ repo, branch, sha }) =>
    vc.gitPush({ owner: repo.owner, repo: repo.name, repoId: repoId(repo.name), branch, sha, message: "Update from chat", authorEmail: "builder@example.com" }),
  );
  services = {
    chat: createV0ChatService({ apiKey: v0.apiKey, baseUrl: v0.baseUrl }),
    git: (await getIntegrations()).git,
    previews: { ...createVercelHost({ token: "vc", teamId: "team_1", baseUrl: vc.url }), pollDelayMs: () => 5 },
  };
});
afterAll(async () => {
  stopForwarding();
  await v0.close();
  await vc.close();
});

// path → blob id, as git itself recorded the commit's tree.
function committedBlobIds(repo: { owner: string; name: string }, sha: string): Record<string, string> {
  const listing = execFileSync("git", ["ls-tree", "-r", "-z", sha], { cwd: localRepoDir(repo), encoding: "utf8" });
  return Object.fromEntries(
    listing
      .split("\0")
      .filter(Boolean)
      .map((line) => {
        const [meta, path] = line.split("\t") as [string, string];
        return [path, meta.split(" ")[2]!];
      }),
  );
}

async function cycle(chatId: string, files: FileMap) {
  v0.addChat({ id: chatId, versionId: `${chatId}-v1`, files });
  const app = await createApp({ ownerId: owner.id, name: chatId });
  await setAppChatIdOnce({ id: app.id, chatId });
  const result = await syncStagingFromChat(services, { app: (await getAppById({ id: app.id }))!, startedBy: { kind: "user", userId: owner.id } });
  const [row] = await getDb().select().from(deployments).where(eq(deployments.appId, app.id));
  const repoApp = (await getAppById({ id: app.id }))!;
  return { app, result, row: row!, blobs: row?.commitSha ? committedBlobIds({ owner: repoApp.repoOwner!, name: repoApp.repoName! }, row.commitSha) : {} };
}

describe("v0 projects through the preview cycle", () => {
  it.each(V0_FIXTURES.map((f) => [f.name, f] as const))("commits the %s project whole, images byte for byte", async (name, fixture) => {
    const project = loadV0Fixture(name);
    const { result, row, blobs } = await cycle(`fixture-${name}`, project);
    expect(result).toMatchObject({ status: "ready", message: "Preview ready" });
    expect(row.leftOutFiles).toBeNull();
    for (const [path, content] of Object.entries(project)) {
      expect(blobs[path], path).toBe(gitBlobId(content));
    }
    expect(blobs[fixture.image]).toBe(execFileSync("git", ["hash-object", "--stdin"], { input: project[fixture.image] as Uint8Array, encoding: "utf8" }).trim());
    // Only what was missing is added: no second config, layout or manifest.
    const added = Object.keys(blobs).filter((p) => !(p in project));
    expect(added).toEqual(["README.md"]);
  });

  it("leaves an oversized file out on its own, records it, and tells the builder in one sentence", async () => {
    const project = loadV0Fixture("travel");
    project["public/drone-flyover.mp4"] = new Uint8Array(12 * 1024 * 1024).fill(7);
    project["app/page.tsx"] = (project["app/page.tsx"] as string).replace("</header>", '<video src="/drone-flyover.mp4" autoPlay muted /></header>');
    const { app, result, row, blobs } = await cycle("fixture-travel-video", project);
    expect(result.status).toBe("ready");
    expect(result.message).toBe(`Preview ready. "drone-flyover.mp4" was left out because it is too large, so it won't appear in the preview.`);
    expect(row.leftOutFiles).toEqual([{ path: "public/drone-flyover.mp4", bytes: 12 * 1024 * 1024, reason: "too_large" }]);
    expect(blobs["public/drone-flyover.mp4"]).toBeUndefined();
    expect(blobs["public/fjord-hero.png"]).toBe(gitBlobId(project["public/fjord-hero.png"]!));
    expect((await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: true })).adminDetail).toBe(
      "Left out of the commit:\npublic/drone-flyover.mp4 (12582912 bytes, over the per-file limit)",
    );
    expect(await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: false })).not.toHaveProperty("adminDetail");
  });

  it("refuses the whole version for a hostile path next to a good image, committing nothing", async () => {
    const project = loadV0Fixture("bakery");
    project[".git/hooks/post-checkout"] = "#!/bin/sh\necho hi";
    const { result, row } = await cycle("fixture-bakery-hostile", project);
    expect(result).toMatchObject({ status: "failed", message: "The latest reply included files we can't safely use, so the preview wasn't updated." });
    expect(row.commitSha).toBeNull();
    expect(row.error).toMatch(/\.git\/hooks/);
  });

  it("commits and previews an .env.example as written, and leaves a real .env.local out on its own, its names becoming settings", async () => {
    const project = loadV0Fixture("bakery");
    project[".env.example"] = "# Orders go to this address\nORDERS_EMAIL=orders@example.com\n";
    project[".env.local"] = "RESEND_API_KEY=re_real_value_from_the_chat\n";
    const { app, result, row, blobs } = await cycle("fixture-bakery-env", project);
    expect(result.status).toBe("ready");
    expect(blobs[".env.example"]).toBe(gitBlobId(project[".env.example"]!));
    expect(blobs[".env.local"]).toBeUndefined();
    expect(row.leftOutFiles).toEqual([{ path: ".env.local", bytes: 43, reason: "environment_file" }]);
    // The builder hears nothing about the left-out file; Settings lists its names.
    expect(result.message).toBe("Preview ready");
    expect((await getSettingsByAppId({ appId: app.id })).map((s) => [s.name, s.needed, s.set])).toEqual([
      ["ORDERS_EMAIL", true, false],
      ["RESEND_API_KEY", true, false],
    ]);
    expect(JSON.stringify(row)).not.toContain("re_real_value");
  });

  it("commits what the version's file list gives when the download fails, leaving out images that arrived as text", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const project = loadV0Fixture("invoicing");
    v0.fail({ method: "GET", path: /\/download$/, status: 500 });
    const { result, row, blobs } = await cycle("fixture-invoicing-fallback", project);
    expect(result.status).toBe("ready");
    const images = Object.keys(project).filter((p) => p.endsWith(".png"));
    expect(row.leftOutFiles!.map((f) => [f.path, f.reason])).toEqual(images.sort().map((p) => [p, "unusable_kind"]));
    for (const image of images) expect(blobs[image]).toBeUndefined();
    expect(blobs["components/ui/sidebar.tsx"]).toBe(gitBlobId(project["components/ui/sidebar.tsx"]!));
    expect(blobs["package.json"]).toBe(gitBlobId(project["package.json"]!));
  });
});
