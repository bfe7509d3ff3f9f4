import "server-only";

import { asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { localChatMessages, localChats, localChatVersions } from "@/lib/db/schema";
import type { Chat, ChatFile } from "../../v0/types";
import type { AppSpec } from "./app-spec";
import type { MessageContent } from "./message-content";
import { parseSpec } from "./spec";

// The local generator's chats, messages and versions, kept in the app's own
// database so conversations survive restarts like v0's do.

export async function startChat(chat: { id: string; name: string; message: { id: string; content: string } }): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx.insert(localChats).values({ id: chat.id, name: chat.name });
    await tx.insert(localChatMessages).values({ id: chat.message.id, chatId: chat.id, role: "user", content: chat.message.content });
  });
}

export async function addUserMessage(message: { id: string; chatId: string; content: string }): Promise<void> {
  await getDb().insert(localChatMessages).values({ ...message, role: "user" });
}

// null: no such chat. `spec` is null while the chat has no version yet.
export async function chatState(chatId: string): Promise<{ spec: AppSpec | null } | null> {
  const db = getDb();
  const [chat] = await db.select({ id: localChats.id }).from(localChats).where(eq(localChats.id, chatId));
  if (!chat) return null;
  const [version] = await db
    .select({ spec: localChatVersions.spec })
    .from(localChatVersions)
    .where(eq(localChatVersions.chatId, chatId))
    .orderBy(desc(localChatVersions.createdAt), desc(localChatVersions.id))
    .limit(1);
  return { spec: version ? parseSpec(version.spec) : null };
}

type Reply = { chatId: string; messageId: string; text: string; content: MessageContent };

// The assistant's reply and the version it wrote, together or not at all.
export async function saveVersion(reply: Reply & { versionId: string; name: string; files: ChatFile[]; spec: AppSpec }): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx.insert(localChatVersions).values({ id: reply.versionId, chatId: reply.chatId, status: "completed", files: reply.files, spec: reply.spec });
    await tx.insert(localChatMessages).values(assistantRow(reply));
    await tx.update(localChats).set({ name: reply.name }).where(eq(localChats.id, reply.chatId));
  });
}

// A reply that failed still shows in the history, saying so; no version.
export async function saveFailedReply(reply: Reply): Promise<void> {
  await getDb().insert(localChatMessages).values(assistantRow(reply));
}

function assistantRow({ chatId, messageId, text, content }: Reply) {
  return { id: messageId, chatId, role: "assistant" as const, content: text, experimentalContent: content };
}

export async function loadChat(id: string): Promise<Chat | null> {
  const db = getDb();
  const [chat] = await db.select().from(localChats).where(eq(localChats.id, id));
  if (!chat) return null;
  const [messages, [version]] = await Promise.all([
    db.select().from(localChatMessages).where(eq(localChatMessages.chatId, id)).orderBy(asc(localChatMessages.createdAt), asc(localChatMessages.id)),
    db
      .select()
      .from(localChatVersions)
      .where(eq(localChatVersions.chatId, id))
      .orderBy(desc(localChatVersions.createdAt), desc(localChatVersions.id))
      .limit(1),
  ]);
  return {
    id: chat.id,
    name: chat.name,
    messages: messages.map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      experimentalContent: m.experimentalContent ?? undefined,
      createdAt: m.createdAt.toISOString(),
    })),
    latestVersion: version ? { id: version.id, status: version.status, files: version.files } : undefined,
  };
}
