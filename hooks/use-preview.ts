"use client";

import { useCallback, useState } from "react";
import useSWR from "swr";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
import type { PublishResult } from "@/lib/deploy/publish-production";
import type { BrowserPreviewAnswer } from "@/lib/deploy/preview-after-reply";
import { FetchError, fetchJson } from "@/lib/fetch-json";

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
      let answered: PreviewStatus | undefined;
      try {
        const answer = await fetchJson<T>(url, { method: "POST", body: JSON.stringify(body) });
        answered = (answer as { preview?: PreviewStatus } | null)?.preview;
        return answer;
      } catch (e) {
        // A preview update already running (the server starts one itself when a
        // reply's update wasn't asked for in time) is this reply's update: just
        // follow it. Anything else is said plainly, and nothing is queued.
        const alreadyUpdating = kind === "sync" && e instanceof FetchError && e.status === 409 && e.code === "conflict";
        if (!alreadyUpdating) setNotice(e instanceof FetchError ? e.message : "Something went wrong. Please try again.");
        return null;
      } finally {
        setRequesting(null);
        // The new preview shows from the answer when it carries the status;
        // otherwise (an error, Publish) the status is read again.
        if (answered) await mutate(answered, { revalidate: false });
        else await mutate();
      }
    },
    [mutate],
  );

  const sync = useCallback(
    (chatId: string) => run<BrowserPreviewAnswer>("sync", `/api/apps/${appId}/preview/sync`, { chatId }, "updating"),
    [appId, run],
  );
  const publish = useCallback(
    () => run<PublishResult>("publish", `/api/apps/${appId}/deploy/production`, {}, "publishing"),
    [appId, run],
  );
  // Puts one of the working versions live again (a production cycle, followed like Publish).
  const rollback = useCallback(
    (versionId: string) => run<PublishResult>("rollback", `/api/apps/${appId}/deploy/rollback`, { versionId }, "publishing"),
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
