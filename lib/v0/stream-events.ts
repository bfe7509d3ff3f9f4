// v0's stream is server-sent events: one JSON value per `data: ` line, blank
// lines between events, ending with `data: [DONE]`. Shared by the local
// generator (which writes it), the chat route (which reads the chat id) and
// tests. No server-only imports: the browser may parse the same format.

const encoder = new TextEncoder();

export function encodeEvent(value: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
}

export const DONE = "[DONE]";
export const DONE_EVENT = encoder.encode(`data: ${DONE}\n\n`);

// The app's own in-stream failure signal (the renderer ignores it; the chat
// client shows `message` and skips the preview update).
export type StreamErrorEvent = { object: "error"; message: string };

export function errorEvent(message: string): StreamErrorEvent {
  return { object: "error", message };
}

// Every `data:` value in the stream, parsed (DONE for `[DONE]`), whatever the chunk
// boundaries: lines split across chunks, multi-byte characters split across
// chunks, CRLF line ends, a last line without a newline. Lines that aren't
// JSON are skipped, as @v0-sdk/react skips them.
export async function* readEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<unknown, void, undefined> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split("\n");
      buffer = done ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        const event = parseLine(line);
        if (event !== undefined) yield event;
      }
      if (done) return;
    }
  } finally {
    // Stopping early (a `return` or `break` in the consumer) cancels the
    // source, which for a tee'd branch leaves the other branch flowing. Not
    // awaited: a tee'd branch's cancel settles only when the other branch
    // ends too, and the caller shouldn't wait for the whole reply.
    void reader.cancel().catch(() => {});
  }
}

function parseLine(raw: string): unknown {
  const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  if (!line.startsWith("data:")) return undefined;
  const data = line.slice(line.startsWith("data: ") ? 6 : 5);
  if (data === DONE) return DONE;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

export type FollowedReply = {
  // As soon as the stream names the chat (null if it never does).
  chatId: Promise<string | null>;
  // When the reply is over: `completed` only if it ran to its end without an
  // error event, i.e. it left a version worth previewing.
  done: Promise<{ chatId: string | null; completed: boolean }>;
};

// Reads a (tee'd) copy of the whole reply on the server, so the reply is
// known to have finished even when the browser that asked for it is gone.
export function followReply(stream: ReadableStream<Uint8Array>): FollowedReply {
  let announce: (chatId: string | null) => void = () => {};
  const chatId = new Promise<string | null>((resolve) => (announce = resolve));
  const done = (async () => {
    let id: string | null = null;
    let completed = true;
    try {
      for await (const event of readEvents(stream)) {
        if (!id && isChatSnapshot(event)) {
          id = event.id;
          announce(id);
        }
        if (isErrorEvent(event)) completed = false;
      }
    } catch {
      completed = false;
    }
    announce(id);
    return { chatId: id, completed };
  })();
  return { chatId, done };
}

function isErrorEvent(event: unknown): boolean {
  return typeof event === "object" && event !== null && (event as { object?: unknown }).object === "error";
}

export function isChatSnapshot(event: unknown): event is { object: "chat"; id: string } {
  if (typeof event !== "object" || event === null) return false;
  const { object, id } = event as { object?: unknown; id?: unknown };
  return object === "chat" && typeof id === "string" && id !== "";
}
