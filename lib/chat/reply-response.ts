import "server-only";

import { runAfterResponse } from "@/lib/api/after-response";
import { previewAfterReply } from "@/lib/deploy/preview-after-reply";
import type { Integrations } from "@/lib/integrations";
import type { ChatTurn } from "./send-chat-message";

// A reply streamed to the browser as v0's events, the same for every way a
// message is sent; the server previews it itself if the browser doesn't.
export function replyResponse(services: Integrations, { app, stream, reply }: ChatTurn): Response {
  runAfterResponse(`preview after a reply in app ${app.id}`, () => previewAfterReply(services, { appId: app.id, reply }));
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      "x-app-id": app.id,
    },
  });
}
