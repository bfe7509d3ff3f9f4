import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/tests/helpers/env";
import { IntegrationError } from "@/lib/errors";
import { DONE, isChatSnapshot, readEvents } from "../../v0/stream-events";
import { FAILURE_TEXT } from "./explain";
import { createLocalChatService } from "./index";
import type { FileContent } from "@/lib/files/types";

vi.mock("./render", async (importOriginal) =>
  (await import("@/tests/helpers/exploding-render")).explodingRender(await importOriginal()),
);

type Chunk = { at: number; text: string };

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Chunk[]> {
  const decoder = new TextDecoder();
  const chunks: Chunk[] = [];
  for await (const value of stream) chunks.push({ at: performance.now(), text: decoder.decode(value) });
  return chunks;
}

const streamOf = (chunks: Chunk[]) => new Response(chunks.map((c) => c.text).join("")).body!;

async function eventsOf(stream: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of readEvents(stream)) events.push(event);
  return events;
}

async function newChat(message: string, service = createLocalChatService()): Promise<string> {
  const [first] = await eventsOf(await service.createChat({ message }));
  if (!isChatSnapshot(first)) throw new Error("the stream didn't start with the chat");
  return first.id;
}

// The local generator writes text files only.
const fileOf = (files: { name: string; content: FileContent }[] | undefined, name: string) => files?.find((f) => f.name === name)?.content as string | undefined;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("local chat service", () => {
  it("streams a new chat: chat event first, content in several chunks, final chat event, [DONE]", async () => {
    const chunks = await chunksOf(await createLocalChatService().createChat({ message: "a todo app with a dark theme" }));
    expect(chunks.length).toBeGreaterThan(10);
    const events = await eventsOf(streamOf(chunks));
    expect(events[0]).toEqual({ object: "chat", id: expect.stringMatching(/^chat_/), name: "My Tasks", privacy: "private" });
    const deltas = events.slice(1, -2);
    expect(deltas.length).toBeGreaterThan(10);
    for (const event of deltas) expect(event).toMatchObject({ object: "message.experimental_content.chunk", id: expect.stringMatching(/^msg_/), delta: expect.anything() });
    expect(events.at(-2)).toMatchObject({ object: "chat", id: (events[0] as { id: string }).id, latestVersion: { status: "completed" } });
    expect(events.at(-1)).toBe(DONE);
  });

  it("has saved the version by the time the final chat event arrives", async () => {
    const service = createLocalChatService();
    for await (const event of readEvents(await service.createChat({ message: "a pricing page for my yoga studio" }))) {
      if (isChatSnapshot(event) && "latestVersion" in event) {
        const { latestVersion } = event as { id: string; latestVersion: { id: string } };
        const chat = await service.getChat(event.id);
        expect(chat?.latestVersion).toMatchObject({ id: latestVersion.id, status: "completed" });
      }
    }
  });

  it("stores the conversation and a completed version with real files", async () => {
    const service = createLocalChatService();
    const chatId = await newChat("a todo app with a dark theme", service);
    const chat = await service.getChat(chatId);
    expect(chat).toMatchObject({ id: chatId, name: "My Tasks" });
    expect(chat!.demoUrl).toBeUndefined();
    expect(chat!.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "a todo app with a dark theme"],
      ["assistant", expect.stringMatching(/^I built “My Tasks” with a to-do list, in a dark theme/)],
    ]);
    expect(chat!.messages[1]!.experimentalContent).toEqual([[0, expect.arrayContaining([["Codeblock", expect.objectContaining({ file: "app/page.tsx" }), expect.any(String)]])]]);
    expect(chat!.latestVersion?.status).toBe("completed");
    const files = chat!.latestVersion!.files;
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(["app/page.tsx", "app/layout.tsx", "app/globals.css", "components/todo-list.tsx"]));
    expect(fileOf(files, "app/page.tsx")).toContain("My Tasks");
    expect(fileOf(files, "app/layout.tsx")).toContain('<html lang="en" className="dark">');
  });

  it("follow-ups edit the latest version, and state survives a new instance", async () => {
    const chatId = await newChat("a todo app");

    const second = createLocalChatService();
    const reply = await eventsOf(await second.sendMessage({ chatId, message: "change the title to Grocery List" }));
    expect(reply[0]).toMatchObject({ object: "chat", id: chatId, name: "Grocery List" });
    const chat = await second.getChat(chatId);
    expect(chat!.name).toBe("Grocery List");
    expect(fileOf(chat!.latestVersion!.files, "app/page.tsx")).toContain("Grocery List");
    expect(fileOf(chat!.latestVersion!.files, "components/todo-list.tsx")).toBeDefined();
    expect(chat!.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "a todo app"],
      ["assistant", expect.stringMatching(/^I built/)],
      ["user", "change the title to Grocery List"],
      ["assistant", "Done: I changed the title to “Grocery List”."],
    ]);

    // The next follow-up starts from the edited app, not the first prompt.
    await eventsOf(await createLocalChatService().sendMessage({ chatId, message: "make it dark" }));
    const latest = await createLocalChatService().getChat(chatId);
    expect(fileOf(latest!.latestVersion!.files, "app/layout.tsx")).toContain('<html lang="en" className="dark">');
    expect(fileOf(latest!.latestVersion!.files, "app/page.tsx")).toContain("Grocery List");
  });

  it("reads a version the first generator stored, and edits it as sections", async () => {
    const { getDb } = await import("@/lib/db/client");
    const { localChatVersions } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const chatId = await newChat("a todo app");
    const oldSpec = { kind: "todo", formType: "contact", title: "Chores", tagline: "Keep track of what matters today.", dark: false, accent: "green", sections: ["testimonials", "footer"] };
    await getDb().update(localChatVersions).set({ spec: oldSpec }).where(eq(localChatVersions.chatId, chatId));
    await eventsOf(await createLocalChatService().sendMessage({ chatId, message: "add a FAQ" }));
    const files = (await createLocalChatService().getChat(chatId))!.latestVersion!.files;
    const page = fileOf(files, "app/page.tsx")!;
    expect(page).toContain("Chores");
    expect(page.indexOf("<TodoList />")).toBeLessThan(page.indexOf("<Testimonials />"));
    expect(page.indexOf("<Testimonials />")).toBeLessThan(page.indexOf("<Faq />"));
  });

  it("refuses a message for an unknown chat", async () => {
    const error = await createLocalChatService()
      .sendMessage({ chatId: "chat_missing", message: "hi" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ service: "v0", kind: "not_found" });
  });

  it("paces chunks by LOCAL_GENERATOR_DELAY_MS", async () => {
    vi.stubEnv("LOCAL_GENERATOR_DELAY_MS", "15");
    resetEnvForTests();
    try {
      const chunks = await chunksOf(await createLocalChatService().createChat({ message: "a blog" }));
      // Each content chunk waits before it is sent (timer slack allowed).
      const contentTimes = chunks.slice(1, -2).map((c) => c.at);
      const gaps = contentTimes.slice(1).map((at, i) => at - contentTimes[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(12);
    } finally {
      vi.unstubAllEnvs();
      resetEnvForTests();
    }
  });
});

describe("a reader that leaves mid-reply", () => {
  it("still gets the version written and saved", async () => {
    const service = createLocalChatService();
    const stream = await service.createChat({ message: "a pricing page" });
    let chatId = "";
    for await (const event of readEvents(stream)) {
      if (isChatSnapshot(event)) chatId = event.id;
      break;
    }
    await expect.poll(async () => (await service.getChat(chatId))?.latestVersion?.status, { timeout: 5000 }).toBe("completed");
  });
});

describe("a reply that fails part-way", () => {
  it("says so in the content and an error event, ends cleanly, and stores no version", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const service = createLocalChatService();
    const events = await eventsOf(await service.createChat({ message: "a todo app called Explode" }));
    expect(events.at(-1)).toBe(DONE);
    expect(events).toContainEqual({ object: "error", message: FAILURE_TEXT });
    expect(JSON.stringify(events)).toContain(FAILURE_TEXT);
    const chatId = (events[0] as { id: string }).id;
    const chat = await service.getChat(chatId);
    expect(chat!.latestVersion).toBeUndefined();
    expect(chat!.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "a todo app called Explode"],
      ["assistant", FAILURE_TEXT],
    ]);

    // With no version to edit, the next message starts the app afresh.
    await eventsOf(await service.sendMessage({ chatId, message: "a todo app called Groceries" }));
    const retried = await service.getChat(chatId);
    expect(retried!.latestVersion?.status).toBe("completed");
    expect(fileOf(retried!.latestVersion!.files, "app/page.tsx")).toContain("Groceries");
  });
});
