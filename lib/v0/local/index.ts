import "server-only";

import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";
import { IntegrationError } from "@/lib/errors";
import { DONE_EVENT, encodeEvent } from "../stream-events";
import type { ChatService } from "../types";
import { chatExists, insertChat, insertMessage, latestSpec, loadChat, saveReply } from "./chat-store";
import { contentDeltas, failureDelta, finalContent } from "./message-content";
import { renderFiles } from "./render";
import { type AppSpec, applyFollowUp, describeNewApp, initialSpec } from "./spec";

// Time-ordered ids, so messages created in the same instant keep their order.
function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, "0")}${randomBytes(5).toString("hex")}`;
}

// The stand-in for v0 when no API key is set: it reads the conversation,
// writes a real app, and streams its reply in v0's own format.
export function createLocalChatService(): ChatService {
  return {
    async createChat({ message }) {
      const chatId = newId("chat");
      const spec = initialSpec(message);
      await insertChat({ id: chatId, name: spec.title });
      await insertMessage({ id: newId("msg"), chatId, role: "user", content: message });
      return streamReply(chatId, spec, describeNewApp(spec));
    },

    async sendMessage({ chatId, message }) {
      if (!(await chatExists(chatId))) throw new IntegrationError("v0", "not_found", `chat ${chatId} not found`, { status: 404 });
      const previous = (await latestSpec(chatId)) ?? initialSpec(message);
      const { spec, summary } = applyFollowUp(previous, message);
      await insertMessage({ id: newId("msg"), chatId, role: "user", content: message });
      return streamReply(chatId, spec, summary);
    },

    getChat: loadChat,
  };
}

function streamReply(chatId: string, spec: AppSpec, explanation: string): ReadableStream<Uint8Array> {
  const delay = getEnv().LOCAL_GENERATOR_DELAY_MS;
  const pause = () => new Promise((resolve) => setTimeout(resolve, delay));
  const messageId = newId("msg");
  const chatEvent = { object: "chat", id: chatId, name: spec.title, privacy: "private" };

  // A reader that goes away (a closed tab) doesn't stop the work: like v0,
  // the reply is still written and saved, just no longer sent.
  let reading = true;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => {
        if (reading) controller.enqueue(encodeEvent(value));
      };
      send(chatEvent);
      try {
        const files = renderFiles(spec);
        for (const delta of contentDeltas(explanation, files)) {
          await pause();
          send({ id: messageId, object: "message.experimental_content.chunk", delta });
        }
        // Stored before the stream ends: whoever saw the end can fetch the files.
        await saveReply({
          chatId,
          versionId: newId("ver"),
          messageId,
          name: spec.title,
          explanation,
          content: finalContent(explanation, files),
          files,
          spec,
        });
        send({ ...chatEvent, latestVersion: { status: "completed" } });
      } catch (error) {
        console.error(`[local generator] chat ${chatId} failed`, error);
        send({ id: messageId, object: "message.experimental_content.chunk", delta: failureDelta() });
      }
      if (!reading) return;
      controller.enqueue(DONE_EVENT);
      controller.close();
    },
    cancel() {
      reading = false;
    },
  });
}
