import "server-only";

import { migrateDatabase } from "@/lib/db/migrate";
import { warmUpDevRoutes } from "@/lib/dev-warm-up";
import { getEnv } from "@/lib/env";
import { getIntegrations, warmUpIntegrations } from "@/lib/integrations";

export async function startServer(): Promise<void> {
  getEnv();
  await migrateDatabase();
  // Local stand-ins start here (the preview server serves existing previews
  // right away, before any new build).
  await getIntegrations();
  void warmUpIntegrations().catch((error) => console.warn("[start] warming the preview host failed", error));
  // `next dev` sets the origin once it listens, before this runs.
  if (process.env.NODE_ENV === "development") warmUpDevRoutes(process.env.__NEXT_PRIVATE_ORIGIN);
}
