import "server-only";

import { and, desc, eq, getTableColumns, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { type AnyPgColumn, unionAll } from "drizzle-orm/pg-core";
import { hasErrorMark, markError } from "@/lib/errors";
import type { LeftOutFile } from "@/lib/files/types";
import { getDb } from "./client";
import { preparedQuery } from "./prepared";
import { type App, apps, type DeploymentRecord, deployments, sessions, users } from "./schema";

// ── Sessions ────────────────────────────────────────────────────────────────

const sessionUserByToken = preparedQuery((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder("token")))
    .prepare("session_user_by_token"),
);

export type SessionUserRow = { id: string; email: string; name: string; role: "user" | "admin"; expiresAt: Date };

export async function getSessionUserByToken({ token }: { token: string }): Promise<SessionUserRow | null> {
  const [row] = await sessionUserByToken().execute({ token });
  return row ?? null;
}

const sessionUserAndApp = preparedQuery((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, expiresAt: sessions.expiresAt, app: getTableColumns(apps) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      apps,
      and(
        eq(apps.id, sql.placeholder("appId")),
        sql`(${apps.ownerId} = ${users.id} or (${users.role} = 'admin' and ${sql.placeholder("adminsToo")}::boolean))`,
      ),
    )
    .where(eq(sessions.token, sql.placeholder("token")))
    .prepare("session_user_and_app"),
);

// The session's user and the app `appId` if they may open it: their own, or
// any app when `adminsToo` and they are an admin. `app` is null otherwise.
export async function getSessionUserAndAppByToken({
  token,
  appId,
  adminsToo,
}: {
  token: string;
  appId: string;
  adminsToo: boolean;
}): Promise<(SessionUserRow & { app: App | null }) | null> {
  const [row] = await sessionUserAndApp().execute({ token, appId, adminsToo });
  return row ?? null;
}

// ── Apps ────────────────────────────────────────────────────────────────────
// Every builder-facing read is scoped by owner in the where clause itself, so
// someone else's app is indistinguishable from a missing one.

export async function getAppsByOwnerId({ ownerId }: { ownerId: string }): Promise<App[]> {
  return getDb().select().from(apps).where(eq(apps.ownerId, ownerId)).orderBy(desc(apps.updatedAt));
}

const appByIdForOwner = preparedQuery((db) =>
  db
    .select()
    .from(apps)
    .where(and(eq(apps.id, sql.placeholder("id")), eq(apps.ownerId, sql.placeholder("ownerId"))))
    .prepare("app_by_id_for_owner"),
);

export async function getAppByIdForOwner({ id, ownerId }: { id: string; ownerId: string }): Promise<App | null> {
  const [app] = await appByIdForOwner().execute({ id, ownerId });
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
    markError(this, "DeploymentInProgressError");
  }
}

export function isDeploymentInProgressError(error: unknown): error is DeploymentInProgressError {
  return hasErrorMark(error, "DeploymentInProgressError");
}

// Rows whose cycle stopped reporting (a crashed or killed process) no longer
// hold the lock: they are closed as failed, "interrupted", with no message of
// their own (lib/deploy/preview-status.ts words them). The only place that
// decides whether a lease has run out.
export async function expireStaleDeploymentsByAppId({ appId }: { appId: string }): Promise<number> {
  const expired = await getDb()
    .update(deployments)
    .set({
      status: "failed",
      message: null,
      error: INTERRUPTED,
      finishedAt: new Date(),
      progress: null,
    })
    .where(and(eq(deployments.appId, appId), eq(deployments.status, "deploying"), lt(deployments.leaseExpiresAt, new Date())))
    .returning({ id: deployments.id });
  return expired.length;
}

export const INTERRUPTED = "interrupted: the cycle stopped reporting before its lease expired";

// Inserting the row *is* taking the lock: the partial unique index admits one
// `deploying` row per app, across every server process.
export async function startDeployment(input: {
  appId: string;
  environment: DeploymentRecord["environment"];
  chatId?: string | null;
  startedBy: DeploymentRecord["startedBy"];
  startedByUserId: string | null;
  leaseMs: number;
  sourceDeploymentId?: string | null;
}): Promise<DeploymentRecord> {
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
        sourceDeploymentId: input.sourceDeploymentId ?? null,
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
  // What the cycle left out of its commit, kept with the attempt for admins.
  leftOutFiles?: LeftOutFile[];
}): Promise<boolean> {
  const { id, leaseMs, ...fields } = input;
  const updated = await getDb()
    .update(deployments)
    .set({ ...fields, leaseExpiresAt: new Date(Date.now() + leaseMs) })
    .where(and(eq(deployments.id, id), eq(deployments.status, "deploying")))
    .returning({ id: deployments.id });
  return updated.length > 0;
}

// Closes the attempt as ready and, in the same transaction, records the
// app's new stable address for its environment, so the two always agree.
export async function markDeploymentReady(input: {
  id: string;
  deploymentUrl: string;
  previewUrl?: string | null;
  commitSha: string;
  providerDeploymentId?: string | null;
  message: string;
  appUrl: string;
}): Promise<DeploymentRecord | null> {
  const { id, appUrl, ...fields } = input;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(deployments)
      .set({ ...fields, status: "ready", finishedAt: new Date(), progress: null, leaseExpiresAt: null })
      .where(and(eq(deployments.id, id), eq(deployments.status, "deploying")))
      .returning();
    if (!row) return null;
    await tx
      .update(apps)
      .set(row.environment === "staging" ? { stagingUrl: appUrl } : { productionUrl: appUrl })
      .where(eq(apps.id, row.appId));
    return row;
  });
}

export async function markDeploymentFailed(input: {
  id: string;
  message: string;
  error: string;
  failureReason?: DeploymentRecord["failureReason"];
  commitSha?: string | null;
}): Promise<DeploymentRecord | null> {
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
  environment: DeploymentRecord["environment"];
}): Promise<DeploymentRecord | null> {
  const [row] = await getDb()
    .select()
    .from(deployments)
    .where(and(eq(deployments.appId, appId), eq(deployments.environment, environment), eq(deployments.status, "ready")))
    .orderBy(newestFirst(deployments.finishedAt))
    .limit(1);
  return row ?? null;
}

// A version whose code matches a newer ready version's is that version: the
// Versions list has one entry per distinct version of the code.
const isNewestOfItsCode = sql`not exists (
  select 1 from ${deployments} as newer
  where newer.app_id = ${deployments.appId} and newer.environment = 'staging' and newer.status = 'ready'
    and newer.commit_sha = ${deployments.commitSha} and newer.finished_at > ${deployments.finishedAt})`;

// What the preview panel polls for, in one round trip: the latest attempt
// and the newest working staging versions.
const previewDeployments = preparedQuery((db) => {
  const columns = getTableColumns(deployments);
  const appId = sql.placeholder("appId");
  return unionAll(
    db
      .select({ ...columns, kind: sql<PreviewKind>`'latest'`.as("kind") })
      .from(deployments)
      .where(eq(deployments.appId, appId))
      .orderBy(newestFirst(deployments.startedAt))
      .limit(1),
    db
      .select({ ...columns, kind: sql<PreviewKind>`'version'`.as("kind") })
      .from(deployments)
      .where(and(eq(deployments.appId, appId), eq(deployments.environment, "staging"), eq(deployments.status, "ready"), isNewestOfItsCode))
      .orderBy(newestFirst(deployments.finishedAt))
      .limit(sql.placeholder("versions")),
    db
      .select({ ...columns, kind: sql<PreviewKind>`'live'`.as("kind") })
      .from(deployments)
      .where(and(eq(deployments.appId, appId), eq(deployments.environment, "production"), eq(deployments.status, "ready")))
      .orderBy(newestFirst(deployments.finishedAt))
      .limit(1),
  ).prepare("preview_deployments");
});

type PreviewKind = "latest" | "version" | "live";

// `live`: the latest ready production attempt, what the live app serves.
export type PreviewDeployments = { latest: DeploymentRecord | null; versions: DeploymentRecord[]; live: DeploymentRecord | null };

export async function getPreviewDeploymentsByAppId({ appId, versions }: { appId: string; versions: number }): Promise<PreviewDeployments> {
  const rows = await previewDeployments().execute({ appId, versions });
  const result: PreviewDeployments = { latest: null, versions: [], live: null };
  for (const { kind, ...row } of rows) {
    if (kind === "latest") result.latest = row;
    else if (kind === "live") result.live = row;
    else result.versions.push(row);
  }
  // A union keeps no order of its own.
  result.versions.sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0));
  return result;
}

export async function getInFlightDeploymentByAppId({ appId }: { appId: string }): Promise<DeploymentRecord | null> {
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
}): Promise<DeploymentRecord | null> {
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

// A working preview of this app: what a rollback may put live.
export async function getReadyStagingDeploymentById({ appId, id }: { appId: string; id: string }): Promise<DeploymentRecord | null> {
  const [row] = await getDb()
    .select()
    .from(deployments)
    .where(and(eq(deployments.id, id), eq(deployments.appId, appId), eq(deployments.environment, "staging"), eq(deployments.status, "ready")));
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

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

// The latest preview cycle of this version of the chat, whatever its outcome:
// a reply is previewed once, by the browser or by the server.
export async function getLatestStagingDeploymentForVersion({ appId, versionId }: { appId: string; versionId: string }): Promise<DeploymentRecord | null> {
  const [row] = await getDb()
    .select()
    .from(deployments)
    .where(and(eq(deployments.appId, appId), eq(deployments.environment, "staging"), eq(deployments.versionId, versionId)))
    .orderBy(desc(deployments.startedAt))
    .limit(1);
  return row ?? null;
}

// The last commit a preview cycle made (or found unchanged) on staging,
// failed cycles included: what the chat's files are compared with.
export async function getLastStagingCommitByAppId({ appId }: { appId: string }): Promise<string | null> {
  const [row] = await getDb()
    .select({ commitSha: deployments.commitSha })
    .from(deployments)
    .where(and(eq(deployments.appId, appId), eq(deployments.environment, "staging"), isNotNull(deployments.commitSha)))
    .orderBy(desc(deployments.startedAt))
    .limit(1);
  return row?.commitSha ?? null;
}
