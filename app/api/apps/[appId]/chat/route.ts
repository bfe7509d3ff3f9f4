import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { toChatView } from "@/lib/chat/chat-view";
import { getIntegrations } from "@/lib/integrations";

// GET /api/apps/[appId]/chat – the app's conversation, for history after a reload
export const GET = withRoute({ loadApp: true }, async ({ app }) => {
  const chat = app.chatId ? await (await getIntegrations()).chat.getChat(app.chatId) : null;
  return json(toChatView(chat));
});
