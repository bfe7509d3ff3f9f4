import "server-only";

import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import { getConnection } from "./client";

const migrationsFolder = path.join(process.cwd(), "lib/db/migrations");
// Any fixed number: it names the advisory lock that serialises migrators.
const MIGRATION_LOCK = 7_140_211;

type Connection = ReturnType<typeof getConnection>;

const applied = new WeakMap<Connection, Promise<void>>();

// Applies the committed SQL migrations once per database connection, on
// either driver.
export function migrateDatabase(): Promise<void> {
  const connection = getConnection();
  let pending = applied.get(connection);
  if (!pending) {
    pending = run(connection).catch((error) => {
      applied.delete(connection);
      throw error;
    });
    applied.set(connection, pending);
  }
  return pending;
}

async function run({ db, driver }: Connection): Promise<void> {
  if (driver === "pglite") {
    await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // Several servers (or test processes) may start at once against one
  // database, so migrators take turns on one dedicated connection.
  const client = postgres(getEnv().DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzle(client), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}
