import { describe, expect, it } from "vitest";
import { chatReducer, initialChatState, isBusy, type ChatState } from "./chat-state";

const stream = new ReadableStream<Uint8Array>();
const run = (...actions: Parameters<typeof chatReducer>[1][]) =>
  actions.reduce<ChatState>((state, action) => chatReducer(state, action), initialChatState);

describe("chat state machine", () => {
  it("idle → sending → streaming → finishing → done", () => {
    const sending = run({ type: "send", message: "a todo app" });
    expect(sending).toMatchObject({ phase: "sending", live: { message: "a todo app", stream: null } });
    const streaming = chatReducer(sending, { type: "streaming", message: "a todo app", stream });
    expect(streaming.phase).toBe("streaming");
    expect(streaming.live?.stream).toBe(stream);
    const finishing = chatReducer(streaming, { type: "completed" });
    expect(finishing.phase).toBe("finishing");
    expect(isBusy(finishing.phase)).toBe(true);
    const synced = chatReducer(finishing, { type: "history-synced" });
    expect(synced.live).toBeNull();
    expect(chatReducer(synced, { type: "finished" }).phase).toBe("done");
  });

  it("a request that fails before streaming drops the live bubble and shows the error", () => {
    const state = run({ type: "send", message: "hi" }, { type: "failed", error: "Too many messages" });
    expect(state).toEqual({ phase: "error", live: null, error: "Too many messages" });
    expect(isBusy(state.phase)).toBe(false);
  });

  it("an error mid-stream keeps what streamed so far, and the stream's end doesn't clear it", () => {
    const state = run(
      { type: "send", message: "hi" },
      { type: "streaming", message: "hi", stream },
      { type: "failed", error: "The reply was interrupted." },
      { type: "completed" },
    );
    expect(state.phase).toBe("error");
    expect(state.error).toBe("The reply was interrupted.");
    expect(state.live?.message).toBe("hi");
  });

  it("ignores a second send while one is in flight", () => {
    const sending = run({ type: "send", message: "one" });
    expect(chatReducer(sending, { type: "send", message: "two" })).toBe(sending);
  });

  it("allows sending again after done or error", () => {
    const done = run({ type: "send", message: "a" }, { type: "streaming", message: "a", stream }, { type: "completed" }, { type: "finished" });
    expect(chatReducer(done, { type: "send", message: "b" }).phase).toBe("sending");
    const failed = run({ type: "send", message: "a" }, { type: "failed", error: "x" });
    expect(chatReducer(failed, { type: "send", message: "b" }).phase).toBe("sending");
  });
});
