import "server-only";

import { getSealedSettingsByAppId, getSettingsByAppId } from "@/lib/db/settings";
import type { EnvironmentVariable } from "@/lib/vercel/types";
import { openValue, settingsKeyring } from "./crypto";
import { isPublicSetting, namesSetting } from "./names";

// The sealed value's authenticated context: the app and the name, so a
// value copied to another app or name doesn't open.
export function sealContext(appId: string, name: string): string {
  return `app-setting:${appId}:${name}`;
}

// The app's settings with their values, for its hosts only: never logged,
// never answered to a browser.
export async function appEnvironment(appId: string): Promise<EnvironmentVariable[]> {
  const rows = await getSealedSettingsByAppId({ appId });
  if (rows.length === 0) return [];
  const keyring = settingsKeyring();
  return rows.map((row) => ({ key: row.name, value: openValue(row, sealContext(appId, row.name), keyring), secret: !isPublicSetting(row.name) }));
}

// Names the app's latest committed version reads that have no value yet.
export async function missingSettings(appId: string): Promise<string[]> {
  return (await getSettingsByAppId({ appId })).filter((s) => s.needed && !s.set).map((s) => s.name);
}

// The settings a failed build is blamed on: of the needed ones without a
// value, those its error names, or all of them when it names none (a client
// created at module scope fails with the library's words, not the name).
export async function settingsBlamedFor(appId: string, errorText: string): Promise<string[]> {
  const missing = await missingSettings(appId);
  const named = missing.filter((name) => namesSetting(errorText, name));
  return named.length > 0 ? named : missing;
}
