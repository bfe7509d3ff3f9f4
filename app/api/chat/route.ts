import { withRoute } from "@/lib/api/with-route";
import { replyResponse } from "@/lib/chat/reply-response";
import { sendChatMessage } from "@/lib/chat/send-chat-message";
import { getIntegrations } from "@/lib/integrations";
import { chatRequestSchema } from "@/lib/validation/chat";

// Generation can take minutes; the reply streams the whole time.
export const maxDuration = 300;

// POST /api/chat – send a message; the reply streams back as v0's events
export const POST = withRoute({ body: chatRequestSchema }, async ({ user, body }) => {
  const services = await getIntegrations();
  return replyResponse(services, await sendChatMessage(services, user, body));
});
