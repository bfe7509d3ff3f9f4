"use client";

import { useCallback } from "react";
import useSWR, { useSWRConfig } from "swr";
import { FetchError, fetchJson } from "@/lib/fetch-json";
import { previewStatusKey } from "./use-preview";

// The server's own answer types: a setting as the browser knows it is never its value.
import type { SettingView as AppSetting, SettingsList as AppSettingsList } from "@/lib/settings/app-settings";

export type { AppSetting, AppSettingsList };

export type SettingOutcome = { ok: true; warning: string | null } | { ok: false; message: string };

type SaveAnswer = { setting: AppSetting; warning?: string };

export const appSettingsKey = (appId: string) => `/api/apps/${appId}/settings`;

// The app's settings (names and whether each is set) and the three things a
// builder can do to them. Values go out in the request and are kept nowhere
// here. Every change rereads the list, and the preview status, because the
// server starts a preview update when a value changes.
export function useAppSettings(appId: string) {
  const key = appSettingsKey(appId);
  const { data, error, mutate } = useSWR<AppSettingsList>(key, { revalidateOnFocus: true });
  const { mutate: revalidate } = useSWRConfig();

  const change = useCallback(
    async (url: string, init: RequestInit): Promise<SettingOutcome> => {
      try {
        const answer = await fetchJson<SaveAnswer | undefined>(url, init);
        return { ok: true, warning: answer?.warning ?? null };
      } catch (e) {
        return { ok: false, message: e instanceof FetchError ? e.message : "Something went wrong. Please try again." };
      } finally {
        await Promise.all([mutate(), revalidate(previewStatusKey(appId))]);
      }
    },
    [appId, mutate, revalidate],
  );

  const save = useCallback(
    (name: string, value: string) => change(`${key}/${encodeURIComponent(name)}`, { method: "PUT", body: JSON.stringify({ value }) }),
    [change, key],
  );
  const add = useCallback(
    (name: string, value?: string) => change(key, { method: "POST", body: JSON.stringify(value ? { name, value } : { name }) }),
    [change, key],
  );
  const remove = useCallback((name: string) => change(`${key}/${encodeURIComponent(name)}`, { method: "DELETE" }), [change, key]);

  return {
    settings: data?.settings ?? null,
    liveNeedsPublish: data?.appliesTo.liveNeedsPublish ?? false,
    loadError: error ? "We couldn't load your settings. Please try again in a moment." : null,
    save,
    add,
    remove,
  };
}
