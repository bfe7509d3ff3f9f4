import "server-only";

import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { getIntegrations } from "@/lib/integrations";

export async function startServer(): Promise<void> {
  getEnv();
  await migrateDatabase();
  // Local stand-ins start here (the preview server serves existing previews
  // right away, before any new build).
  await getIntegrations();
}
