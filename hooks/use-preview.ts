"use client";

import { useCallback, useState } from "react";
import useSWR from "swr";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
import { FetchError, fetchJson } from "@/lib/fetch-json";

type SyncAnswer = { status: "ready" | "failed"; previewUrl: string | null; message: string };
type PublishAnswer = { status: "ready" | "failed"; productionUrl: string | null; message: string };

type Action = "sync" | "publish" | "rollback";

const POLL_MS = 1000;
// Between cycles, slowly and on focus: a cycle started from another tab, or
// by an admin, still shows up (and locks the input) without a reload.
const IDLE_POLL_MS = 10_000;

// Where the preview's state is read; others (saving a setting) revalidate it.
export const previewStatusKey = (appId: string) => `/api/apps/${appId}/deploy/staging`;

// The preview's state from the server (restored on load, polled while any
// cycle runs, whoever started it), plus the actions that change it.
export function usePreview(appId: string) {
  const key = previewStatusKey(appId);
  const { data, error, mutate } = useSWR<PreviewStatus>(key, {
    refreshInterval: (latest) => (latest && (latest.state === "updating" || latest.state === "publishing") ? POLL_MS : IDLE_POLL_MS),
    revalidateOnFocus: true,
  });
  const [requesting, setRequesting] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = useCallback(
    async <T,>(kind: Action, url: string, body: object, optimistic: PreviewStatus["state"]): Promise<T | null> => {
      setRequesting(kind);
      setNotice(null);
      // Show the cycle at once; the poll takes over from here.
      void mutate((current) => current && { ...current, state: optimistic, step: "saving", startedAt: new Date().toISOString(), canPublish: false, canFix: false }, { revalidate: false });
      try {
        return await fetchJson<T>(url, { method: "POST", body: JSON.stringify(body) });
      } catch (e) {
        // A preview update already running (the server starts one itself when a
        // reply's update wasn't asked for in time) is this reply's update: just
        // follow it. Anything else is said plainly, and nothing is queued.
        const alreadyUpdating = kind === "sync" && e instanceof FetchError && e.status === 409 && e.code === "conflict";
        if (!alreadyUpdating) setNotice(e instanceof FetchError ? e.message : "Something went wrong. Please try again.");
        return null;
      } finally {
        setRequesting(null);
        await mutate();
      }
    },
    [mutate],
  );

  const sync = useCallback(
    (chatId: string) => run<SyncAnswer>("sync", `/api/apps/${appId}/preview/sync`, { chatId }, "updating"),
    [appId, run],
  );
  const publish = useCallback(
    () => run<PublishAnswer>("publish", `/api/apps/${appId}/deploy/production`, {}, "publishing"),
    [appId, run],
  );
  // Puts one of the working versions live again (a production cycle, followed like Publish).
  const rollback = useCallback(
    (versionId: string) => run<PublishAnswer>("rollback", `/api/apps/${appId}/deploy/rollback`, { versionId }, "publishing"),
    [appId, run],
  );

  const state = data?.state ?? "idle";
  const busy = requesting !== null || state === "updating" || state === "publishing";
  return {
    status: data ?? null,
    loadError: error ? "We couldn't check on your preview. It will retry shortly." : null,
    busy,
    notice,
    sync,
    publish,
    rollback,
  };
}
