import "server-only";

import { getAppById, getLatestStagingDeploymentForVersion } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import type { ChatService } from "@/lib/v0/types";
import type { StartedBy } from "./lock";
import { deployMessages } from "./messages";
import { type StagingResult, syncStagingFromChat } from "./sync-staging";

export type FinishedReply = Promise<{ chatId: string | null; completed: boolean }>;

// A reply is previewed once. The browser asks right after each reply; when
// it asks again for a version already previewed (the server got there
// first), it gets that preview instead of a second cycle.
export async function previewLatestReply(services: Integrations, { app, startedBy }: { app: App; startedBy: StartedBy }): Promise<StagingResult> {
  const versionId = app.chatId ? await completedVersionId(services.chat, app.chatId) : null;
  const done = versionId ? await getLatestStagingDeploymentForVersion({ appId: app.id, versionId }) : null;
  if (done?.status === "ready" && done.previewUrl) return { status: "ready", previewUrl: done.previewUrl, message: deployMessages.ready };
  return syncStagingFromChat(services, { app, startedBy });
}

// When the browser can't ask (the tab closed, the network dropped), the
// server does it itself a short grace period after the reply. If the
// browser's update for this version ran or is running (its row, or the
// app's lock), the server does nothing.
export async function previewAfterReply(
  services: Integrations,
  { appId, reply, graceMs = getEnv().REPLY_PREVIEW_GRACE_MS }: { appId: string; reply: FinishedReply; graceMs?: number },
): Promise<StagingResult | null> {
  const { chatId, completed } = await reply;
  if (!completed || !chatId) return null;
  // Unref'd: a waiting timer never keeps a process alive that is done otherwise.
  await new Promise((resolve) => setTimeout(resolve, graceMs).unref());

  const app = await getAppById({ id: appId });
  if (!app || app.chatId !== chatId) return null;
  const versionId = await completedVersionId(services.chat, chatId);
  if (!versionId || (await getLatestStagingDeploymentForVersion({ appId, versionId }))) return null;
  try {
    return await syncStagingFromChat(services, { app, startedBy: { kind: "server", userId: null } });
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") return null; // the browser's update got there first
    throw error;
  }
}

async function completedVersionId(chat: ChatService, chatId: string): Promise<string | null> {
  const version = (await chat.getChat(chatId))?.latestVersion;
  return version?.status === "completed" ? version.id : null;
}
