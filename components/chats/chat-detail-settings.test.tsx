// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StreamingProvider } from "@/contexts/streaming-context";
import type { AppSetting } from "@/hooks/use-app-settings";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
import { fetchJson } from "@/lib/fetch-json";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { ChatDetailClient } from "./chat-detail-client";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));

const APP = { id: "app-1", name: "Shop", createdAt: "2026-05-01T00:00:00.000Z", updatedAt: "2026-05-01T00:00:00.000Z" };
const NEEDS_STRIPE = "This app needs a Stripe secret key before it can run. Add it in Settings; your last working preview is still here.";

const stripe: AppSetting = { name: "STRIPE_SECRET_KEY", label: "Stripe secret key", public: false, needed: true, set: false, updatedAt: null, updatedBy: null };
const resend: AppSetting = { name: "RESEND_API_KEY", label: "Resend API key", public: false, needed: true, set: true, updatedAt: null, updatedBy: null };

const failedForSettings: PreviewStatus = {
  state: "failed",
  step: null,
  message: NEEDS_STRIPE,
  startedAt: "2026-05-01T00:00:00.000Z",
  finishedAt: "2026-05-01T00:00:30.000Z",
  previewUrl: "https://preview.example/",
  canPublish: true,
  canFix: true,
  needsSettings: ["STRIPE_SECRET_KEY"],
  liveUrl: null,
  versions: [],
};

function mockServer(status: PreviewStatus) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (url === "/api/apps/app-1/deploy/staging") return Response.json(status);
      if (url === "/api/apps/app-1/settings") return Response.json({ settings: [resend, stripe], appliesTo: { preview: true, liveNeedsPublish: true } });
      if (url === "/api/apps/app-1/chat") return Response.json({ chatId: "chat-1", messages: [], demoUrl: null });
      if (url === "/api/apps") return Response.json({ apps: [APP] });
      throw new Error(`unexpected ${url}`);
    }),
  );
}

function Providers({ children }: { children: ReactNode }) {
  return (
    <SWRConfig value={{ fetcher: fetchJson, provider: () => new Map(), dedupingInterval: 0 }}>
      <StreamingProvider>{children}</StreamingProvider>
    </SWRConfig>
  );
}

beforeEach(() => {
  // A phone-sized screen: chat and preview are tabs, both kept mounted.
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
  HTMLElement.prototype.scrollIntoView = vi.fn();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the app page when settings stopped the preview", () => {
  it("says what is missing beside the preview and under the chat, offers Open Settings and no Fix it", async () => {
    mockServer(failedForSettings);
    render(<ChatDetailClient app={APP} userEmail="ana@example.com" isAdmin={false} />, { wrapper: Providers });

    await waitFor(() => expect(screen.getByTestId("preview-status").textContent).toContain(NEEDS_STRIPE));
    expect(screen.getByTestId("input-status").textContent).toBe(NEEDS_STRIPE);
    expect(screen.getByTestId("open-settings-button")).toBeTruthy();
    expect(screen.getByTestId("input-open-settings-button")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Fix it" })).toBeNull();
    expect(NEEDS_STRIPE).not.toMatch(TECHNICAL_WORDS);
  });

  it("opens the panel from the chat with the missing setting first, drawn out and focused, without sending the message box", async () => {
    mockServer(failedForSettings);
    render(<ChatDetailClient app={APP} userEmail="ana@example.com" isAdmin={false} />, { wrapper: Providers });
    // The preview tab (hidden on a phone while chatting) has loaded the list.
    await screen.findByRole("button", { name: "Settings, 1 needed", hidden: true });

    // The button sits in the message form: it must not send what is typed.
    const box = screen.getByLabelText<HTMLTextAreaElement>("Message");
    fireEvent.change(box, { target: { value: "add a cart" } });
    fireEvent.click(await screen.findByTestId("input-open-settings-button"));
    const dialog = await screen.findByRole("dialog", { name: "Settings" });
    const first = within(dialog).getAllByTestId("setting")[0]!;
    expect(first.dataset.name).toBe("STRIPE_SECRET_KEY");
    expect(first.dataset.highlighted).toBe("true");
    expect(document.activeElement).toBe(within(first).getByLabelText("Value for Stripe secret key"));
    expect(vi.mocked(fetch).mock.calls.filter(([, init]) => init?.method === "POST")).toEqual([]);
    expect(box.value).toBe("add a cart");
  });

  it("opens the panel from the preview header's Settings button too", async () => {
    mockServer({ ...failedForSettings, state: "ready", message: "Preview ready", needsSettings: undefined });
    render(<ChatDetailClient app={APP} userEmail="ana@example.com" isAdmin={false} />, { wrapper: Providers });
    fireEvent.mouseDown(screen.getByRole("tab", { name: "Preview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Settings, 1 needed" }));
    const dialog = await screen.findByRole("dialog", { name: "Settings" });
    expect(within(dialog).getAllByTestId("setting").map((r) => [r.dataset.name, r.dataset.highlighted ?? null])).toEqual([
      ["STRIPE_SECRET_KEY", null],
      ["RESEND_API_KEY", null],
    ]);
    expect(screen.queryByTestId("open-settings-button")).toBeNull();
  });
});

describe("the app page while an update lands a version that reads a new setting", () => {
  it("reads the settings again once the update ends: the Settings button counts it and the panel offers it, without a reload", async () => {
    // The server records the settings a version reads when the update lands it.
    let status: PreviewStatus = { ...failedForSettings, state: "updating", step: "building", message: "Updating preview…", finishedAt: null, needsSettings: [] };
    let settings: AppSetting[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        if (url === "/api/apps/app-1/deploy/staging") return Response.json(status);
        if (url === "/api/apps/app-1/settings") return Response.json({ settings, appliesTo: { preview: true, liveNeedsPublish: false } });
        if (url === "/api/apps/app-1/chat") return Response.json({ chatId: "chat-1", messages: [], demoUrl: null });
        if (url === "/api/apps") return Response.json({ apps: [APP] });
        throw new Error(`unexpected ${url}`);
      }),
    );
    render(<ChatDetailClient app={APP} userEmail="ana@example.com" isAdmin={false} />, { wrapper: Providers });
    await screen.findByRole("button", { name: "Settings", hidden: true });
    await waitFor(() => expect(screen.getByTestId("preview-status").textContent).toContain("Updating preview"));

    settings = [stripe];
    status = failedForSettings;
    await screen.findByRole("button", { name: "Settings, 1 needed", hidden: true }, { timeout: 3_000 });
    fireEvent.click(await screen.findByTestId("input-open-settings-button"));
    const dialog = await screen.findByRole("dialog", { name: "Settings" });
    const [first] = within(dialog).getAllByTestId("setting");
    expect(first!.dataset.name).toBe("STRIPE_SECRET_KEY");
    expect(document.activeElement).toBe(within(first!).getByLabelText("Value for Stripe secret key"));
  });
});
