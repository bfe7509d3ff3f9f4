import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IntegrationError } from "@/lib/errors";
import { createV0ChatService } from "./real";

type Seen = { method: string; path: string; body: unknown; auth?: string; accept?: string };
type Answer = { status: number; type: string; chunks: Buffer[] } | "hang";

const seen: Seen[] = [];
let answer: Answer;
let server: http.Server;
let baseUrl: string;

// A stand-in for api.v0.dev: records each request, answers with `answer`,
// writing body chunks one by one with a pause between them.
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", async () => {
      seen.push({ method: req.method!, path: req.url!, body: raw ? JSON.parse(raw) : undefined, auth: req.headers.authorization, accept: req.headers.accept });
      if (answer === "hang") return;
      res.writeHead(answer.status, { "content-type": answer.type });
      for (const chunk of answer.chunks) {
        res.write(chunk);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
});

const json = (status: number, body: unknown): Answer => ({ status, type: "application/json", chunks: [Buffer.from(JSON.stringify(body))] });
const service = (timeoutMs?: number) => createV0ChatService({ apiKey: "v0_key", baseUrl, timeoutMs });

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("v0 client", () => {
  it("creates a chat in streaming mode and passes the stream through byte for byte", async () => {
    const sse = Buffer.from('data: {"object":"chat","id":"c1","name":"Café 🍰"}\n\ndata: {"delta":[[0,1],9,9]}\n\ndata: [DONE]\n\n');
    // Cut inside the emoji, so any re-encoding would show.
    const cutAt = sse.indexOf("🍰") + 2;
    answer = { status: 200, type: "text/event-stream", chunks: [sse.subarray(0, cutAt), sse.subarray(cutAt)] };
    const stream = await service().createChat({ message: "a todo app", system: "Be brief." });
    expect((await bytesOf(stream)).equals(sse)).toBe(true);
    expect(seen).toEqual([
      {
        method: "POST",
        path: "/v1/chats",
        auth: "Bearer v0_key",
        accept: "text/event-stream",
        body: { message: "a todo app", system: "Be brief.", responseMode: "experimental_stream" },
      },
    ]);
  });

  it("sends a follow-up to the chat, with the id kept inside its path segment", async () => {
    answer = { status: 200, type: "text/event-stream", chunks: [Buffer.from("data: [DONE]\n\n")] };
    await bytesOf(await service().sendMessage({ chatId: "c1", message: "make it blue" }));
    await bytesOf(await service().sendMessage({ chatId: "../x?y", message: "hi" }));
    await bytesOf(await service().sendMessage({ chatId: "c1", message: "add checkout", system: "Settings: STRIPE_SECRET_KEY" }));
    expect(seen.map(({ method, path, body, auth }) => ({ method, path, body, auth }))).toEqual([
      { method: "POST", path: "/v1/chats/c1/messages", auth: "Bearer v0_key", body: { message: "make it blue", responseMode: "experimental_stream" } },
      { method: "POST", path: "/v1/chats/..%2Fx%3Fy/messages", auth: "Bearer v0_key", body: { message: "hi", responseMode: "experimental_stream" } },
      {
        method: "POST",
        path: "/v1/chats/c1/messages",
        auth: "Bearer v0_key",
        body: { message: "add checkout", system: "Settings: STRIPE_SECRET_KEY", responseMode: "experimental_stream" },
      },
    ]);
  });

  it("reads a chat with its messages and latest version files", async () => {
    const content = [[0, [["p", {}, "Done"]]]];
    answer = json(200, {
      id: "c1",
      object: "chat",
      name: "Todo",
      messages: [
        { id: "m1", object: "message", role: "user", content: "hi", createdAt: "2026-01-01T00:00:00Z" },
        { id: "m2", object: "message", role: "assistant", content: "Done", experimental_content: content, createdAt: "2026-01-01T00:00:05Z" },
      ],
      latestVersion: {
        id: "v1",
        object: "version",
        status: "completed",
        demoUrl: "https://demo.example",
        createdAt: "2026-01-01T00:00:05Z",
        files: [{ object: "file", name: "app/page.tsx", content: "x", locked: false }],
      },
    });
    expect(await service().getChat("c1")).toEqual({
      id: "c1",
      name: "Todo",
      demoUrl: "https://demo.example",
      messages: [
        { id: "m1", role: "user", content: "hi", experimentalContent: undefined, createdAt: "2026-01-01T00:00:00Z" },
        { id: "m2", role: "assistant", content: "Done", experimentalContent: content, createdAt: "2026-01-01T00:00:05Z" },
      ],
      latestVersion: { id: "v1", status: "completed", demoUrl: "https://demo.example", files: [{ name: "app/page.tsx", content: "x" }] },
    });
    expect(seen).toEqual([expect.objectContaining({ method: "GET", path: "/v1/chats/c1", auth: "Bearer v0_key", body: undefined })]);
  });

  it("falls back to the deprecated `demo` when the version has no demo URL", async () => {
    answer = json(200, { id: "c1", object: "chat", name: "Todo", messages: [], demo: "https://old-demo.example" });
    expect(await service().getChat("c1")).toMatchObject({ demoUrl: "https://old-demo.example", latestVersion: undefined });
  });

  it("maps 404 on read to null", async () => {
    answer = json(404, { error: "not found" });
    expect(await service().getChat("nope")).toBeNull();
  });

  it.each([
    [401, "rejected"],
    [403, "rejected"],
    [404, "not_found"],
    [409, "conflict"],
    [429, "rate_limited"],
    [500, "unavailable"],
    [503, "unavailable"],
  ] as const)("maps HTTP %i to %s", async (status, kind) => {
    answer = json(status, { error: "x" });
    const error = await service()
      .createChat({ message: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ service: "v0", kind, status });
  });

  it("maps an unreachable server to unavailable", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await createV0ChatService({ apiKey: "k", baseUrl: `http://127.0.0.1:${port}/v1` })
      .getChat("c1")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ service: "v0", kind: "unavailable", status: undefined });
  });

  it("gives up on a call that doesn't answer", async () => {
    answer = "hang";
    const started = Date.now();
    await expect(service(100).createChat({ message: "x" })).rejects.toMatchObject({ service: "v0", kind: "unavailable" });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
