import "server-only";

import { createClient } from "v0-sdk";
import { IntegrationError, type IntegrationErrorKind } from "@/lib/errors";
import type { Chat, ChatService } from "./types";

type ChatDetail = Awaited<ReturnType<ReturnType<typeof createClient>["chats"]["getById"]>>;

// v0 through its SDK. Streams are requested in v0's streaming mode and handed
// back untouched, so @v0-sdk/react renders them in the browser.
export function createV0ChatService({ apiKey, baseUrl }: { apiKey: string; baseUrl: string }): ChatService {
  const client = createClient({ apiKey, baseUrl });

  return {
    async createChat({ message, system }) {
      return asStream(await call("create chat", () => client.chats.create({ message, system, responseMode: "experimental_stream" })));
    },
    async sendMessage({ chatId, message }) {
      return asStream(await call(`send to ${chatId}`, () => client.chats.sendMessage({ chatId, message, responseMode: "experimental_stream" })));
    },
    async getChat(chatId) {
      try {
        return toChat(await call(`get ${chatId}`, () => client.chats.getById({ chatId })));
      } catch (error) {
        if (error instanceof IntegrationError && error.kind === "not_found") return null;
        throw error;
      }
    },
  };
}

function toChat(detail: ChatDetail): Chat {
  const version = detail.latestVersion;
  const demo = (detail as { demo?: string }).demo;
  return {
    id: detail.id,
    name: detail.name,
    demoUrl: version?.demoUrl ?? demo,
    messages: (detail.messages ?? []).map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      experimentalContent: m.experimental_content,
      createdAt: m.createdAt,
    })),
    latestVersion: version
      ? { id: version.id, status: version.status, demoUrl: version.demoUrl, files: version.files.map((f) => ({ name: f.name, content: f.content })) }
      : undefined,
  };
}

function asStream(result: unknown): ReadableStream<Uint8Array> {
  if (result instanceof ReadableStream) return result as ReadableStream<Uint8Array>;
  throw new IntegrationError("v0", "unavailable", "expected a streamed reply but got a JSON body");
}

// v0-sdk throws Error("HTTP <status>: <body>") with no status property.
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const status = Number(/HTTP (\d{3})/.exec(text)?.[1]) || undefined;
    throw new IntegrationError("v0", kindFor(status), `${what}: ${text}`, { status, cause: error });
  }
}

function kindFor(status: number | undefined): IntegrationErrorKind {
  if (!status || status >= 500) return "unavailable";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  return "rejected";
}
