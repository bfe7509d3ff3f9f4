import "server-only";

import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { getIntegrations } from "@/lib/integrations";
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
}
