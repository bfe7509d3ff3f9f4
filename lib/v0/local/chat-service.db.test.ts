import { describe, expect, it } from "vitest";
import { IntegrationError } from "@/lib/errors";
import { bundleGeneratedPage } from "@/tests/helpers/bundle-app";
import { createLocalChatService } from "./index";

const decoder = new TextDecoder();

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value));
  }
}

const events = (chunks: string[]) =>
  chunks
    .join("")
    .split("\n\n")
    .filter(Boolean)
    .map((line) => line.slice("data: ".length));

describe("local chat service", () => {
  it("streams a new chat: chat event first, several chunks, [DONE] last", async () => {
    const service = createLocalChatService();
    const chunks = await collect(await service.createChat({ message: "a todo app with a dark theme" }));
    const lines = events(chunks);
    expect(chunks.length).toBeGreaterThan(5);
    expect(JSON.parse(lines[0]!)).toMatchObject({ object: "chat", id: expect.stringMatching(/^chat_/) });
    expect(lines.at(-1)).toBe("[DONE]");
    expect(lines.some((l) => l.includes('"delta"'))).toBe(true);
  });

  it("stores the conversation and a completed version with real files", async () => {
    const service = createLocalChatService();
    const lines = events(await collect(await service.createChat({ message: "a todo app with a dark theme" })));
    const chatId = (JSON.parse(lines[0]!) as { id: string }).id;
    const chat = await service.getChat(chatId);
    expect(chat?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(chat?.messages[1]!.experimentalContent).toEqual(expect.any(Array));
    expect(chat?.latestVersion?.status).toBe("completed");
    const names = chat!.latestVersion!.files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["app/page.tsx", "app/layout.tsx", "app/globals.css", "components/todo-list.tsx"]));
    expect(chat!.latestVersion!.files.find((f) => f.name === "components/todo-list.tsx")!.content).toContain("bg-slate-950");
  });

  it("follow-ups edit the previous version, and state survives a new instance", async () => {
    const first = createLocalChatService();
    const lines = events(await collect(await first.createChat({ message: "a todo app" })));
    const chatId = (JSON.parse(lines[0]!) as { id: string }).id;

    const second = createLocalChatService();
    await collect(await second.sendMessage({ chatId, message: "change the title to Grocery List" }));
    const chat = await second.getChat(chatId);
    const page = chat!.latestVersion!.files.find((f) => f.name === "app/page.tsx")!.content;
    expect(page).toContain("Grocery List");
    expect(chat!.latestVersion!.files.map((f) => f.name)).toContain("components/todo-list.tsx");
    expect(chat!.messages).toHaveLength(4);
  });

  it("generates code that bundles", async () => {
    const service = createLocalChatService();
    const lines = events(await collect(await service.createChat({ message: "a dashboard with sales numbers" })));
    const chat = await service.getChat((JSON.parse(lines[0]!) as { id: string }).id);
    const files = Object.fromEntries(chat!.latestVersion!.files.map((f) => [f.name, f.content]));
    await expect(bundleGeneratedPage(files)).resolves.toEqual(expect.any(String));
  });

  it("refuses a message for an unknown chat", async () => {
    await expect(createLocalChatService().sendMessage({ chatId: "chat_missing", message: "hi" })).rejects.toBeInstanceOf(IntegrationError);
  });
});

describe("a reader that leaves mid-reply", () => {
  it("still gets the version written and saved", async () => {
    const service = createLocalChatService();
    const stream = await service.createChat({ message: "a pricing page" });
    const reader = stream.getReader();
    const first = decoder.decode((await reader.read()).value);
    const chatId = (JSON.parse(first.slice("data: ".length)) as { id: string }).id;
    await reader.cancel();
    await expect.poll(async () => (await service.getChat(chatId))?.latestVersion?.status, { timeout: 5000 }).toBe("completed");
  });
});
