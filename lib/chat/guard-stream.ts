import "server-only";

import { encodeEvent } from "@/lib/v0/stream-events";

const STREAM_FAILED_MESSAGE = "The reply was interrupted. Please send your message again.";

// Passes the upstream stream through chunk by chunk (no buffering). If the
// upstream fails mid-reply, the browser gets a final plain-language error
// event and a clean end instead of a hang; `before` is awaited before closing.
export function guardStream(upstream: ReadableStream<Uint8Array>, before?: Promise<unknown>): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (!done) {
          controller.enqueue(value);
          return;
        }
        await before;
      } catch (error) {
        console.error("[chat] upstream stream failed", error);
        controller.enqueue(encodeEvent({ object: "error", message: STREAM_FAILED_MESSAGE }));
      }
      controller.close();
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
