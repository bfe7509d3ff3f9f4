import "server-only";

import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "./client";
import { type App, apps } from "./schema";

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
