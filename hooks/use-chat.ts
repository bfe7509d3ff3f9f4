"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import useSWR from "swr";
import { useStreamingHandOff } from "@/contexts/streaming-context";
import type { ChatView } from "@/lib/chat/chat-view";
import { requestReply, watchForStreamError } from "@/lib/chat/reply-request";
import { chatReducer, initialChatState, isBusy } from "./chat-state";

type Options = {
  // Called once a reply has finished streaming and history shows it; input
  // stays paused until the returned promise settles.
  onReplyFinished?: (chatId: string) => unknown;
};

// Owns sending, the live reply's stream and the chat's history (SWR).
export function useChat(appId: string, options: Options = {}) {
  const history = useSWR<ChatView>(`/api/apps/${appId}/chat`);
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const { take } = useStreamingHandOff();
  const onReplyFinished = useRef(options.onReplyFinished);
  onReplyFinished.current = options.onReplyFinished;

  const startStreaming = useCallback((message: string, stream: ReadableStream<Uint8Array>) => {
    const watched = watchForStreamError(stream, (error) => dispatch({ type: "failed", error }));
    dispatch({ type: "streaming", message, stream: watched });
  }, []);

  // A reply started on the home page continues here without restarting.
  useEffect(() => {
    const handed = take(appId);
    if (handed) startStreaming(handed.message, handed.stream);
  }, [appId, take, startStreaming]);

  const send = useCallback(
    async (message: string) => {
      if (isBusy(state.phase)) return;
      dispatch({ type: "send", message });
      try {
        const reply = await requestReply({ message, appId, chatId: history.data?.chatId ?? undefined });
        startStreaming(message, reply.stream);
      } catch (error) {
        dispatch({ type: "failed", error: error instanceof Error ? error.message : "Something went wrong." });
      }
    },
    [appId, history.data?.chatId, state.phase, startStreaming],
  );

  const mutateHistory = history.mutate;
  const phaseRef = useRef(state.phase);
  phaseRef.current = state.phase;

  const onStreamComplete = useCallback(async () => {
    const failed = phaseRef.current === "error";
    dispatch({ type: "completed" });
    const fresh = await mutateHistory().catch(() => undefined);
    dispatch({ type: "history-synced" });
    if (!failed && fresh?.chatId) await onReplyFinished.current?.(fresh.chatId);
    dispatch({ type: "finished" });
  }, [mutateHistory]);

  const onStreamError = useCallback(() => {
    dispatch({ type: "failed", error: "The reply was interrupted. Please send your message again." });
  }, []);

  return {
    messages: history.data?.messages ?? [],
    demoUrl: history.data?.demoUrl ?? null,
    historyLoading: history.isLoading,
    historyError: history.error ? "We couldn't load this conversation. Please reload the page." : null,
    phase: state.phase,
    live: state.live,
    error: state.error,
    send,
    onStreamComplete,
    onStreamError,
  };
}
