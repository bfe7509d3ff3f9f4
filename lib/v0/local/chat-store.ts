import "server-only";

import { asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { localChatMessages, localChats, localChatVersions } from "@/lib/db/schema";
import type { Chat, ChatFile } from "../types";
import type { AppSpec } from "./spec";

// The local generator's chats, messages and versions, kept in the app's own
// database so conversations survive restarts like v0's do.

export async function insertChat({ id, name }: { id: string; name: string }): Promise<void> {
  await getDb().insert(localChats).values({ id, name });
}

export async function chatExists(id: string): Promise<boolean> {
  const [row] = await getDb().select({ id: localChats.id }).from(localChats).where(eq(localChats.id, id));
  return Boolean(row);
}

export async function insertMessage(message: {
  id: string;
  chatId: string;
  role: "user" | "assistant";
  content: string;
  experimentalContent?: unknown;
}): Promise<void> {
  await getDb().insert(localChatMessages).values(message);
}

export async function saveReply(reply: {
  chatId: string;
  versionId: string;
  messageId: string;
  name: string;
  explanation: string;
  content: unknown;
  files: ChatFile[];
  spec: AppSpec;
}): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx.insert(localChatVersions).values({ id: reply.versionId, chatId: reply.chatId, status: "completed", files: reply.files, spec: reply.spec });
    await tx.insert(localChatMessages).values({
      id: reply.messageId,
      chatId: reply.chatId,
      role: "assistant",
      content: reply.explanation,
      experimentalContent: reply.content,
    });
    await tx.update(localChats).set({ name: reply.name }).where(eq(localChats.id, reply.chatId));
  });
}

export async function latestSpec(chatId: string): Promise<AppSpec | null> {
  const [row] = await getDb()
    .select({ spec: localChatVersions.spec })
    .from(localChatVersions)
    .where(eq(localChatVersions.chatId, chatId))
    .orderBy(desc(localChatVersions.createdAt))
    .limit(1);
  return (row?.spec as AppSpec | undefined) ?? null;
}

export async function loadChat(id: string): Promise<Chat | null> {
  const db = getDb();
  const [chat] = await db.select().from(localChats).where(eq(localChats.id, id));
  if (!chat) return null;
  const [messages, [version]] = await Promise.all([
    db.select().from(localChatMessages).where(eq(localChatMessages.chatId, id)).orderBy(asc(localChatMessages.createdAt), asc(localChatMessages.id)),
    db.select().from(localChatVersions).where(eq(localChatVersions.chatId, id)).orderBy(desc(localChatVersions.createdAt)).limit(1),
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
