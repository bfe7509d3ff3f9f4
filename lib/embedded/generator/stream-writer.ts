import "server-only";

import { getEnv } from "@/lib/env";
import { DONE_EVENT, encodeEvent, errorEvent } from "../../v0/stream-events";
import type { AppSpec } from "./app-spec";
import { saveFailedReply, saveVersion } from "./chat-store";
import { FAILURE_TEXT } from "./explain";
import { newId } from "./ids";
import { ContentBuilder } from "./message-content";
import { renderFiles } from "./render";

// Writes one reply in v0's stream format, as @v0-sdk/react reads it:
//   data: {"object":"chat","id":…}                    who the chat is
//   data: {"id":…,"object":"message.experimental_content.chunk","delta":…}   × n
//   data: {"object":"chat",…,"latestVersion":{…,"status":"completed"}}
//   data: [DONE]
// The version is saved before the final chat event, so whoever sees the
// reply end can fetch its files straight away.
export function writeReply({ chatId, spec, explanation }: { chatId: string; spec: AppSpec; explanation: string }): ReadableStream<Uint8Array> {
  const delay = getEnv().LOCAL_GENERATOR_DELAY_MS;
  const messageId = newId("msg");
  const chat = { object: "chat", id: chatId, name: spec.title, privacy: "private" } as const;

  // A reader that goes away (a closed tab) doesn't stop the work: like v0,
  // the reply is still written and saved, just no longer sent.
  let reading = true;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (bytes: Uint8Array) => {
        if (reading) controller.enqueue(bytes);
      };
      const content = new ContentBuilder();
      const sendDelta = async (delta: unknown) => {
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        send(encodeEvent({ id: messageId, object: "message.experimental_content.chunk", delta }));
      };

      send(encodeEvent(chat));
      try {
        const files = renderFiles(spec);
        const [first = "", ...rest] = explanation.match(/\S+\s*/g) ?? [];
        await sendDelta(content.paragraph(first));
        for (const piece of rest) await sendDelta(content.appendText(piece));
        for (const file of files) await sendDelta(content.codeBlock(file));
        const versionId = newId("ver");
        await saveVersion({ chatId, messageId, versionId, name: spec.title, text: explanation, content: content.content, files, spec });
        send(encodeEvent({ ...chat, latestVersion: { id: versionId, object: "version", status: "completed" } }));
      } catch (error) {
        console.error(`[local generator] reply in chat ${chatId} failed`, error);
        send(encodeEvent({ id: messageId, object: "message.experimental_content.chunk", delta: content.paragraph(FAILURE_TEXT) }));
        send(encodeEvent(errorEvent(FAILURE_TEXT)));
        const failed = new ContentBuilder();
        failed.paragraph(FAILURE_TEXT);
        await saveFailedReply({ chatId, messageId, text: FAILURE_TEXT, content: failed.content }).catch((saveError: unknown) =>
          console.error(`[local generator] could not record the failed reply in chat ${chatId}`, saveError),
        );
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
