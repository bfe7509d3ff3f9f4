import type { FileContent } from "@/lib/files/types";

// A file as v0's JSON lists (and the local generator) carry it: text only.
export type ChatFile = { name: string; content: string };

// A file of a version as it is to be committed: text as a string, binary
// files (images) as their bytes when v0 handed them out as bytes (its
// archive export).
export type VersionFile = { name: string; content: FileContent };

export type ChatVersion = {
  id: string;
  status: "pending" | "completed" | "failed";
  demoUrl?: string;
  files: VersionFile[];
};

export type ChatMessage = {
  id: string;
  role: "user" | "assistant";
  content: string; // plain text
  experimentalContent?: unknown; // v0 MessageBinaryFormat, rendered by @v0-sdk/react
  createdAt: string;
};

export type Chat = {
  id: string;
  name?: string;
  demoUrl?: string;
  messages: ChatMessage[];
  latestVersion?: ChatVersion;
};

// Streams are v0's server-sent events, passed to the browser untouched.
export interface ChatService {
  createChat(input: { message: string; system?: string }): Promise<ReadableStream<Uint8Array>>;
  // `system`: context for this reply (the app's setting names), not the builder's words.
  sendMessage(input: { chatId: string; message: string; system?: string }): Promise<ReadableStream<Uint8Array>>;
  // null when the chat does not exist. With `completeVersion`, a completed
  // latest version carries the whole project (v0's default files and images
  // included), as it is to be committed; without it, what is cheap to read.
  getChat(chatId: string, options?: { completeVersion?: boolean }): Promise<Chat | null>;
}
