import { sendChatMessage } from "@/lib/chat/send-chat-message";
import { withRoute } from "@/lib/api/with-route";
import { getIntegrations } from "@/lib/integrations";
import { chatRequestSchema } from "@/lib/validation/chat";

// Generation can take minutes; the reply streams the whole time.
export const maxDuration = 300;

// POST /api/chat – send a message; the reply streams back as v0's events
export const POST = withRoute({ body: chatRequestSchema }, async ({ user, body }) => {
  const { app, stream } = await sendChatMessage(await getIntegrations(), user, body);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      "x-app-id": app.id,
    },
  });
});
