// v0's stream is server-sent events: one JSON value per `data: ` line, blank
// lines between events, ending with `data: [DONE]`. Shared by the local
// generator (which writes it) and the chat route (which reads the chat id).

const encoder = new TextEncoder();

export function encodeEvent(value: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
}

export const DONE_EVENT = encoder.encode("data: [DONE]\n\n");

// Reads a (teed) copy of the stream until the first chat object names the
// chat, then stops reading it. Resolves null if the stream ends without one.
export async function readChatId(stream: ReadableStream<Uint8Array>): Promise<string | null> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return null;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const id = chatIdFromLine(line);
        if (id) return id;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function chatIdFromLine(line: string): string | null {
  if (!line.startsWith("data: ")) return null;
  try {
    const event = JSON.parse(line.slice(6)) as { object?: unknown; id?: unknown };
    return event.object === "chat" && typeof event.id === "string" ? event.id : null;
  } catch {
    return null;
  }
}
