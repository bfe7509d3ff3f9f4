import "server-only";

import type { SessionUser } from "@/lib/auth";
import { getAppById, getInFlightDeploymentByAppId, getLatestStagingDeploymentForVersion } from "@/lib/db/queries";
import type { App, DeploymentRecord } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import type { ChatService } from "@/lib/v0/types";
import type { StartedBy } from "./lock";
import { deployMessages } from "./messages";
import { getPreviewStatus, type PreviewStatus } from "./preview-status";
import { type StagingResult, syncStagingFromChat } from "./sync-staging";

export type FinishedReply = Promise<{ chatId: string | null; completed: boolean }>;

// What the browser's request gets: the result, and the preview panel's
// whole status as it stands after it, so the page shows the new preview from
// this answer instead of asking again.
export type BrowserPreviewAnswer = StagingResult & { preview: PreviewStatus };

export async function previewReplyForBrowser(services: Integrations, { app, user }: { app: App; user: SessionUser }): Promise<BrowserPreviewAnswer> {
  const result = await previewLatestReply(services, { app, startedBy: { kind: "user", userId: user.id } });
  return { ...result, preview: await getPreviewStatus({ app, isAdmin: user.role === "admin" }) };
}

const RUNNING_CHECK_MS = 100;

// A reply is previewed once. The browser asks right after each reply; when
// it asks again for a version already previewed (the server got there
// first), it gets that preview instead of a second cycle, and when it asks
// while that update runs, it gets the update's answer once it ends.
export async function previewLatestReply(services: Integrations, { app, startedBy }: { app: App; startedBy: StartedBy }): Promise<StagingResult> {
  const versionId = app.chatId ? await completedVersionId(services.chat, app.chatId) : null;
  const done = versionId ? await getLatestStagingDeploymentForVersion({ appId: app.id, versionId }) : null;
  if (done?.status === "ready" && done.previewUrl) return { status: "ready", previewUrl: done.previewUrl, message: deployMessages.ready };
  try {
    return await syncStagingFromChat(services, { app, startedBy });
  } catch (error) {
    if (!versionId || !isAppError(error) || error.code !== "conflict") throw error;
    const followed = await answerOfRunningUpdate(app.id, versionId);
    if (!followed) throw error;
    return followed;
  }
}

// The update running for this version (the server's own, or another tab's),
// followed to its end; null when what runs is something else. A cycle
// records its version a moment after it starts: one that hasn't within
// VERSION_RECORDED_MS is taken to be something else.
const VERSION_RECORDED_MS = 3_000;

async function answerOfRunningUpdate(appId: string, versionId: string): Promise<StagingResult | null> {
  const started = Date.now();
  const deadline = started + getEnv().DEPLOY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const running = await getInFlightDeploymentByAppId({ appId });
    if (!running) {
      const done = await getLatestStagingDeploymentForVersion({ appId, versionId });
      return done ? answerOf(appId, done) : null;
    }
    if (running.environment !== "staging" || (running.versionId ?? versionId) !== versionId) return null;
    if (running.versionId === null && Date.now() - started > VERSION_RECORDED_MS) return null;
    await new Promise((resolve) => setTimeout(resolve, RUNNING_CHECK_MS));
  }
  return null;
}

async function answerOf(appId: string, row: DeploymentRecord): Promise<StagingResult | null> {
  if (row.status === "ready" && row.previewUrl) return { status: "ready", previewUrl: row.previewUrl, message: row.message ?? deployMessages.ready };
  if (row.status !== "failed") return null;
  const app = await getAppById({ id: appId });
  const kept = app?.stagingUrl ?? null;
  return { status: "failed", previewUrl: kept, message: row.message ?? (kept ? deployMessages.failedWithPrevious : deployMessages.failedFirst) };
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
