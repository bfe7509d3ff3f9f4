"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import useSWR from "swr";
import { useStreamingHandOff } from "@/contexts/streaming-context";
import type { ChatView } from "@/lib/chat/chat-view";
import { FIX_REQUEST_LINE } from "@/lib/fix-it/message";
import { requestFix, requestReply, watchReplyStream } from "@/lib/client/reply-request";
import { chatReducer, initialChatState, isBusy } from "@/lib/client/chat-state";

type Options = {
  // Called once a reply has finished streaming and history shows it; input
  // stays paused until the returned promise settles.
  onReplyFinished?: (chatId: string) => unknown;
};

const INTERRUPTED = "The reply was interrupted. Please send your message again.";

// Owns sending, the live reply's stream and the chat's history (SWR).
export function useChat(appId: string, options: Options = {}) {
  const history = useSWR<ChatView>(`/api/apps/${appId}/chat`);
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const { take } = useStreamingHandOff();
  const onReplyFinished = useRef(options.onReplyFinished);
  const replyFailed = useRef(false);
  // The chat the live reply named in its stream (recorded by the server
  // before the stream ends).
  const replyChatId = useRef<string | null>(null);
  useEffect(() => {
    onReplyFinished.current = options.onReplyFinished;
  });

  const fail = useCallback((error: string) => {
    replyFailed.current = true;
    dispatch({ type: "failed", error });
  }, []);

  const startStreaming = useCallback(
    (message: string, stream: ReadableStream<Uint8Array>) => {
      replyFailed.current = false;
      replyChatId.current = null;
      const watched = watchReplyStream(stream, { onError: fail, onChatId: (id) => (replyChatId.current = id) });
      dispatch({ type: "streaming", message, stream: watched });
    },
    [fail],
  );

  // A reply started on the home page continues here without restarting.
  useEffect(() => {
    const handed = take(appId);
    if (handed) startStreaming(handed.message, handed.stream);
  }, [appId, take, startStreaming]);

  const chatId = history.data?.chatId ?? undefined;
  const busy = isBusy(state.phase);
  const send = useCallback(
    async (message: string) => {
      if (busy) return;
      dispatch({ type: "send", message });
      try {
        const reply = await requestReply({ message, appId, chatId });
        startStreaming(message, reply.stream);
      } catch (error) {
        fail(error instanceof Error ? error.message : "Something went wrong.");
      }
    },
    [appId, chatId, busy, startStreaming, fail],
  );

  // "Fix it": the server writes the message; the chat shows its plain line.
  const fix = useCallback(async () => {
    if (busy) return;
    dispatch({ type: "send", message: FIX_REQUEST_LINE });
    try {
      const reply = await requestFix(appId);
      startStreaming(FIX_REQUEST_LINE, reply.stream);
    } catch (error) {
      fail(error instanceof Error ? error.message : "Something went wrong.");
    }
  }, [appId, busy, startStreaming, fail]);

  const mutateHistory = history.mutate;
  const onStreamComplete = useCallback(async () => {
    dispatch({ type: "completed" });
    const refreshed = mutateHistory()
      .catch(() => undefined)
      .then((fresh) => {
        dispatch({ type: "history-synced" });
        return fresh;
      });
    // The preview is asked for at once, beside the history refresh, when the
    // stream named its chat; otherwise history says which chat it was.
    const chatId = replyChatId.current ?? (await refreshed)?.chatId;
    if (!replyFailed.current && chatId) await onReplyFinished.current?.(chatId);
    await refreshed;
    dispatch({ type: "finished" });
  }, [mutateHistory]);

  const onStreamError = useCallback(() => fail(INTERRUPTED), [fail]);

  return {
    messages: history.data?.messages ?? [],
    demoUrl: history.data?.demoUrl ?? null,
    historyError: history.error ? "We couldn't load this conversation. Please reload the page." : null,
    phase: state.phase,
    live: state.live,
    error: state.error,
    send,
    fix,
    onStreamComplete,
    onStreamError,
  };
}
