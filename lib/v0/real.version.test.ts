import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { gitBlobId } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import { isDefaultFile, startFakeV0, type FakeV0 } from "@/tests/fakes/v0-server";
import { loadV0Fixture, V0_FIXTURES } from "@/tests/fixtures/v0-projects";
import { createV0ChatService } from "./real";
import type { VersionFile } from "./types";

let v0: FakeV0;
const bakery = loadV0Fixture("bakery");

beforeAll(async () => {
  v0 = await startFakeV0();
});
afterAll(async () => {
  await v0.close();
});
beforeEach(() => {
  v0.requests.length = 0;
  v0.addChat({ id: "c1", versionId: "v1", files: bakery });
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

const service = () => createV0ChatService({ apiKey: v0.apiKey, baseUrl: v0.baseUrl });
const asMap = (files: VersionFile[]): FileMap => Object.fromEntries(files.map((f) => [f.name, f.content]));
const paths = (files: FileMap) => Object.keys(files).sort();

describe("v0 client: reading a version complete", () => {
  it.each(V0_FIXTURES.map((f) => f.name))("downloads the %s export with default files and images as bytes", async (name) => {
    const project = loadV0Fixture(name);
    v0.addChat({ id: `chat-${name}`, versionId: "ver-1", files: project });
    const chat = await service().getChat(`chat-${name}`, { completeVersion: true });
    const files = asMap(chat!.latestVersion!.files);
    expect(paths(files)).toEqual(paths(project));
    for (const [path, content] of Object.entries(project)) {
      expect(typeof files[path], path).toBe(typeof content);
      expect(gitBlobId(files[path]!), path).toBe(gitBlobId(content));
    }
    expect(v0.requests).toEqual([
      { method: "GET", path: `/v1/chats/chat-${name}`, auth: `Bearer ${v0.apiKey}` },
      { method: "GET", path: `/v1/chats/chat-${name}/versions/ver-1/download?format=zip&includeDefaultFiles=true`, auth: `Bearer ${v0.apiKey}` },
    ]);
  });

  it("unwraps an export kept inside one folder", async () => {
    v0.addChat({ id: "c2", versionId: "v1", files: bakery, archiveRoot: "my-project" });
    const files = asMap((await service().getChat("c2", { completeVersion: true }))!.latestVersion!.files);
    expect(paths(files)).toEqual(paths(bakery));
  });

  it("reads only the chat (the model's own files) when the complete version isn't asked for", async () => {
    const files = asMap((await service().getChat("c1"))!.latestVersion!.files);
    expect(paths(files)).toEqual(paths(bakery).filter((p) => !isDefaultFile(p)));
    expect(v0.requests.map((r) => r.path)).toEqual(["/v1/chats/c1"]);
  });

  it("doesn't download a version that isn't finished", async () => {
    v0.addChat({ id: "c3", versionId: "v1", files: bakery, status: "pending" });
    expect((await service().getChat("c3", { completeVersion: true }))!.latestVersion!.status).toBe("pending");
    expect(v0.requests.map((r) => r.path)).toEqual(["/v1/chats/c3"]);
  });

  it.each([
    ["fails", { status: 500 }],
    ["answers with a type the SDK can't read", { status: 200, type: "application/octet-stream", body: "PK\u0003\u0004" }],
    ["sends a broken archive", { status: 200, type: "application/zip", body: "not a zip" }],
  ])("falls back to the version's file list with default files when the download %s", async (_, fault) => {
    v0.fail({ method: "GET", path: /\/download$/, ...fault });
    const files = asMap((await service().getChat("c1", { completeVersion: true }))!.latestVersion!.files);
    expect(paths(files)).toEqual(paths(bakery));
    expect(files["components/ui/accordion.tsx"]).toBe(bakery["components/ui/accordion.tsx"]);
    // The JSON carries no bytes: the image is whatever string v0 put there.
    expect(typeof files["public/hero-sourdough.png"]).toBe("string");
    expect(v0.requests.map((r) => r.path)).toEqual([
      "/v1/chats/c1",
      "/v1/chats/c1/versions/v1/download?format=zip&includeDefaultFiles=true",
      "/v1/chats/c1/versions/v1?includeDefaultFiles=true",
    ]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("download of version v1 of chat c1 failed"));
  });

  it("maps v0's errors as for every other call when both reads fail", async () => {
    v0.fail({ method: "GET", path: /\/download$/, status: 503 });
    v0.fail({ method: "GET", path: /\/versions\/v1$/, status: 429 });
    await expect(service().getChat("c1", { completeVersion: true })).rejects.toMatchObject({ service: "v0", kind: "rate_limited", status: 429 });
  });

  it("maps a wrong key to rejected and a missing chat to null", async () => {
    await expect(createV0ChatService({ apiKey: "wrong", baseUrl: v0.baseUrl }).getChat("c1", { completeVersion: true })).rejects.toMatchObject({
      service: "v0",
      kind: "rejected",
      status: 401,
    });
    expect(await service().getChat("nope", { completeVersion: true })).toBeNull();
  });
});
