import "server-only";

import { and, asc, eq, inArray, isNotNull, isNull, not, sql } from "drizzle-orm";
import { getDb } from "./client";
import { type AppSettingRow, appSettings, apps, users } from "./schema";

export type SealedColumns = { keyVersion: string; nonce: string; ciphertext: string; tag: string };

// A setting as the panel lists it: never the sealed value.
export type SettingRecord = {
  name: string;
  needed: boolean;
  set: boolean;
  valueBytes: number;
  updatedAt: Date | null;
  updatedBy: string | null;
};

const listed = {
  name: appSettings.name,
  needed: appSettings.needed,
  set: sql<boolean>`${appSettings.ciphertext} is not null`,
  valueBytes: appSettings.valueBytes,
  updatedAt: appSettings.valueUpdatedAt,
  updatedBy: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
};

export async function getSettingsByAppId({ appId }: { appId: string }): Promise<SettingRecord[]> {
  return getDb()
    .select(listed)
    .from(appSettings)
    .leftJoin(users, eq(users.id, appSettings.valueUpdatedBy))
    .where(eq(appSettings.appId, appId))
    .orderBy(asc(appSettings.name));
}

export async function getSettingByName({ appId, name }: { appId: string; name: string }): Promise<SettingRecord | null> {
  const [row] = await getDb()
    .select(listed)
    .from(appSettings)
    .leftJoin(users, eq(users.id, appSettings.valueUpdatedBy))
    .where(and(eq(appSettings.appId, appId), eq(appSettings.name, name)));
  return row ?? null;
}

// The sealed values of every setting that has one, for the hosts.
export async function getSealedSettingsByAppId({ appId }: { appId: string }): Promise<(Pick<AppSettingRow, "name"> & SealedColumns)[]> {
  const rows = await getDb()
    .select({ name: appSettings.name, keyVersion: appSettings.keyVersion, nonce: appSettings.nonce, ciphertext: appSettings.ciphertext, tag: appSettings.tag })
    .from(appSettings)
    .where(and(eq(appSettings.appId, appId), isNotNull(appSettings.ciphertext)))
    .orderBy(asc(appSettings.name));
  return rows as (Pick<AppSettingRow, "name"> & SealedColumns)[];
}

// Sealed values under any key but `currentVersion`, across apps (key rotation).
export async function getSettingsSealedUnderOtherKeys({ currentVersion, limit }: { currentVersion: string; limit: number }) {
  const rows = await getDb()
    .select({ appId: appSettings.appId, name: appSettings.name, keyVersion: appSettings.keyVersion, nonce: appSettings.nonce, ciphertext: appSettings.ciphertext, tag: appSettings.tag })
    .from(appSettings)
    .where(and(isNotNull(appSettings.ciphertext), not(eq(appSettings.keyVersion, currentVersion))))
    .limit(limit);
  return rows as ({ appId: string; name: string } & SealedColumns)[];
}

// Re-sealed under another key: the same value, so who and when stay.
export async function resealSetting({ appId, name, from, sealed }: { appId: string; name: string; from: string; sealed: SealedColumns }): Promise<void> {
  await getDb()
    .update(appSettings)
    .set(sealed)
    .where(and(eq(appSettings.appId, appId), eq(appSettings.name, name), eq(appSettings.keyVersion, from)));
}

export async function saveSettingValue({
  appId,
  name,
  sealed,
  valueBytes,
  userId,
}: {
  appId: string;
  name: string;
  sealed: SealedColumns;
  valueBytes: number;
  userId: string;
}): Promise<void> {
  const now = new Date();
  const values = { ...sealed, valueBytes, valueUpdatedAt: now, valueUpdatedBy: userId };
  await getDb().transaction(async (tx) => {
    await tx
      .insert(appSettings)
      .values({ appId, name, ...values })
      .onConflictDoUpdate({ target: [appSettings.appId, appSettings.name], set: { ...values, updatedAt: now } });
    await tx.update(apps).set({ settingsChangedAt: now }).where(eq(apps.id, appId));
  });
}

// A name with no value yet (added by the builder before they have the value).
export async function addSettingName({ appId, name }: { appId: string; name: string }): Promise<void> {
  await getDb().insert(appSettings).values({ appId, name }).onConflictDoNothing();
}

// Removes the value; the name stays listed while the code still needs it.
export async function clearSettingValue({ appId, name, userId }: { appId: string; name: string; userId: string }): Promise<boolean> {
  const where = and(eq(appSettings.appId, appId), eq(appSettings.name, name));
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select({ needed: appSettings.needed, set: isNotNull(appSettings.ciphertext) }).from(appSettings).where(where).for("update");
    if (!row) return false;
    if (row.set) await tx.update(apps).set({ settingsChangedAt: new Date() }).where(eq(apps.id, appId));
    if (!row.needed) await tx.delete(appSettings).where(where);
    else {
      await tx
        .update(appSettings)
        .set({ keyVersion: null, nonce: null, ciphertext: null, tag: null, valueBytes: 0, valueUpdatedAt: new Date(), valueUpdatedBy: userId })
        .where(where);
    }
    return true;
  });
}

// What the latest committed version needs: those names are marked needed
// (added if new); names it no longer reads are unmarked, and dropped when they
// have no value. Names the builder added themselves stay.
export async function recordNeededSettings({ appId, names }: { appId: string; names: string[] }): Promise<void> {
  await getDb().transaction(async (tx) => {
    const noLongerNeeded = and(eq(appSettings.appId, appId), eq(appSettings.needed, true), names.length > 0 ? not(inArray(appSettings.name, names)) : undefined);
    await tx.delete(appSettings).where(and(noLongerNeeded, isNull(appSettings.ciphertext)));
    await tx.update(appSettings).set({ needed: false }).where(noLongerNeeded);
    if (names.length > 0) {
      await tx
        .insert(appSettings)
        .values(names.map((name) => ({ appId, name, needed: true })))
        .onConflictDoUpdate({ target: [appSettings.appId, appSettings.name], set: { needed: true } });
    }
  });
}
