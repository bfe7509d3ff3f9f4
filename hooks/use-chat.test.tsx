// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StreamingProvider } from "@/contexts/streaming-context";
import { FIX_REQUEST_LINE } from "@/lib/fix-it/message";
import { fetchJson } from "@/lib/fetch-json";
import { useChat } from "./use-chat";

const APP_ID = "3f0c3a52-6a8c-4d3e-9b53-0d7f9c1a2b3c";

function wrapper({ children }: { children: ReactNode }) {
  return (
    <SWRConfig value={{ fetcher: fetchJson, provider: () => new Map(), dedupingInterval: 0 }}>
      <StreamingProvider>{children}</StreamingProvider>
    </SWRConfig>
  );
}

function sse(...events: unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      controller.close();
    },
  });
}

function mockServer(chatReply: () => Response) {
  let chatId: string | null = null;
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === `/api/apps/${APP_ID}/chat`) {
      return Response.json({ chatId, messages: [], demoUrl: null });
    }
    if ((url === "/api/chat" || url === `/api/apps/${APP_ID}/fix`) && init?.method === "POST") {
      chatId = "chat-1";
      return chatReply();
    }
    throw new Error(`unexpected ${url}`);
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe("useChat", () => {
  it("goes idle → sending → streaming → done and then asks for a preview update", async () => {
    mockServer(() => new Response(sse({ object: "chat", id: "chat-1" }), { headers: { "x-app-id": APP_ID } }));
    const onReplyFinished = vi.fn().mockResolvedValue(undefined);
    const { result } = renderHook(() => useChat(APP_ID, { onReplyFinished }), { wrapper });
    expect(result.current.phase).toBe("idle");

    let sent!: Promise<void>;
    act(() => {
      sent = result.current.send("a todo app");
    });
    expect(result.current.phase).toBe("sending");
    await act(() => sent);
    expect(result.current.phase).toBe("streaming");
    expect(result.current.live?.message).toBe("a todo app");
    expect(result.current.live?.stream).toBeInstanceOf(ReadableStream);

    await act(() => result.current.onStreamComplete());
    expect(result.current.phase).toBe("done");
    expect(result.current.live).toBeNull();
    expect(onReplyFinished).toHaveBeenCalledWith("chat-1");
  });

  it("asks for the preview with the chat the stream named, without waiting for history to refresh", async () => {
    mockServer(() => new Response(sse({ object: "chat", id: "chat-1" }, { object: "message.delta" }), { headers: { "x-app-id": APP_ID } }));
    const onReplyFinished = vi.fn().mockResolvedValue(undefined);
    const { result } = renderHook(() => useChat(APP_ID, { onReplyFinished }), { wrapper });
    await waitFor(() => expect(result.current.messages).toEqual([]));
    await act(() => result.current.send("a todo app"));
    const reader = result.current.live!.stream!.getReader();
    await act(async () => {
      while (!(await reader.read()).done);
    });

    // History now answers only when told to.
    let answerHistory!: () => void;
    vi.stubGlobal(
      "fetch",
      vi.fn(() => new Promise<Response>((resolve) => (answerHistory = () => resolve(Response.json({ chatId: "chat-1", messages: [], demoUrl: null }))))),
    );
    let completed!: Promise<void>;
    act(() => {
      completed = result.current.onStreamComplete();
    });
    await waitFor(() => expect(onReplyFinished).toHaveBeenCalledWith("chat-1"));
    expect(result.current.phase).toBe("finishing");
    await act(async () => {
      answerHistory();
      await completed;
    });
    expect(result.current.phase).toBe("done");
    expect(result.current.live).toBeNull();
  });

  it("shows the server's plain message when the request is refused", async () => {
    mockServer(() =>
      Response.json(
        { error: { code: "rate_limited", message: "You're sending messages quickly. Please wait a moment and try again." } },
        { status: 429 },
      ),
    );
    const { result } = renderHook(() => useChat(APP_ID), { wrapper });
    await act(() => result.current.send("hello"));
    expect(result.current.phase).toBe("error");
    expect(result.current.error).toMatch(/wait a moment/);
    expect(result.current.live).toBeNull();
  });

  it("turns the server's mid-reply error event into an error and skips the preview update", async () => {
    mockServer(() => new Response(sse({ object: "chat", id: "chat-1" }, { object: "error", message: "The reply was interrupted." })));
    const onReplyFinished = vi.fn();
    const { result } = renderHook(() => useChat(APP_ID, { onReplyFinished }), { wrapper });
    await act(() => result.current.send("hello"));
    // Reading the stream is what the renderer does; drain it here.
    const reader = result.current.live!.stream!.getReader();
    await act(async () => {
      while (!(await reader.read()).done);
    });
    await waitFor(() => expect(result.current.phase).toBe("error"));
    expect(result.current.error).toBe("The reply was interrupted.");
    await act(() => result.current.onStreamComplete());
    expect(result.current.phase).toBe("error");
    expect(onReplyFinished).not.toHaveBeenCalled();
  });

  it("Fix it asks the server to write the message, shows the plain line, and previews the reply", async () => {
    const fetchMock = mockServer(() => new Response(sse({ object: "chat", id: "chat-1" }), { headers: { "x-app-id": APP_ID } }));
    const onReplyFinished = vi.fn().mockResolvedValue(undefined);
    const { result } = renderHook(() => useChat(APP_ID, { onReplyFinished }), { wrapper });
    await act(() => result.current.fix());
    const call = fetchMock.mock.calls.find(([url]) => url === `/api/apps/${APP_ID}/fix`);
    // Nothing of the message comes from the browser.
    expect(call?.[1]).toMatchObject({ method: "POST" });
    expect(call?.[1]?.body).toBeUndefined();
    expect(result.current.live?.message).toBe(FIX_REQUEST_LINE);
    await act(() => result.current.onStreamComplete());
    expect(onReplyFinished).toHaveBeenCalledWith("chat-1");
  });
});
