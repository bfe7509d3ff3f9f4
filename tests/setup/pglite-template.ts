// Once per run, for the pglite project: a PGlite database on disk with every
// migration applied. Each test file starts from a copy of it (./database.ts):
// the same fresh, migrated database it would get by creating one, without
// running PostgreSQL's initdb and the migrations in WebAssembly once per
// file (several seconds of CPU each).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "csd-pglite-template-"));
  const client = new PGlite(dir);
  // The same migrator and folder lib/db/migrate.ts uses for PGlite.
  await migrate(drizzle(client), { migrationsFolder: path.join(project.config.root, "lib/db/migrations") });
  await client.close();
  project.provide("pgliteTemplate", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
