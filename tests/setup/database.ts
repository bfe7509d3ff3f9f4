// Gives every test file its own empty database: a copy of the migrated PGlite
// database made once per run (./pglite-template.ts), or a freshly created
// database on the PostgreSQL server named by TEST_POSTGRES_URL. Migrations
// are applied from the committed SQL files, as the server does (on a copy
// they find nothing left to apply).
import { randomBytes } from "node:crypto";
import { cpSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";

const serverUrl = process.env.TEST_POSTGRES_URL;
const databaseName = `test_${randomBytes(6).toString("hex")}`;

if (serverUrl) {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.TEST_DATABASE_NAME = databaseName;
} else {
  // Inside the file's data directory, which tests/setup/isolation.ts removes.
  const dir = path.join(process.env.DATA_DIR!, "pglite");
  cpSync(inject("pgliteTemplate"), dir, { recursive: true });
  process.env.PGLITE_DIR = dir;
}

async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

beforeAll(async () => {
  if (serverUrl) await admin((sql) => sql.unsafe(`create database "${databaseName}"`));
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase();
});

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  if (serverUrl) {
    await admin((sql) => sql.unsafe(`drop database if exists "${databaseName}" with (force)`));
  }
});
