import { runAfterResponse } from "@/lib/api/after-response";
import { withRoute } from "@/lib/api/with-route";
import { sendChatMessage } from "@/lib/chat/send-chat-message";
import { previewAfterReply } from "@/lib/deploy/preview-after-reply";
import { chatRequestSchema } from "@/lib/validation/chat";

// Generation can take minutes; the reply streams the whole time.
export const maxDuration = 300;

// POST /api/chat – send a message; the reply streams back as v0's events
export const POST = withRoute({ body: chatRequestSchema }, async ({ user, body }) => {
  const { app, stream, reply } = await sendChatMessage(user, body);
  runAfterResponse(`preview after a reply in app ${app.id}`, () => previewAfterReply({ appId: app.id, reply }));
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      "x-app-id": app.id,
    },
  });
});
