import { json } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { toChatView } from "@/lib/chat/chat-view";
import { getChatService } from "@/lib/integrations";

// GET /api/apps/[appId]/chat – the app's conversation, for history after a reload
export const GET = withRoute({ loadApp: true }, async ({ app }) => {
  const chat = app.chatId ? await getChatService().getChat(app.chatId) : null;
  return json(toChatView(chat));
});
