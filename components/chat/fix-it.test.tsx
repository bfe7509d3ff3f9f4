// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { composeFixRequest, FIX_REQUEST_LINE } from "@/lib/fix-it/message";
import { toChatView } from "@/lib/chat/chat-view";
import type { PreviewStatus } from "@/lib/deploy/preview-status";
import type { Chat } from "@/lib/v0/types";
import { ChatMessages } from "./chat-messages";
import { PreviewStatusLine } from "./preview-status-line";

afterEach(cleanup);

const failed = (canFix: boolean, message: string): PreviewStatus => ({
  state: "failed",
  step: null,
  message,
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:00:10.000Z",
  previewUrl: null,
  canPublish: false,
  canFix,
  needsSettings: [],
  liveUrl: null,
  versions: [],
});

describe("the Fix it button", () => {
  it("shows beside a failure caused by the app's code, and asks for the fix", () => {
    const onFix = vi.fn();
    render(<PreviewStatusLine status={failed(true, "Couldn't build the preview. Try describing the change again.")} onFix={onFix} />);
    expect(screen.getByRole("status").textContent).toContain("Couldn't build the preview");
    fireEvent.click(screen.getByRole("button", { name: "Fix it" }));
    expect(onFix).toHaveBeenCalledOnce();
  });

  it.each([
    ["a package couldn't be installed", "Couldn't build the preview: something the app uses couldn't be installed. Try asking for it another way."],
    ["the preview service is unavailable", "The preview service isn't responding right now, so the preview wasn't changed. Try again in a moment."],
    ["the account refused it", "The hosting account refused this update, so the preview wasn't changed. An administrator needs to look at it."],
  ])("is not offered when %s", (_label, message) => {
    render(<PreviewStatusLine status={failed(false, message)} onFix={vi.fn()} />);
    expect(screen.getByRole("status").textContent).toContain(message);
    expect(screen.queryByRole("button", { name: "Fix it" })).toBeNull();
  });

  it("is replaced by Open Settings when settings without a value stopped the preview", () => {
    const message = "This app needs a Stripe secret key before it can run. Add it in Settings; your last working preview is still here.";
    const onFix = vi.fn();
    const onOpenSettings = vi.fn();
    // Even if the server also marked it a code failure: the AI can't supply a key.
    render(<PreviewStatusLine status={{ ...failed(true, message), needsSettings: ["STRIPE_SECRET_KEY"] }} onFix={onFix} onOpenSettings={onOpenSettings} />);
    expect(screen.getByRole("status").textContent).toContain(message);
    expect(screen.queryByRole("button", { name: "Fix it" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Open Settings" }));
    expect(onOpenSettings).toHaveBeenCalledWith(["STRIPE_SECRET_KEY"]);
  });

  it("stays when the list of missing settings is empty", () => {
    render(<PreviewStatusLine status={{ ...failed(true, "Couldn't build the preview."), needsSettings: [] }} onFix={vi.fn()} onOpenSettings={vi.fn()} />);
    expect(screen.getByRole("button", { name: "Fix it" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Open Settings" })).toBeNull();
  });

  it("waits while the chat or the preview is busy", () => {
    const onFix = vi.fn();
    render(<PreviewStatusLine status={failed(true, "Couldn't build the preview.")} onFix={onFix} fixDisabled />);
    const button = screen.getByRole("button", { name: "Fix it" });
    expect(button).toHaveProperty("disabled", true);
    fireEvent.click(button);
    expect(onFix).not.toHaveBeenCalled();
  });
});

describe("a fix request in the chat", () => {
  // jsdom lays nothing out, so it has no scrolling; the list scrolls to its end.
  beforeAll(() => {
    HTMLElement.prototype.scrollIntoView = vi.fn();
  });
  const sent = composeFixRequest("app/page.tsx:30:1: Unexpected end of file before a closing \"section\" tag");
  const chat: Chat = {
    id: "chat_1",
    name: "Bakery",
    messages: [{ id: "m1", role: "user", content: sent, createdAt: "2026-01-01T00:00:00.000Z" }],
  };
  const show = (isAdmin: boolean) =>
    render(<ChatMessages messages={toChatView(chat, { isAdmin }).messages} live={null} onStreamComplete={vi.fn()} onStreamError={vi.fn()} />);

  it("reads as one short plain line for the builder", () => {
    show(false);
    const bubble = screen.getByTestId("user-message");
    expect(bubble.textContent).toBe(FIX_REQUEST_LINE);
    expect(screen.queryByTestId("fix-request-sent")).toBeNull();
  });

  it("lets admins expand it to see exactly what was sent", () => {
    show(true);
    const bubble = screen.getByTestId("user-message");
    expect(bubble.firstChild?.textContent).toBe(FIX_REQUEST_LINE);
    const details = screen.getByTestId("fix-request-sent");
    expect(details.tagName).toBe("DETAILS");
    expect(details.querySelector("pre")?.textContent).toBe(sent);
  });
});
