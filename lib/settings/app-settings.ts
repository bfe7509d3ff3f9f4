import "server-only";

import { runAfterResponse } from "@/lib/api/after-response";
import type { SessionUser } from "@/lib/auth";
import { getLatestReadyDeploymentByAppId } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { addSettingName, clearSettingValue, getSettingByName, getSettingsByAppId, saveSettingValue, type SettingRecord } from "@/lib/db/settings";
import { scheduleSettingsApply } from "@/lib/deploy/apply-settings";
import { AppError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import { sealValue } from "./crypto";
import { sealContext } from "./environment";
import { isPlatformName, isPublicSetting, isValidSettingName, looksSecret, MAX_SETTINGS, MAX_SETTINGS_BYTES, settingLabel } from "./names";

// What the Settings panel gets for one setting: never its value.
export type SettingView = {
  name: string;
  label: string;
  public: boolean;
  needed: boolean;
  set: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
};

export type SettingsList = {
  settings: SettingView[];
  // Saved settings reach the preview at once (a new build starts); the live
  // app gets them with its next Publish.
  appliesTo: { preview: true; liveNeedsPublish: boolean };
};

export type SavedSetting = { setting: SettingView; warning?: string };

export const PUBLIC_SECRET_WARNING =
  "This looks like a secret key, but settings whose names start with NEXT_PUBLIC_ are visible to everyone who opens the app. Use a name without NEXT_PUBLIC_ for secret keys.";

export async function listAppSettings(app: App): Promise<SettingsList> {
  const rows = await getSettingsByAppId({ appId: app.id });
  const settings = rows.map(view).sort((a, b) => Number(b.needed) - Number(a.needed) || a.name.localeCompare(b.name));
  return { settings, appliesTo: { preview: true, liveNeedsPublish: await liveNeedsPublish(app) } };
}

// Saves (or replaces) a value, then applies the settings to the preview in
// the background, once no other cycle runs: the answer doesn't wait.
export async function saveAppSetting(services: Integrations, { app, user, name, value }: { app: App; user: SessionUser; name: string; value: string }): Promise<SavedSetting> {
  assertSettingName(name);
  const existing = await getSettingsByAppId({ appId: app.id });
  assertFits(existing, name, value);
  await saveSettingValue({ appId: app.id, name, sealed: sealValue(value, sealContext(app.id, name)), valueBytes: Buffer.byteLength(value, "utf8"), userId: user.id });
  applyInBackground(services, app, user);
  const setting = view((await getSettingByName({ appId: app.id, name }))!);
  return isPublicSetting(name) && looksSecret(value) ? { setting, warning: PUBLIC_SECRET_WARNING } : { setting };
}

// Adds a setting by name, with its value when one is given.
export async function addAppSetting(services: Integrations, { app, user, name, value }: { app: App; user: SessionUser; name: string; value?: string }): Promise<SavedSetting> {
  assertSettingName(name);
  if (await getSettingByName({ appId: app.id, name })) throw new AppError("conflict", `The app already has a setting called ${name}.`);
  if (value !== undefined) return saveAppSetting(services, { app, user, name, value });
  assertFits(await getSettingsByAppId({ appId: app.id }), name, "");
  await addSettingName({ appId: app.id, name });
  return { setting: view((await getSettingByName({ appId: app.id, name }))!) };
}

// Removes the value (the name stays listed while the code reads it), here
// and on the hosts, through a preview cycle.
export async function removeAppSetting(services: Integrations, { app, user, name }: { app: App; user: SessionUser; name: string }): Promise<void> {
  const existing = await getSettingByName({ appId: app.id, name });
  if (!existing) throw new AppError("not_found", "That setting doesn't exist.");
  await clearSettingValue({ appId: app.id, name, userId: user.id });
  if (existing.set) applyInBackground(services, app, user);
}

function applyInBackground(services: Integrations, app: App, user: SessionUser): void {
  runAfterResponse(`applying the settings of app ${app.id}`, () => scheduleSettingsApply(services, { app, startedBy: { kind: "user", userId: user.id } }));
}

function assertSettingName(name: string): void {
  if (!isValidSettingName(name)) {
    throw new AppError("bad_request", "A setting's name can use only letters, digits and _, and can't start with a digit.", { fields: { name: "Invalid name." } });
  }
  if (isPlatformName(name)) {
    throw new AppError("bad_request", `${name} is set by the hosting platform, so it can't be one of the app's settings.`, { fields: { name: "Reserved name." } });
  }
}

// Vercel takes at most 64 KB of variables per deployment, names included.
function assertFits(existing: SettingRecord[], name: string, value: string): void {
  const others = existing.filter((s) => s.name !== name);
  if (others.length + 1 > MAX_SETTINGS) throw new AppError("bad_request", `An app can have at most ${MAX_SETTINGS} settings.`);
  const total = others.reduce((sum, s) => sum + (s.set ? Buffer.byteLength(s.name) + s.valueBytes : 0), 0) + Buffer.byteLength(name) + Buffer.byteLength(value, "utf8");
  if (total > MAX_SETTINGS_BYTES) {
    throw new AppError("payload_too_large", `That value is too large: all of an app's settings together can be at most ${MAX_SETTINGS_BYTES / 1024} KB.`);
  }
}

// The live app was built before the latest change to a setting's value.
async function liveNeedsPublish(app: App): Promise<boolean> {
  if (!app.productionUrl || !app.settingsChangedAt) return false;
  const live = await getLatestReadyDeploymentByAppId({ appId: app.id, environment: "production" });
  return !live || live.startedAt < app.settingsChangedAt;
}

function view(record: SettingRecord): SettingView {
  return {
    name: record.name,
    label: settingLabel(record.name),
    public: isPublicSetting(record.name),
    needed: record.needed,
    set: record.set,
    updatedAt: record.updatedAt?.toISOString() ?? null,
    updatedBy: record.updatedBy,
  };
}
