import "server-only";

import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";

export async function startServer(): Promise<void> {
  getEnv();
  await migrateDatabase();
}
