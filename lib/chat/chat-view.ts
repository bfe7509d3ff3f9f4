import type { Chat } from "@/lib/v0/types";
import { FIX_REQUEST_LINE, isFixRequest } from "@/lib/fix-it/message";

// What the browser gets of a chat: messages to render, nothing else.
export type ChatMessageView = {
  id: string;
  role: "user" | "assistant";
  content: string;
  experimentalContent: unknown[] | null;
  createdAt: string;
  // A "Fix it" message: `content` is the one plain line builders see; only
  // admins get `sent`, exactly what went to the generator.
  fixRequest?: { sent?: string };
};

export type ChatView = {
  chatId: string | null;
  messages: ChatMessageView[];
  // The generator's own hosted preview, shown only until the app has one of ours.
  demoUrl: string | null;
};

export function toChatView(chat: Chat | null, { isAdmin = false }: { isAdmin?: boolean } = {}): ChatView {
  if (!chat) return { chatId: null, messages: [], demoUrl: null };
  return {
    chatId: chat.id,
    demoUrl: chat.latestVersion?.demoUrl ?? chat.demoUrl ?? null,
    messages: chat.messages.map((m) => {
      const view: ChatMessageView = {
        id: m.id,
        role: m.role,
        content: m.content,
        experimentalContent: Array.isArray(m.experimentalContent) ? m.experimentalContent : null,
        createdAt: m.createdAt,
      };
      if (m.role !== "user" || !isFixRequest(m.content)) return view;
      return { ...view, content: FIX_REQUEST_LINE, experimentalContent: null, fixRequest: isAdmin ? { sent: m.content } : {} };
    }),
  };
}
