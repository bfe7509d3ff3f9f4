import { describe, expect, it } from "vitest";
import { encodeEvent, readChatId } from "./stream-events";

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe("readChatId", () => {
  it("finds the first chat object's id, even split across chunks", async () => {
    const text = new TextDecoder().decode(encodeEvent({ type: "connected" })) + new TextDecoder().decode(encodeEvent({ object: "chat", id: "chat_123" }));
    const cut = text.indexOf("chat_1");
    expect(await readChatId(streamOf(text.slice(0, cut), text.slice(cut)))).toBe("chat_123");
  });

  it("ignores chat.title events, deltas and junk, and resolves null at the end", async () => {
    expect(await readChatId(streamOf('data: {"object":"chat.title","id":"x"}\n\n', "data: {oops\n\n", 'data: {"delta":[]}\n\n', "data: [DONE]\n\n"))).toBeNull();
  });
});
