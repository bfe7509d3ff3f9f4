// The chat's send/stream state machine, kept pure so it is tested on its own:
// idle → sending → streaming → finishing → done, with error reachable from
// sending and streaming. "finishing" covers the work chained after a reply
// (refreshing history, updating the preview), so input stays paused until it
// ends. A reply's stream is shown live until history has caught up.

export type ChatPhase = "idle" | "sending" | "streaming" | "finishing" | "done" | "error";

export type LiveReply = { message: string; stream: ReadableStream<Uint8Array> | null };

export type ChatState = { phase: ChatPhase; live: LiveReply | null; error: string | null };

export type ChatAction =
  | { type: "send"; message: string }
  | { type: "streaming"; message: string; stream: ReadableStream<Uint8Array> }
  | { type: "completed" }
  | { type: "finished" }
  | { type: "failed"; error: string }
  | { type: "history-synced" };

export const initialChatState: ChatState = { phase: "idle", live: null, error: null };

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "send":
      if (state.phase === "sending" || state.phase === "streaming") return state;
      return { phase: "sending", live: { message: action.message, stream: null }, error: null };
    case "streaming":
      return { phase: "streaming", live: { message: action.message, stream: action.stream }, error: null };
    case "completed":
      // A stream that carried an error event still ends; the error stands.
      return state.phase === "streaming" ? { ...state, phase: "finishing" } : state;
    case "finished":
      return state.phase === "finishing" ? { ...state, phase: "done" } : state;
    case "failed":
      return { phase: "error", live: state.phase === "sending" ? null : state.live, error: action.error };
    case "history-synced":
      return { ...state, live: null };
  }
}

export function isBusy(phase: ChatPhase): boolean {
  return phase === "sending" || phase === "streaming" || phase === "finishing";
}
