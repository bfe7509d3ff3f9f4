// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
import { fetchJson } from "@/lib/fetch-json";
import { useAppSettings, useSettingsFollowUpdates } from "./use-app-settings";
import { usePreview } from "./use-preview";

afterEach(() => vi.unstubAllGlobals());

function wrapper({ children }: { children: ReactNode }) {
  return <SWRConfig value={{ fetcher: fetchJson, provider: () => new Map(), dedupingInterval: 0 }}>{children}</SWRConfig>;
}

const stripe = { name: "STRIPE_SECRET_KEY", label: "Stripe secret key", public: false, needed: true, set: false, updatedAt: null, updatedBy: null };
const list = (settings: object[], liveNeedsPublish = true) => ({ settings, appliesTo: { preview: true, liveNeedsPublish } });

type Call = { method: string; url: string; body: unknown };

// A server that records every request and answers changes with `answer`.
function mockServer(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  let settings: object[] = [stripe];
  // Saving a value starts a preview update on the server.
  let previewState = "ready";
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const call = { method: init?.method ?? "GET", url, body: init?.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      if (call.method === "GET" && url === "/api/apps/app-1/settings") return Response.json(list(settings));
      if (call.method === "GET" && url === "/api/apps/app-1/deploy/staging") return Response.json({ state: previewState, versions: [] });
      if (call.method === "PUT") previewState = "updating";
      return answer(call);
    }),
  );
  return { calls, setSettings: (next: object[]) => (settings = next) };
}

describe("useAppSettings", () => {
  it("loads the list and whether the live app needs a publish", async () => {
    mockServer(() => new Response(null, { status: 500 }));
    const { result } = renderHook(() => useAppSettings("app-1"), { wrapper });
    await waitFor(() => expect(result.current.settings).toEqual([stripe]));
    expect(result.current.liveNeedsPublish).toBe(true);
    expect(result.current.loadError).toBeNull();
  });

  it("saves a value with PUT, passes the server's warning on, and rereads the list and the preview status", async () => {
    const server = mockServer(() => Response.json({ setting: { ...stripe, set: true }, warning: "Careful." }));
    // The app page follows the preview beside the settings.
    const { result: page } = renderHook(() => ({ settings: useAppSettings("app-1"), preview: usePreview("app-1") }), { wrapper });
    await waitFor(() => expect(page.current.preview.status?.state).toBe("ready"));
    await waitFor(() => expect(page.current.settings.settings).not.toBeNull());

    server.setSettings([{ ...stripe, set: true }]);
    let outcome: unknown;
    await act(async () => {
      outcome = await page.current.settings.save("STRIPE_SECRET_KEY", "sk_test_123");
    });
    expect(outcome).toEqual({ ok: true, warning: "Careful." });
    expect(server.calls).toContainEqual({ method: "PUT", url: "/api/apps/app-1/settings/STRIPE_SECRET_KEY", body: { value: "sk_test_123" } });
    // At once, not at the next idle poll ten seconds later.
    expect(page.current.preview.status?.state).toBe("updating");
    expect(page.current.settings.settings?.[0]).toMatchObject({ set: true });
  });

  it("adds by name (with a value only when one was typed) and removes with DELETE", async () => {
    const server = mockServer((call) => (call.method === "POST" ? Response.json({ setting: stripe }, { status: 201 }) : new Response(null, { status: 200 })));
    const { result } = renderHook(() => useAppSettings("app-1"), { wrapper });
    await waitFor(() => expect(result.current.settings).not.toBeNull());

    await act(async () => {
      expect(await result.current.add("RESEND_API_KEY")).toEqual({ ok: true, warning: null });
      expect(await result.current.add("OPENAI_API_KEY", "sk-1")).toEqual({ ok: true, warning: null });
      expect(await result.current.remove("RESEND_API_KEY")).toEqual({ ok: true, warning: null });
    });
    const changes = server.calls.filter((c) => c.method !== "GET");
    expect(changes).toEqual([
      { method: "POST", url: "/api/apps/app-1/settings", body: { name: "RESEND_API_KEY" } },
      { method: "POST", url: "/api/apps/app-1/settings", body: { name: "OPENAI_API_KEY", value: "sk-1" } },
      { method: "DELETE", url: "/api/apps/app-1/settings/RESEND_API_KEY", body: undefined },
    ]);
  });

  it("gives back the server's plain message when a change is refused", async () => {
    mockServer(() => Response.json({ error: { code: "invalid_input", message: "A name can use only capital letters, digits and _." } }, { status: 400 }));
    const { result } = renderHook(() => useAppSettings("app-1"), { wrapper });
    await waitFor(() => expect(result.current.settings).not.toBeNull());
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.add("my key");
    });
    expect(outcome).toEqual({ ok: false, message: "A name can use only capital letters, digits and _." });
  });

  it("says plainly when the list can't be loaded", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ error: { code: "internal", message: "x" } }, { status: 500 })));
    const { result } = renderHook(() => useAppSettings("app-1"), { wrapper });
    await waitFor(() => expect(result.current.loadError).toBe("We couldn't load your settings. Please try again in a moment."));
  });
});

describe("useSettingsFollowUpdates", () => {
  const status = (state: PreviewStatus["state"], finishedAt: string | null) => ({ state, finishedAt }) as PreviewStatus;
  const reads = (calls: Call[]) => calls.filter((c) => c.url === "/api/apps/app-1/settings").length;

  it("reads the list again each time a preview update ends, but not for the status the page loads with", async () => {
    const server = mockServer(() => new Response(null, { status: 500 }));
    const { result, rerender } = renderHook(({ preview }) => (useSettingsFollowUpdates("app-1", preview), useAppSettings("app-1")), {
      wrapper,
      initialProps: { preview: null as PreviewStatus | null },
    });
    await waitFor(() => expect(result.current.settings).not.toBeNull());
    rerender({ preview: status("ready", "2026-05-01T00:00:00.000Z") });
    rerender({ preview: status("updating", "2026-05-01T00:00:00.000Z") });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(reads(server.calls)).toBe(1);

    server.setSettings([]);
    rerender({ preview: status("failed", "2026-05-01T00:01:00.000Z") });
    await waitFor(() => expect(result.current.settings).toEqual([]));
    expect(reads(server.calls)).toBe(2);
  });

  it("reads it again when an update the page opened during ends", async () => {
    const server = mockServer(() => new Response(null, { status: 500 }));
    const { result, rerender } = renderHook(({ preview }) => (useSettingsFollowUpdates("app-1", preview), useAppSettings("app-1")), {
      wrapper,
      initialProps: { preview: status("updating", null) },
    });
    await waitFor(() => expect(result.current.settings).not.toBeNull());
    server.setSettings([]);
    rerender({ preview: status("ready", "2026-05-01T00:01:00.000Z") });
    await waitFor(() => expect(result.current.settings).toEqual([]));
    expect(reads(server.calls)).toBe(2);
  });
});
