import "server-only";

import { and, desc, eq, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { deployMessages } from "@/lib/deploy/messages";
import { getDb } from "./client";
import { type App, apps, type Deployment, deployments } from "./schema";

// ── Apps ────────────────────────────────────────────────────────────────────
// Every builder-facing read is scoped by owner in the where clause itself, so
// someone else's app is indistinguishable from a missing one.

export async function getAppsByOwnerId({ ownerId }: { ownerId: string }): Promise<App[]> {
  return getDb().select().from(apps).where(eq(apps.ownerId, ownerId)).orderBy(desc(apps.updatedAt));
}

export async function getAppByIdForOwner({ id, ownerId }: { id: string; ownerId: string }): Promise<App | null> {
  const [app] = await getDb()
    .select()
    .from(apps)
    .where(and(eq(apps.id, id), eq(apps.ownerId, ownerId)));
  return app ?? null;
}

export async function getAppById({ id }: { id: string }): Promise<App | null> {
  const [app] = await getDb().select().from(apps).where(eq(apps.id, id));
  return app ?? null;
}

export async function createApp({ ownerId, name }: { ownerId: string; name: string }): Promise<App> {
  const [app] = await getDb().insert(apps).values({ ownerId, name }).returning();
  return app!;
}

export async function updateAppNameById({
  id,
  ownerId,
  name,
}: {
  id: string;
  ownerId: string;
  name: string;
}): Promise<App | null> {
  const [app] = await getDb()
    .update(apps)
    .set({ name })
    .where(and(eq(apps.id, id), eq(apps.ownerId, ownerId)))
    .returning();
  return app ?? null;
}

export async function deleteAppById({ id, ownerId }: { id: string; ownerId: string }): Promise<boolean> {
  const deleted = await getDb()
    .delete(apps)
    .where(and(eq(apps.id, id), eq(apps.ownerId, ownerId)))
    .returning({ id: apps.id });
  return deleted.length > 0;
}

// The chat is recorded once, from the server's own read of the stream; a chat
// id already linked to an app can never be re-pointed at another.
export async function setAppChatIdOnce({ id, chatId }: { id: string; chatId: string }): Promise<boolean> {
  const updated = await getDb()
    .update(apps)
    .set({ chatId })
    .where(and(eq(apps.id, id), isNull(apps.chatId)))
    .returning({ id: apps.id });
  return updated.length > 0;
}

export async function setAppRepoById({
  id,
  repo,
}: {
  id: string;
  repo: { owner: string; name: string; url: string; ownerKind: "org" | "personal" };
}): Promise<void> {
  await getDb()
    .update(apps)
    .set({ repoOwner: repo.owner, repoName: repo.name, repoUrl: repo.url, repoOwnerKind: repo.ownerKind })
    .where(eq(apps.id, id));
}

export async function touchAppById({ id }: { id: string }): Promise<void> {
  await getDb().update(apps).set({ updatedAt: new Date() }).where(eq(apps.id, id));
}

export async function getAppByChatIdForOwner({ chatId, ownerId }: { chatId: string; ownerId: string }): Promise<App | null> {
  const [app] = await getDb()
    .select()
    .from(apps)
    .where(and(eq(apps.chatId, chatId), eq(apps.ownerId, ownerId)));
  return app ?? null;
}

// ── Deployments ─────────────────────────────────────────────────────────────

// Matches the indexes' `DESC NULLS LAST`, so the planner reads them in order.
const newestFirst = (column: AnyPgColumn): SQL => sql`${column} desc nulls last`;

// Postgres' unique_violation, raised by the one-in-flight index.
const UNIQUE_VIOLATION = "23505";

export class DeploymentInProgressError extends Error {
  constructor() {
    super("A preview update or publish is already running for this app.");
    this.name = "DeploymentInProgressError";
  }
}

// Rows whose cycle stopped reporting (a crashed or killed process) no longer
// hold the lock: they are closed as failed, "interrupted".
export async function expireStaleDeploymentsByAppId({ appId }: { appId: string }): Promise<number> {
  const expired = await getDb()
    .update(deployments)
    .set({
      status: "failed",
      message: deployMessages.failedWithPrevious,
      error: "interrupted: the cycle stopped reporting before its lease expired",
      finishedAt: new Date(),
      progress: null,
    })
    .where(and(eq(deployments.appId, appId), eq(deployments.status, "deploying"), lt(deployments.leaseExpiresAt, new Date())))
    .returning({ id: deployments.id });
  return expired.length;
}

// Inserting the row *is* taking the lock: the partial unique index admits one
// `deploying` row per app, across every server process.
export async function startDeployment(input: {
  appId: string;
  environment: Deployment["environment"];
  chatId?: string | null;
  startedBy: Deployment["startedBy"];
  startedByUserId: string | null;
  leaseMs: number;
}): Promise<Deployment> {
  await expireStaleDeploymentsByAppId({ appId: input.appId });
  try {
    const [row] = await getDb()
      .insert(deployments)
      .values({
        appId: input.appId,
        environment: input.environment,
        chatId: input.chatId ?? null,
        startedBy: input.startedBy,
        startedByUserId: input.startedByUserId,
        progress: "saving",
        leaseExpiresAt: new Date(Date.now() + input.leaseMs),
      })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DeploymentInProgressError();
    throw error;
  }
}

// Records progress and renews the lease. False when the row was meanwhile
// closed (its lease ran out and another reader marked it interrupted).
export async function updateDeploymentProgress(input: {
  id: string;
  leaseMs: number;
  progress?: "saving" | "building";
  commitSha?: string;
  versionId?: string;
  providerDeploymentId?: string;
}): Promise<boolean> {
  const { id, leaseMs, ...fields } = input;
  const updated = await getDb()
    .update(deployments)
    .set({ ...fields, leaseExpiresAt: new Date(Date.now() + leaseMs) })
    .where(and(eq(deployments.id, id), eq(deployments.status, "deploying")))
    .returning({ id: deployments.id });
  return updated.length > 0;
}

export async function markDeploymentReady(input: {
  id: string;
  deploymentUrl: string;
  previewUrl: string;
  commitSha: string;
  providerDeploymentId?: string | null;
  message: string;
}): Promise<Deployment | null> {
  const { id, ...fields } = input;
  const [row] = await getDb()
    .update(deployments)
    .set({ ...fields, status: "ready", finishedAt: new Date(), progress: null, leaseExpiresAt: null })
    .where(and(eq(deployments.id, id), eq(deployments.status, "deploying")))
    .returning();
  return row ?? null;
}

export async function markDeploymentFailed(input: {
  id: string;
  message: string;
  error: string;
  commitSha?: string | null;
}): Promise<Deployment | null> {
  const { id, ...fields } = input;
  const [row] = await getDb()
    .update(deployments)
    .set({ ...fields, status: "failed", finishedAt: new Date(), progress: null, leaseExpiresAt: null })
    .where(and(eq(deployments.id, id), eq(deployments.status, "deploying")))
    .returning();
  return row ?? null;
}

export async function getLatestReadyDeploymentByAppId({
  appId,
  environment,
}: {
  appId: string;
  environment: Deployment["environment"];
}): Promise<Deployment | null> {
  const [row] = await getDb()
    .select()
    .from(deployments)
    .where(and(eq(deployments.appId, appId), eq(deployments.environment, environment), eq(deployments.status, "ready")))
    .orderBy(newestFirst(deployments.finishedAt))
    .limit(1);
  return row ?? null;
}

export async function getReadyDeploymentsByAppId({
  appId,
  environment,
  limit,
}: {
  appId: string;
  environment: Deployment["environment"];
  limit: number;
}): Promise<Deployment[]> {
  return getDb()
    .select()
    .from(deployments)
    .where(and(eq(deployments.appId, appId), eq(deployments.environment, environment), eq(deployments.status, "ready")))
    .orderBy(newestFirst(deployments.finishedAt))
    .limit(limit);
}

export async function hasReadyStagingDeploymentByAppId({ appId }: { appId: string }): Promise<boolean> {
  return (await getLatestReadyDeploymentByAppId({ appId, environment: "staging" })) !== null;
}

// The most recent attempt of any kind: what the app is doing, or did last.
export async function getLatestDeploymentByAppId({ appId }: { appId: string }): Promise<Deployment | null> {
  const [row] = await getDb()
    .select()
    .from(deployments)
    .where(eq(deployments.appId, appId))
    .orderBy(newestFirst(deployments.startedAt))
    .limit(1);
  return row ?? null;
}

export async function getInFlightDeploymentByAppId({ appId }: { appId: string }): Promise<Deployment | null> {
  const [row] = await getDb()
    .select()
    .from(deployments)
    .where(and(eq(deployments.appId, appId), eq(deployments.status, "deploying")));
  return row ?? null;
}

export async function getReadyStagingDeploymentByCommit({
  appId,
  commitSha,
}: {
  appId: string;
  commitSha: string;
}): Promise<Deployment | null> {
  const [row] = await getDb()
    .select()
    .from(deployments)
    .where(
      and(
        eq(deployments.appId, appId),
        eq(deployments.environment, "staging"),
        eq(deployments.status, "ready"),
        eq(deployments.commitSha, commitSha),
      ),
    )
    .orderBy(newestFirst(deployments.finishedAt))
    .limit(1);
  return row ?? null;
}

export async function setAppPreviewProjectById({
  id,
  project,
}: {
  id: string;
  project: { projectId: string; projectName: string };
}): Promise<void> {
  await getDb()
    .update(apps)
    .set({ vercelProjectId: project.projectId, vercelProjectName: project.projectName })
    .where(eq(apps.id, id));
}

export async function setAppEnvironmentUrlById({
  id,
  environment,
  url,
}: {
  id: string;
  environment: Deployment["environment"];
  url: string;
}): Promise<App | null> {
  const [app] = await getDb()
    .update(apps)
    .set(environment === "staging" ? { stagingUrl: url } : { productionUrl: url })
    .where(eq(apps.id, id))
    .returning();
  return app ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}
