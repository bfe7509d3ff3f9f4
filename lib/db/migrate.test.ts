import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConnection } from "./client";
import { migrateDatabase } from "./migrate";

describe("migrations", () => {
  it("apply cleanly from empty and create every table", async () => {
    await migrateDatabase();
    const { db } = getConnection();
    const rows = await db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = [...(Array.isArray(rows) ? rows : (rows as unknown as { rows: { table_name: string }[] }).rows)].map(
      (r) => r.table_name,
    );
    expect(names).toEqual(
      expect.arrayContaining(["users", "sessions", "accounts", "verifications", "apps", "local_chats"]),
    );
  });

  it("is idempotent", async () => {
    await expect(migrateDatabase()).resolves.toBeUndefined();
  });
});
