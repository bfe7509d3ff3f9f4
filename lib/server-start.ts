import "server-only";

import { migrateDatabase } from "@/lib/db/migrate";
import { warmUpDevRoutes } from "@/lib/dev-warm-up";
import { getEnv } from "@/lib/env";
import { getIntegrations, warmUpIntegrations } from "@/lib/integrations";
import { settingsKeyring } from "@/lib/settings/crypto";
import { resealUnderCurrentKey } from "@/lib/settings/keys";

export async function startServer(): Promise<void> {
  getEnv();
  // A settings key that isn't 32 bytes stops the server here, not at the first save.
  settingsKeyring();
  await migrateDatabase();
  const { resealed } = await resealUnderCurrentKey();
  if (resealed > 0) console.info(`[settings] ${resealed} settings re-sealed under the current SETTINGS_ENCRYPTION_KEY`);
  // Local stand-ins start here (the preview server serves existing previews
  // right away, before any new build).
  await getIntegrations();
  void warmUpIntegrations().catch((error) => console.warn("[start] warming the preview host failed", error));
  // `next dev` sets the origin once it listens, before this runs.
  if (process.env.NODE_ENV === "development") void warmUpDevRoutes(process.env.__NEXT_PRIVATE_ORIGIN);
}
