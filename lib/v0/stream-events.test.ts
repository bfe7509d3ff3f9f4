import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DONE, DONE_EVENT, encodeEvent, errorEvent, followReply, readEvents } from "./stream-events";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function streamOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

// The same bytes, cut at the given offsets (possibly inside a character).
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((start, i) => bytes.slice(start, [...points, bytes.length][i])).filter((c) => c.length > 0);
}

async function all(stream: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of readEvents(stream)) events.push(event);
  return events;
}

const concat = (...parts: Uint8Array[]) => encoder.encode(parts.map((p) => decoder.decode(p)).join(""));

describe("encodeEvent", () => {
  it("writes one data line and a blank line", () => {
    expect(decoder.decode(encodeEvent({ object: "chat", id: "c1" }))).toBe('data: {"object":"chat","id":"c1"}\n\n');
    expect(decoder.decode(DONE_EVENT)).toBe("data: [DONE]\n\n");
    expect(errorEvent("Try again.")).toEqual({ object: "error", message: "Try again." });
  });
});

describe("readEvents", () => {
  const events = [{ type: "connected" }, { object: "chat", id: "chat_1", name: "Café “Ünïcode” 🍰" }, { delta: [[0, 1, "é🍰"], 9, 9] }];
  const bytes = concat(...events.map(encodeEvent), DONE_EVENT);

  it("reads the same events however the bytes are split", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (offsets) => {
        expect(await all(streamOf(...cut(bytes, offsets)))).toEqual([...events, DONE]);
      }),
      { numRuns: 200 },
    );
  });

  it("accepts CRLF, `data:` without a space and a last line without a newline; skips the rest", async () => {
    const text = 'event: message\r\ndata: {"a":1}\r\n\r\ndata:{"b":2}\n\ndata: {oops\n\n: comment\n\ndata: {"c":3}';
    expect(await all(streamOf(text))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });
});

describe("followReply", () => {
  it("finds the first chat object's id, wherever the chunks are cut", async () => {
    const bytes = concat(encodeEvent({ type: "connected" }), encodeEvent({ object: "chat", id: "chat_123" }), encodeEvent({ object: "chat", id: "other" }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 8 }), async (offsets) => {
        const reply = followReply(streamOf(...cut(bytes, offsets)));
        expect(await reply.chatId).toBe("chat_123");
        expect(await reply.done).toEqual({ chatId: "chat_123", completed: true });
      }),
    );
  });

  it("ignores chat.title events, deltas and junk, and resolves null at [DONE] or the end", async () => {
    expect(await followReply(streamOf('data: {"object":"chat.title","id":"x"}\n\n', "data: {oops\n\n", 'data: {"delta":[]}\n\n', "data: [DONE]\n\n")).chatId).toBeNull();
    expect(await followReply(streamOf('data: {"object":"chat","id":""}\n\n')).chatId).toBeNull();
    expect(await followReply(streamOf()).chatId).toBeNull();
  });

  it("names the chat as soon as it shows, and the end only when the reply ends", async () => {
    let finish!: () => void;
    const open = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encodeEvent({ object: "chat", id: "chat_9" }));
        finish = () => {
          controller.enqueue(DONE_EVENT);
          controller.close();
        };
      },
    });
    const reply = followReply(open);
    expect(await reply.chatId).toBe("chat_9");
    let ended = false;
    void reply.done.then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBe(false);
    finish();
    expect(await reply.done).toEqual({ chatId: "chat_9", completed: true });
  });

  it("a reply that failed (an error event or a broken stream) is not completed", async () => {
    expect((await followReply(streamOf(encodeEvent({ object: "chat", id: "c" }), encodeEvent(errorEvent("The reply was interrupted.")))).done).completed).toBe(false);
    let pulls = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(encodeEvent({ object: "chat", id: "c" }));
        else controller.error(new Error("connection reset"));
      },
    });
    expect(await followReply(broken).done).toEqual({ chatId: "c", completed: false });
  });

  it("reads a tee'd branch without holding up the other", async () => {
    const [mine, theirs] = streamOf(encodeEvent({ object: "chat", id: "chat_7" }), encodeEvent({ delta: [] }), DONE_EVENT).tee();
    expect(await followReply(mine).chatId).toBe("chat_7");
    expect(await all(theirs)).toEqual([{ object: "chat", id: "chat_7" }, { delta: [] }, DONE]);
  });
});
