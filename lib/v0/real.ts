import "server-only";

import { createClient } from "v0-sdk";
import { IntegrationError, type IntegrationErrorKind, isIntegrationError } from "@/lib/errors";
import { filesFromZip } from "./archive";
import type { Chat, ChatService, VersionFile } from "./types";

type ChatDetail = Awaited<ReturnType<ReturnType<typeof createClient>["chats"]["getById"]>>;

// v0-sdk takes no abort signal: a call that hasn't answered by then is given
// up on (and a stream that arrives late is cancelled).
const DEFAULT_TIMEOUT_MS = 60_000;

// v0 through its SDK. Streams are requested in v0's streaming mode and handed
// back untouched, so @v0-sdk/react renders them in the browser.
export function createV0ChatService({
  apiKey,
  baseUrl,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: {
  apiKey: string;
  baseUrl: string;
  timeoutMs?: number;
}): ChatService {
  const client = createClient({ apiKey, baseUrl });
  // The SDK puts ids into paths as they are.
  const pathId = (chatId: string) => encodeURIComponent(chatId);

  return {
    async createChat({ message, system }) {
      const result = await call("create chat", timeoutMs, () => client.chats.create({ message, system, responseMode: "experimental_stream" }));
      return asStream(result);
    },
    async sendMessage({ chatId, message, system }) {
      const result = await call(`send to chat ${chatId}`, timeoutMs, () =>
        client.chats.sendMessage({ chatId: pathId(chatId), message, ...(system ? { system } : {}), responseMode: "experimental_stream" }),
      );
      return asStream(result);
    },
    async getChat(chatId, options) {
      let chat: Chat;
      try {
        chat = toChat(await call(`get chat ${chatId}`, timeoutMs, () => client.chats.getById({ chatId: pathId(chatId) })));
      } catch (error) {
        if (isIntegrationError(error) && error.kind === "not_found") return null;
        throw error;
      }
      const version = chat.latestVersion;
      if (options?.completeVersion && version?.status === "completed") {
        return { ...chat, latestVersion: { ...version, files: await completeFiles(chatId, version.id) } };
      }
      return chat;
    },
  };

  // The chat's own file list leaves out v0's default files (components/ui/*
  // and scaffolding) and carries text only. The zip export is the whole
  // project with images as bytes; the version's JSON with default files is
  // the fallback when the export fails (its images arrive as text and are
  // left out later rather than committed broken).
  async function completeFiles(chatId: string, versionId: string): Promise<VersionFile[]> {
    const ids = { chatId: pathId(chatId), versionId: pathId(versionId) };
    try {
      const archive = await call(`download version ${versionId} of chat ${chatId}`, timeoutMs, () =>
        client.chats.downloadVersion({ ...ids, format: "zip", includeDefaultFiles: true }),
      );
      return filesFromZip(archive);
    } catch (error) {
      console.warn(`[v0] download of version ${versionId} of chat ${chatId} failed, reading its file list instead: ${error instanceof Error ? error.message : String(error)}`);
    }
    const detail = await call(`get version ${versionId} of chat ${chatId}`, timeoutMs, () => client.chats.getVersion({ ...ids, includeDefaultFiles: true }));
    return detail.files.map((f) => ({ name: f.name, content: f.content }));
  }
}

function toChat(detail: ChatDetail): Chat {
  const version = detail.latestVersion;
  // `demo` is deprecated and no longer typed, but older chats still carry it.
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

// v0-sdk throws Error("HTTP <status>: <body>") with no status property, and
// fetch's own TypeError when the network fails.
async function call<T>(what: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  const attempt = run();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntegrationError("v0", "unavailable", `${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([attempt, timeout]);
  } catch (error) {
    if (isIntegrationError(error)) {
      attempt.then(discard, () => {});
      throw error;
    }
    const text = error instanceof Error ? error.message : String(error);
    const status = Number(/^HTTP (\d{3})\b/.exec(text)?.[1]) || undefined;
    throw new IntegrationError("v0", kindFor(status), `${what}: ${text}`, { status, cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function discard(late: unknown): void {
  if (late instanceof ReadableStream) late.cancel().catch(() => {});
}

function kindFor(status: number | undefined): IntegrationErrorKind {
  if (!status || status >= 500 || status === 408) return "unavailable";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  return "rejected";
}
