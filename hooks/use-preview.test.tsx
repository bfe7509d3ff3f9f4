// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchJson } from "@/lib/fetch-json";
import { usePreview } from "./use-preview";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const idle = { state: "ready", step: null, message: "Preview ready", startedAt: null, finishedAt: null, previewUrl: "https://p.example", canPublish: true, liveUrl: null, versions: [] };

function wrapper({ children }: { children: ReactNode }) {
  return <SWRConfig value={{ fetcher: fetchJson, provider: () => new Map(), dedupingInterval: 0 }}>{children}</SWRConfig>;
}

describe("usePreview", () => {
  it("notices a cycle started elsewhere (another tab, an admin) while this tab sits idle", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answer: object = idle;
    vi.stubGlobal("fetch", vi.fn(async () => Response.json(answer)));

    const { result } = renderHook(() => usePreview("app-1"), { wrapper });
    await waitFor(() => expect(result.current.status?.state).toBe("ready"));
    expect(result.current.busy).toBe(false);

    answer = { ...idle, state: "updating", step: "building", canPublish: false };
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_500);
    });
    await waitFor(() => expect(result.current.busy).toBe(true));
  });

  it("shows the new preview from the update's own answer, without reading the status again", async () => {
    const first = { ...idle, previewUrl: null, canPublish: false, state: "idle" };
    const ready = { ...idle, previewUrl: "https://app-preview.example", versions: [{ id: "v1", url: "https://dpl-1.example", readyAt: "2026-01-01T00:00:00.000Z", live: false, current: true }] };
    const gets: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === "POST") return Response.json({ status: "ready", previewUrl: ready.previewUrl, message: "Preview ready", preview: ready });
        gets.push(url);
        return Response.json(first);
      }),
    );
    const { result } = renderHook(() => usePreview("app-1"), { wrapper });
    await waitFor(() => expect(result.current.status?.state).toBe("idle"));
    const readsBefore = gets.length;

    await act(async () => {
      await result.current.sync("chat-1");
    });
    expect(result.current.status).toEqual(ready);
    expect(result.current.busy).toBe(false);
    expect(gets).toHaveLength(readsBefore);
  });

  it("follows a preview update that is already running instead of reporting it", async () => {
    let answer: object = { ...idle, state: "updating", step: "building", canPublish: false };
    const conflict = { error: { code: "conflict", message: "Your preview is still updating; try again in a moment." } };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => (init?.method === "POST" ? Response.json(conflict, { status: 409 }) : Response.json(answer))),
    );
    const { result } = renderHook(() => usePreview("app-1"), { wrapper });
    await waitFor(() => expect(result.current.status?.state).toBe("updating"));

    await act(async () => {
      await result.current.sync("chat-1");
    });
    expect(result.current.notice).toBeNull();
    expect(result.current.busy).toBe(true);
    answer = idle;
    await waitFor(() => expect(result.current.busy).toBe(false), { timeout: 3000 });

    await act(async () => {
      await result.current.publish();
    });
    expect(result.current.notice).toBe("Your preview is still updating; try again in a moment.");
  });

  it("asks the server to put a version live again, shows it publishing at once, and reports a refusal plainly", async () => {
    const posts: { url: string; body: unknown }[] = [];
    let answer: Response = Response.json({ status: "ready", productionUrl: "https://live.example", message: "That version is live again" });
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method !== "POST") return Response.json(idle);
        posts.push({ url, body: JSON.parse(String(init.body)) });
        return answer;
      }),
    );
    const { result } = renderHook(() => usePreview("app-1"), { wrapper });
    await waitFor(() => expect(result.current.status?.state).toBe("ready"));

    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.rollback("version-1");
    });
    expect(posts).toEqual([{ url: "/api/apps/app-1/deploy/rollback", body: { versionId: "version-1" } }]);
    expect(outcome).toMatchObject({ status: "ready", message: "That version is live again" });
    expect(result.current.notice).toBeNull();

    answer = Response.json({ error: { code: "not_found", message: "We couldn't find that version." } }, { status: 404 });
    await act(async () => {
      await result.current.rollback("gone");
    });
    expect(result.current.notice).toBe("We couldn't find that version.");
  });
});
