export type ChatFile = { name: string; content: string };

export type ChatVersion = {
  id: string;
  status: "pending" | "completed" | "failed";
  demoUrl?: string;
  files: ChatFile[];
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
  sendMessage(input: { chatId: string; message: string }): Promise<ReadableStream<Uint8Array>>;
  // null when the chat does not exist.
  getChat(chatId: string): Promise<Chat | null>;
}
