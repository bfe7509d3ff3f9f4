import "server-only";

import { getLastStagingCommitByAppId, getReadyStagingDeploymentByCommit } from "@/lib/db/queries";
import { recordNeededSettings } from "@/lib/db/settings";
import type { App } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { leftOutNotice } from "@/lib/files/left-out";
import { STAGING_BRANCH } from "@/lib/github/types";
import type { Integrations } from "@/lib/integrations";
import type { ChatService, ChatVersion } from "@/lib/v0/types";
import { type FailureReason, NoCodeError } from "./failure";
import type { StartedBy } from "./lock";
import { deployMessages, needsSettingsMessage } from "./messages";
import { detectVersionSettings, extractFiles, injectInvariants } from "./post-process";
import { runCycle } from "./run-cycle";

export type StagingResult = { status: "ready" | "failed"; previewUrl: string | null; message: string };

// A reply can finish streaming a moment before its version is marked done.
const VERSION_WAITS_MS = [250, 500, 1000, 2000, 4000];

// The only path that changes the Current preview. The chat's latest code →
// one commit on staging → the deployment built from exactly that commit →
// ready with its URL, or failed with the previous preview left in place. One
// cycle per app (see runCycle). The admin fallback runs this same cycle.
export async function syncStagingFromChat(
  services: Integrations,
  { app, startedBy }: { app: App; startedBy: StartedBy },
): Promise<StagingResult> {
  if (!app.chatId) throw new AppError("bad_request", "This app has no conversation to build from yet.");
  // Said with the result when a left-out file changes what the builder sees.
  let notice: string | null = null;

  const outcome = await runCycle(services, { app, startedBy }, {
    environment: "staging",
    branch: STAGING_BRANCH,
    async land({ services, app, repo, progress }) {
      // The app as read after the lock; its chat can't have gone since.
      if (!app.chatId) throw new NoCodeError(`app ${app.id} has no chat`);
      const version = await latestCompletedVersion(services.chat, app.chatId);
      const extracted = extractFiles(version.files);
      await progress({ versionId: version.id, leftOutFiles: extracted.leftOut.length > 0 ? extracted.leftOut : undefined });
      notice = leftOutNotice(extracted.leftOut, extracted.files);
      const files = injectInvariants(extracted.files);
      // Compared with what the pipeline last committed, so changes someone
      // else pushed to staging are kept.
      const previousCommit = (await getLastStagingCommitByAppId({ appId: app.id })) ?? undefined;
      const commit = await services.git.commitFiles(repo, STAGING_BRANCH, files, `Update from chat (${version.id})`, { previousCommit });
      // What the committed code needs (names from the left-out env files too),
      // recorded before its build so a failure for want of them is told apart.
      await recordNeededSettings({ appId: app.id, names: detectVersionSettings(version.files) });
      return { sha: commit.sha, pushed: commit.changed };
    },
    // Same code as an already-previewed commit: that preview is this one.
    async reuse({ app }, { sha }) {
      const reused = await getReadyStagingDeploymentByCommit({ appId: app.id, commitSha: sha });
      if (!reused?.previewUrl || !reused.deploymentUrl) return null;
      return {
        deploymentUrl: reused.deploymentUrl,
        previewUrl: reused.previewUrl,
        providerDeploymentId: reused.providerDeploymentId,
        appUrl: reused.previewUrl,
        message: withNotice(deployMessages.unchanged, notice),
      };
    },
    async ready(_ctx, deployment) {
      const previewUrl = deployment.branchUrl ?? deployment.url;
      return {
        deploymentUrl: deployment.url,
        previewUrl,
        providerDeploymentId: deployment.id,
        appUrl: previewUrl,
        message: withNotice(deployMessages.ready, notice),
      };
    },
    failureMessage: (reason, current, missing) => stagingFailureMessage(reason, current.stagingUrl !== null, missing),
  });
  return { status: outcome.status, previewUrl: outcome.url, message: outcome.message };
}

// The version complete (v0's default files and images included), as it is deployed.
async function latestCompletedVersion(chat: ChatService, chatId: string): Promise<ChatVersion> {
  for (const wait of [...VERSION_WAITS_MS, null]) {
    const version = (await chat.getChat(chatId, { completeVersion: true }))?.latestVersion;
    if (version?.status === "completed") {
      if (version.files.length === 0) break;
      return version;
    }
    if (version?.status === "failed" || wait === null) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw new NoCodeError(`chat ${chatId} has no completed version with files`);
}

function withNotice(message: string, notice: string | null): string {
  if (!notice) return message;
  return `${message}${/[.!?…]$/.test(message) ? "" : "."} ${notice}`;
}

export function stagingFailureMessage(reason: FailureReason, hasPrevious: boolean, missingSettings: string[] = []): string {
  switch (reason) {
    case "settings":
      return needsSettingsMessage(missingSettings, hasPrevious ? "preview" : "no_preview");
    case "canceled":
      return hasPrevious ? deployMessages.canceledWithPrevious : deployMessages.canceledFirst;
    case "no_code":
      return deployMessages.noCode;
    case "unsafe_files":
      return deployMessages.unsafeFiles;
    case "install":
      return hasPrevious ? deployMessages.installFailedWithPrevious : deployMessages.installFailedFirst;
    case "blocked":
      return deployMessages.blocked;
    case "unavailable":
      return deployMessages.unavailable;
    case "refused":
      return deployMessages.refused;
    default:
      return hasPrevious ? deployMessages.failedWithPrevious : deployMessages.failedFirst;
  }
}
