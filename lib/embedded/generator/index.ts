import "server-only";

import { isFixRequest } from "@/lib/chat/fix-request";
import { IntegrationError } from "@/lib/errors";
import type { ChatService } from "../../v0/types";
import { addUserMessage, chatState, loadChat, startChat } from "./chat-store";
import { describeEdit, describeNewApp, FIXED_TEXT } from "./explain";
import { newId } from "./ids";
import { applyFollowUp, readPrompt } from "./spec";
import { writeReply } from "./stream-writer";

// The stand-in for v0 when no API key is set: it reads the conversation,
// writes a real app, and streams its reply in v0's own format. It has no
// hosted demo, so chats never carry a demoUrl.
export function createLocalChatService(): ChatService {
  return {
    async createChat({ message }) {
      const chatId = newId("chat");
      const app = readPrompt(message);
      await startChat({ id: chatId, name: app.spec.title, message: { id: newId("msg"), content: message } });
      return writeReply({ chatId, spec: app.spec, explanation: describeNewApp(app) });
    },

    async sendMessage({ chatId, message }) {
      const state = await chatState(chatId);
      if (!state) throw new IntegrationError("v0", "not_found", `chat ${chatId} not found`, { status: 404 });
      await addUserMessage({ id: newId("msg"), chatId, content: message });
      // No version yet (the first reply failed): this message starts the app.
      if (!state.spec) {
        const app = readPrompt(message);
        return writeReply({ chatId, spec: app.spec, explanation: describeNewApp(app) });
      }
      // "Fix it": the code is written again from the latest spec, which
      // always renders an app that builds; the design stays as it was.
      if (isFixRequest(message)) return writeReply({ chatId, spec: state.spec, explanation: FIXED_TEXT });
      const edit = applyFollowUp(state.spec, message);
      return writeReply({ chatId, spec: edit.spec, explanation: describeEdit(edit) });
    },

    getChat: loadChat,
  };
}
