import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { toChatView } from "@/lib/chat/chat-view";
import { getIntegrations } from "@/lib/integrations";

// GET /api/apps/[appId]/chat – the app's conversation, for history after a reload
// (a "Fix it" message reads as one plain line; admins also get what was sent)
export const GET = withRoute({ loadApp: true }, async ({ app, user }) => {
  const chat = app.chatId ? await (await getIntegrations()).chat.getChat(app.chatId) : null;
  return json(toChatView(chat, { isAdmin: user.role === "admin" }));
});
