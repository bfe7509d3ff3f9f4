import "server-only";

import { getLastStagingCommitByAppId, getLatestReadyDeploymentByAppId, getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { STAGING_BRANCH } from "@/lib/github/types";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import type { StartedBy } from "./lock";
import { deployMessages } from "./messages";
import { runCycle } from "./run-cycle";
import { stagingFailureMessage, type StagingResult } from "./sync-staging";

// After a setting changed: one preview cycle (under the app's lock, like every
// other) that hands the host the settings and builds a new deployment of the
// code the builder is looking at. That is the commit of a preview that failed
// for want of settings (so it comes back by itself), else the Current
// preview's. An app with nothing committed yet has nothing to rebuild.
export async function applySettingsToPreview(services: Integrations, { app, startedBy }: { app: App; startedBy: StartedBy }): Promise<StagingResult | null> {
  const sha = await commitToRebuild(app.id);
  if (!sha) return null;
  const outcome = await runCycle(services, { app, startedBy }, {
    environment: "staging",
    branch: STAGING_BRANCH,
    freshDeployment: true,
    async land() {
      return { sha, pushed: false };
    },
    async ready(_ctx, deployment) {
      const previewUrl = deployment.branchUrl ?? deployment.url;
      return { deploymentUrl: deployment.url, previewUrl, providerDeploymentId: deployment.id, appUrl: previewUrl, message: deployMessages.settingsApplied };
    },
    failureMessage: (reason, current, missing) => stagingFailureMessage(reason, current.stagingUrl !== null, missing),
  });
  return { status: outcome.status, previewUrl: outcome.url, message: outcome.message };
}

const RETRY_MS = 2_000;
const globalForApply = globalThis as unknown as { __settingsApplies?: Map<string, { waiting: boolean; done: Promise<unknown> }> };

// Applies the settings as soon as the app's lock is free: a setting saved
// while another cycle runs (which handed the host the settings as they were
// when it started) is applied by a cycle right after it. Saves that arrive
// while one is already waiting join it.
export function scheduleSettingsApply(services: Integrations, { app, startedBy }: { app: App; startedBy: StartedBy }): Promise<unknown> {
  globalForApply.__settingsApplies ??= new Map();
  const applies = globalForApply.__settingsApplies;
  const pending = applies.get(app.id);
  if (pending?.waiting) return pending.done;
  const entry = { waiting: true, done: Promise.resolve() as Promise<unknown> };
  entry.done = (async () => {
    const deadline = Date.now() + getEnv().DEPLOY_TIMEOUT_MS;
    // One that is running now read the settings before this change: wait for it.
    await pending?.done.catch(() => undefined);
    for (;;) {
      entry.waiting = false;
      try {
        return await applySettingsToPreview(services, { app, startedBy });
      } catch (error) {
        if (!isAppError(error) || error.code !== "conflict" || Date.now() > deadline) throw error;
        entry.waiting = true;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  })().finally(() => {
    if (applies.get(app.id) === entry) applies.delete(app.id);
  });
  applies.set(app.id, entry);
  return entry.done;
}

// The apply scheduled for this app in this process, if any (tests and
// scripts wait for it; routes answer without waiting).
export function pendingSettingsApply(appId: string): Promise<unknown> | undefined {
  return globalForApply.__settingsApplies?.get(appId)?.done;
}

async function commitToRebuild(appId: string): Promise<string | null> {
  const { latest } = await getPreviewDeploymentsByAppId({ appId, versions: 0 });
  if (latest?.environment === "staging" && latest.status === "failed" && latest.failureReason === "settings" && latest.commitSha) return latest.commitSha;
  const current = await getLatestReadyDeploymentByAppId({ appId, environment: "staging" });
  return current?.commitSha ?? (await getLastStagingCommitByAppId({ appId }));
}
