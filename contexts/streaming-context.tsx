"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef } from "react";

export type HandedOffReply = { appId: string; message: string; stream: ReadableStream<Uint8Array> };

type StreamingContextValue = {
  handOff: (reply: HandedOffReply) => void;
  // Takes the reply for this app, once: a second caller gets null.
  take: (appId: string) => HandedOffReply | null;
};

const StreamingContext = createContext<StreamingContextValue | null>(null);

// Carries a reply that started streaming on the home page over to the app
// page, so navigation never interrupts or restarts it.
export function StreamingProvider({ children }: { children: ReactNode }) {
  const pending = useRef<HandedOffReply | null>(null);
  const handOff = useCallback((reply: HandedOffReply) => {
    pending.current = reply;
  }, []);
  const take = useCallback((appId: string) => {
    const reply = pending.current;
    if (!reply || reply.appId !== appId) return null;
    pending.current = null;
    return reply;
  }, []);
  const value = useMemo(() => ({ handOff, take }), [handOff, take]);
  return <StreamingContext.Provider value={value}>{children}</StreamingContext.Provider>;
}

export function useStreamingHandOff(): StreamingContextValue {
  const value = useContext(StreamingContext);
  if (!value) throw new Error("useStreamingHandOff must be used inside StreamingProvider");
  return value;
}
