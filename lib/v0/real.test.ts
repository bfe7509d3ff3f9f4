import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createV0ChatService } from "./real";

const requests: { method: string; path: string; body: unknown; auth?: string; accept?: string }[] = [];
let next: { status: number; body: string; type: string } = { status: 200, body: "{}", type: "application/json" };
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      requests.push({ method: req.method!, path: req.url!, body: raw ? JSON.parse(raw) : undefined, auth: req.headers.authorization, accept: req.headers.accept });
      res.writeHead(next.status, { "content-type": next.type });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const service = () => createV0ChatService({ apiKey: "v0_key", baseUrl });

describe("v0 client", () => {
  it("creates a chat in streaming mode and passes the stream through byte for byte", async () => {
    const sse = 'data: {"object":"chat","id":"c1"}\n\ndata: {"delta":[[0,1],9,9]}\n\ndata: [DONE]\n\n';
    next = { status: 200, body: sse, type: "text/event-stream" };
    const stream = await service().createChat({ message: "a todo app" });
    expect(await new Response(stream).text()).toBe(sse);
    expect(requests.at(-1)).toMatchObject({ method: "POST", path: "/v1/chats", auth: "Bearer v0_key", body: { message: "a todo app", responseMode: "experimental_stream" } });
  });

  it("sends a follow-up to the chat", async () => {
    next = { status: 200, body: "data: [DONE]\n\n", type: "text/event-stream" };
    await new Response(await service().sendMessage({ chatId: "c1", message: "make it blue" })).text();
    expect(requests.at(-1)).toMatchObject({ method: "POST", path: "/v1/chats/c1/messages", body: { message: "make it blue", responseMode: "experimental_stream" } });
  });

  it("reads a chat with its messages and latest version files", async () => {
    next = {
      status: 200,
      type: "application/json",
      body: JSON.stringify({
        id: "c1",
        object: "chat",
        name: "Todo",
        messages: [{ id: "m1", object: "message", role: "user", content: "hi", createdAt: "2026-01-01T00:00:00Z" }],
        latestVersion: { id: "v1", object: "version", status: "completed", demoUrl: "https://demo.example", createdAt: "x", files: [{ object: "file", name: "app/page.tsx", content: "x", locked: false }] },
      }),
    };
    expect(await service().getChat("c1")).toEqual({
      id: "c1",
      name: "Todo",
      demoUrl: "https://demo.example",
      messages: [{ id: "m1", role: "user", content: "hi", experimentalContent: undefined, createdAt: "2026-01-01T00:00:00Z" }],
      latestVersion: { id: "v1", status: "completed", demoUrl: "https://demo.example", files: [{ name: "app/page.tsx", content: "x" }] },
    });
    expect(requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/chats/c1" });
  });

  it("maps 404 on read to null, and other failures to typed errors", async () => {
    next = { status: 404, body: '{"error":"not found"}', type: "application/json" };
    expect(await service().getChat("nope")).toBeNull();
    for (const [status, kind] of [[401, "rejected"], [429, "rate_limited"], [500, "unavailable"]] as const) {
      next = { status, body: '{"error":"x"}', type: "application/json" };
      await expect(service().createChat({ message: "x" })).rejects.toMatchObject({ service: "v0", kind, status });
    }
  });
});
