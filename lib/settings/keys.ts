import "server-only";

import { getSettingsSealedUnderOtherKeys, resealSetting } from "@/lib/db/settings";
import { openValue, sealValue, settingsKeyring } from "./crypto";
import { sealContext } from "./environment";

const BATCH = 200;

// After a key rotation (the new key in SETTINGS_ENCRYPTION_KEY, the old one
// in SETTINGS_ENCRYPTION_KEYS_PREVIOUS), every value still sealed under an
// older key is sealed again under the current one, so the old key can then be
// dropped. Runs at start; a value whose key is missing is reported by name
// only and left as it is.
export async function resealUnderCurrentKey(): Promise<{ resealed: number; unreadable: number }> {
  const keyring = settingsKeyring();
  let resealed = 0;
  const unreadable = new Set<string>();
  for (;;) {
    const rows = (await getSettingsSealedUnderOtherKeys({ currentVersion: keyring.current.version, limit: BATCH + unreadable.size })).filter(
      (row) => !unreadable.has(`${row.appId}:${row.name}`),
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const context = sealContext(row.appId, row.name);
      try {
        const sealed = sealValue(openValue(row, context, keyring), context, keyring);
        await resealSetting({ appId: row.appId, name: row.name, from: row.keyVersion, sealed });
        resealed++;
      } catch (error) {
        unreadable.add(`${row.appId}:${row.name}`);
        console.error(`[settings] ${row.name} of app ${row.appId} can't be re-sealed: ${(error as Error).message}`);
      }
    }
  }
  return { resealed, unreadable: unreadable.size };
}
