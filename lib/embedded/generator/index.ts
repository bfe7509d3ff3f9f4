import "server-only";

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
      if (asksToFixTheBuild(message)) return writeReply({ chatId, spec: state.spec, explanation: FIXED_TEXT });
      const edit = applyFollowUp(state.spec, message);
      return writeReply({ chatId, spec: edit.spec, explanation: describeEdit(edit) });
    },

    getChat: loadChat,
  };
}

// A message asking to make a failed build work again, read from its first
// line as v0 reads any message: "Fix it" says "The preview build failed.
// Change the code so it builds again", and a builder may say it in their own
// words. The builder app's marker is its own business, not the generator's.
function asksToFixTheBuild(message: string): boolean {
  const firstLine = message.split("\n", 1)[0]!;
  return /\bbuild (?:failed|fails|is failing|broke)\b/i.test(firstLine) && /\b(?:fix|builds? again)\b/i.test(firstLine);
}
