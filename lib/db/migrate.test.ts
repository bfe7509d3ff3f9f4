import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/tests/helpers/env";
import { closeDb, getConnection } from "./client";
import { migrateDatabase } from "./migrate";
import * as schema from "./schema";

// The test setup has already migrated this file's database, so these tests
// move to a database of their own that nothing has touched.
const serverUrl = process.env.TEST_POSTGRES_URL;
const emptyName = `empty_${randomBytes(6).toString("hex")}`;

async function onServer(statement: string): Promise<void> {
  const client = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end({ timeout: 5 });
  }
}

beforeAll(async () => {
  await closeDb();
  if (serverUrl) {
    await onServer(`create database "${emptyName}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${emptyName}`;
    process.env.DATABASE_URL = url.toString();
  } else {
    // On disk, so a second connection finds the same database.
    process.env.PGLITE_DIR = mkdtempSync(path.join(os.tmpdir(), "csd-migrate-"));
  }
  resetEnvForTests();
});

afterAll(async () => {
  await closeDb();
  if (serverUrl) await onServer(`drop database if exists "${emptyName}" with (force)`);
  else rmSync(process.env.PGLITE_DIR!, { recursive: true, force: true });
});

async function publicColumns(): Promise<Record<string, string[]>> {
  const result = await getConnection().db.execute<{ table_name: string; column_name: string }>(
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
  );
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { table_name: string; column_name: string }[] }).rows;
  const tables: Record<string, string[]> = {};
  for (const row of rows) (tables[row.table_name] ??= []).push(row.column_name);
  return tables;
}

// Every table lib/db/schema.ts declares, with its columns: the list can't
// fall behind the schema.
function declaredTables(): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    tables[config.name] = config.columns.map((c) => c.name).sort();
  }
  return tables;
}

describe("migrations", () => {
  it("apply from an empty database and create every table the schema declares, with its columns", async () => {
    expect(await publicColumns()).toEqual({});
    await migrateDatabase();
    const declared = declaredTables();
    expect(Object.keys(declared)).toEqual(expect.arrayContaining(["users", "sessions", "apps", "deployments", "local_chats"]));
    expect(await publicColumns()).toEqual(declared);
  });

  it("is idempotent: a new server process finds nothing left to apply", async () => {
    await closeDb();
    await expect(migrateDatabase()).resolves.toBeUndefined();
    expect(await publicColumns()).toEqual(declaredTables());
  });
});
