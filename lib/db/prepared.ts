import "server-only";

import { type Database, getDb } from "./client";

// For the reads behind every request (the session) and every status poll:
// drizzle's query building costs about three times the database round trip,
// so these build their SQL once per connection and only bind values after.
export function preparedQuery<T>(build: (db: Database) => T): () => T {
  const byDb = new WeakMap<Database, T>();
  return () => {
    const db = getDb();
    let statement = byDb.get(db);
    if (!statement) {
      statement = build(db);
      byDb.set(db, statement);
    }
    return statement;
  };
}
