import type { Chat } from "@/lib/v0/types";

// What the browser gets of a chat: messages to render, nothing else.
export type ChatMessageView = {
  id: string;
  role: "user" | "assistant";
  content: string;
  experimentalContent: unknown[] | null;
  createdAt: string;
};

export type ChatView = {
  chatId: string | null;
  messages: ChatMessageView[];
  // The generator's own hosted preview, shown only until the app has one of ours.
  demoUrl: string | null;
};

export function toChatView(chat: Chat | null): ChatView {
  if (!chat) return { chatId: null, messages: [], demoUrl: null };
  return {
    chatId: chat.id,
    demoUrl: chat.latestVersion?.demoUrl ?? chat.demoUrl ?? null,
    messages: chat.messages.map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      experimentalContent: Array.isArray(m.experimentalContent) ? m.experimentalContent : null,
      createdAt: m.createdAt,
    })),
  };
}
