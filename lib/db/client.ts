import "server-only";

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";

// Both drivers expose the same query builder; code is written against one type.
export type Database = PostgresJsDatabase<typeof schema>;

type Connection = {
  db: Database;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
};

// Kept on globalThis so dev hot reloads reuse one pool (and one PGlite, which
// must never be opened twice on the same directory).
const globalForDb = globalThis as unknown as { __dbConnection?: Connection };

export function getConnection(): Connection {
  globalForDb.__dbConnection ??= openConnection();
  return globalForDb.__dbConnection;
}

export function getDb(): Database {
  return getConnection().db;
}

export async function closeDb(): Promise<void> {
  const connection = globalForDb.__dbConnection;
  globalForDb.__dbConnection = undefined;
  await connection?.close();
}

function openConnection(): Connection {
  const env = getEnv();
  if (env.DATABASE_URL) {
    const client = postgres(env.DATABASE_URL, { max: 10, onnotice: () => {} });
    return {
      db: drizzlePostgres(client, { schema }),
      driver: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = env.PGLITE_DIR ?? path.resolve(env.DATA_DIR, "pglite");
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    driver: "pglite",
    close: () => client.close(),
  };
}
