import "server-only";

import type { SessionUser } from "@/lib/auth";
import type { App } from "@/lib/db/schema";
import {
  createApp,
  deleteAppById,
  getAppByChatIdForOwner,
  getAppByIdForOwner,
  setAppChatIdOnce,
  touchAppById,
} from "@/lib/db/queries";
import { getSettingsByAppId } from "@/lib/db/settings";
import { getEnv } from "@/lib/env";
import { AppError, isIntegrationError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import { consumeRateLimit } from "@/lib/rate-limit";
import { followReply } from "@/lib/v0/stream-events";
import type { ChatRequest } from "@/lib/validation/chat";
import { appNameFromPrompt } from "./app-name";
import { assertNoCycleRunning } from "@/lib/deploy/lock";
import { ensureAppRepo } from "@/lib/deploy/ensure-app-repo";
import { guardStream } from "./guard-stream";

export type ChatTurn = {
  app: App;
  stream: ReadableStream<Uint8Array>;
  // Settles when the reply is over, whether or not anyone still reads it.
  reply: Promise<{ chatId: string | null; completed: boolean }>;
};

// One builder message: picks (or creates) the app, starts or continues its v0
// chat, and hands back v0's stream for the browser. The new chat's id is read
// by the server from its own copy of the stream, never taken from the client.
export async function sendChatMessage(services: Integrations, user: SessionUser, request: ChatRequest): Promise<ChatTurn> {
  await consumeChatAllowance(user);
  const existing = await findApp(user, request);
  if (existing) await assertNoCycleRunning(existing.id);
  return startReply(services, user, existing, request.message);
}

// A message the server writes to an app it has already loaded for its owner
// and found free of cycles ("Fix it", lib/fix-it): counted like the
// builder's own messages.
export async function sendMessageToApp(services: Integrations, user: SessionUser, app: App, message: string): Promise<ChatTurn> {
  await consumeChatAllowance(user);
  return startReply(services, user, app, message);
}

async function consumeChatAllowance(user: SessionUser): Promise<void> {
  const allowed = await consumeRateLimit(`chat:${user.id}`, {
    max: getEnv().CHAT_MESSAGES_PER_MINUTE,
    windowMs: 60_000,
  });
  if (!allowed) throw new AppError("rate_limited", "You're sending messages quickly. Please wait a moment and try again.");
}

async function startReply(services: Integrations, user: SessionUser, existing: App | null, message: string): Promise<ChatTurn> {
  const app = existing ?? (await createApp({ ownerId: user.id, name: appNameFromPrompt(message) }));
  // Started now, alongside generation; the preview cycle retries if it fails.
  const repo = ensureAppRepo(app, services.git).catch((error) => console.error(`[chat] repository for app ${app.id} not created yet`, error));

  let upstream: ReadableStream<Uint8Array>;
  try {
    upstream = app.chatId
      ? await services.chat.sendMessage({ chatId: app.chatId, message, system: await settingsContext(app.id) })
      : await services.chat.createChat({ message });
  } catch (error) {
    if (!existing) await deleteAppById({ id: app.id, ownerId: user.id });
    throw generatorUnavailable(error);
  }
  await touchAppById({ id: app.id });

  // The server reads its own copy of every reply to its end: to record a new
  // chat's id (never taken from the client), and to know the reply finished
  // even if the browser that asked for it has gone. The browser's stream ends
  // only once the chat and repository are recorded, so a browser that saw
  // the reply finish can update the preview straight away.
  const [toBrowser, toServer] = upstream.tee();
  const followed = followReply(toServer);
  const recorded = app.chatId ? undefined : followed.chatId.then((chatId) => (chatId ? setAppChatIdOnce({ id: app.id, chatId }) : null));
  const reply = Promise.all([followed.done, recorded]).then(([{ chatId, completed }]) => ({ chatId: app.chatId ?? chatId, completed }));
  return { app, stream: guardStream(toBrowser, Promise.all([recorded, repo])), reply };
}

// The app's settings by name (never a value), so the code v0 writes reads
// them by those names rather than inventing others.
export async function settingsContext(appId: string): Promise<string | undefined> {
  const settings = await getSettingsByAppId({ appId });
  if (settings.length === 0) return undefined;
  const list = (set: boolean) => settings.filter((s) => s.set === set).map((s) => s.name);
  const [withValue, without] = [list(true), list(false)];
  return [
    "This app reads its settings from environment variables (process.env). Use exactly these names; never write their values into the code.",
    withValue.length > 0 ? `Set: ${withValue.join(", ")}.` : null,
    without.length > 0 ? `Not set yet (the app's owner adds them in Settings): ${without.join(", ")}.` : null,
    "Names starting with NEXT_PUBLIC_ are visible in the browser; keep secret keys in other names, used only on the server.",
  ]
    .filter(Boolean)
    .join("\n");
}

async function findApp(user: SessionUser, { appId, chatId }: ChatRequest): Promise<App | null> {
  const notFound = new AppError("not_found", "We couldn't find that app.");
  if (appId) {
    const app = await getAppByIdForOwner({ id: appId, ownerId: user.id });
    if (!app || (chatId && app.chatId !== chatId)) throw notFound;
    return app;
  }
  if (chatId) {
    const app = await getAppByChatIdForOwner({ chatId, ownerId: user.id });
    if (!app) throw notFound;
    return app;
  }
  return null;
}

function generatorUnavailable(error: unknown): AppError {
  const detail = isIntegrationError(error) ? `${error.service} ${error.kind}: ${error.message}` : String(error);
  return new AppError("upstream_failed", "We couldn't reach the app generator just now. Please try again in a moment.", {
    detail,
    cause: error,
  });
}
