// The journey server's database, opened from the test process through the
// app's own modules: the local generator's version store (to give a chat a
// version the generator never writes) and what only admins and the database
// see. Only PostgreSQL can be shared with the server's process; PGlite (no
// DATABASE_URL) is the server's alone.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChatFile } from "@/lib/v0/types";

export async function openServerDatabase(url: string) {
  // lib/db/client takes the database from the environment, read once; the
  // development secrets lib/env keeps in DATA_DIR (this process needs none)
  // go to a directory of its own rather than the checkout's .data.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-e2e-test-"));
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = dataDir;
  const [{ and, asc, eq }, { closeDb, getDb }, { getAppById }, schema, store, { newId }] = await Promise.all([
    import("drizzle-orm"),
    import("@/lib/db/client"),
    import("@/lib/db/queries"),
    import("@/lib/db/schema"),
    import("@/lib/embedded/generator/chat-store"),
    import("@/lib/embedded/generator/ids"),
  ]);

  async function chatIdOf(appId: string): Promise<string> {
    const chatId = (await getAppById({ id: appId }))?.chatId;
    if (!chatId) throw new Error(`app ${appId} has no chat`);
    return chatId;
  }

  return {
    // The chat's next version, as the generator saves a reply: `edit` turns
    // the latest version's files into the new ones. Returns the chat's id.
    async addVersion(appId: string, { name, text, edit }: { name: string; text: string; edit: (files: ChatFile[]) => ChatFile[] }): Promise<string> {
      const chatId = await chatIdOf(appId);
      const latest = (await store.loadChat(chatId))?.latestVersion;
      const spec = (await store.chatState(chatId))?.spec;
      if (!latest || !spec) throw new Error(`chat ${chatId} has no version yet`);
      // The generator writes text files only (its images are SVG).
      const files = latest.files.map(({ name, content }) => {
        if (typeof content !== "string") throw new Error(`${name} is not text`);
        return { name, content };
      });
      await store.saveVersion({ chatId, messageId: newId("msg"), versionId: newId("ver"), name, text, content: [], files: edit(files), spec });
      return chatId;
    },
    async messageCount(appId: string): Promise<number> {
      return (await store.loadChat(await chatIdOf(appId)))?.messages.length ?? 0;
    },
    deployments(appId: string) {
      return getDb().select().from(schema.deployments).where(eq(schema.deployments.appId, appId)).orderBy(asc(schema.deployments.startedAt));
    },
    async setting(appId: string, name: string) {
      const [row] = await getDb()
        .select()
        .from(schema.appSettings)
        .where(and(eq(schema.appSettings.appId, appId), eq(schema.appSettings.name, name)));
      return row ?? null;
    },
    async close() {
      await closeDb();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ServerDatabase = Awaited<ReturnType<typeof openServerDatabase>>;
