"use client";

import { useCallback, useEffect, useRef } from "react";
import useSWR, { useSWRConfig } from "swr";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
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

// The server records which settings a version reads when a preview update
// lands it, so the list is read again whenever an update ends: a setting the
// new version needs is counted on the Settings button and offered in the
// panel without a reload. The status the page loads with needs no second
// read; one that arrives mid-update does once the update ends.
export function useSettingsFollowUpdates(appId: string, status: PreviewStatus | null) {
  const { mutate } = useSWRConfig();
  // undefined: no status yet; null: the first status seen was mid-update.
  const lastEnded = useRef<string | null | undefined>(undefined);
  const running = status?.state === "updating" || status?.state === "publishing";
  const ended = status && !running ? (status.finishedAt ?? "") : null;
  useEffect(() => {
    if (!status) return;
    if (ended === null) {
      lastEnded.current ??= null;
      return;
    }
    if (lastEnded.current !== undefined && lastEnded.current !== ended) void mutate(appSettingsKey(appId));
    lastEnded.current = ended;
  }, [appId, status, ended, mutate]);
}
