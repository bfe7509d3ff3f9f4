"use client";

import { Message, type MessageBinaryFormat, StreamingMessage } from "@v0-sdk/react";
import { useEffect, useRef } from "react";
import type { LiveReply } from "@/lib/client/chat-state";
import type { ChatMessageView } from "@/lib/chat/chat-view";
import { ShowCode } from "./show-code";

type Props = {
  messages: ChatMessageView[];
  live: LiveReply | null;
  onStreamComplete: () => void;
  onStreamError: () => void;
};

// Code blocks are gathered into one "Show code" under each reply instead of
// one card per file in the middle of the text.
const messageComponents = {
  CodeProjectPart: HiddenCode,
  p: { className: "leading-relaxed" },
  ul: { className: "ml-5 list-disc" },
  ol: { className: "ml-5 list-decimal" },
};

export function ChatMessages({ messages, live, onStreamComplete, onStreamError }: Props) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [messages.length, live]);

  return (
    <div className="flex flex-col gap-6" data-testid="chat-messages">
      {messages.map((message) =>
        message.role === "user" ? (
          <UserBubble key={message.id} text={message.content} sent={message.fixRequest?.sent} />
        ) : (
          <AssistantTurn key={message.id}>
            {message.experimentalContent ? (
              <>
                <Message
                  content={message.experimentalContent as MessageBinaryFormat}
                  messageId={message.id}
                  role="assistant"
                  components={messageComponents}
                />
                <ShowCode messageId={message.id} content={message.experimentalContent} />
              </>
            ) : (
              <p className="whitespace-pre-wrap">{message.content}</p>
            )}
          </AssistantTurn>
        ),
      )}
      {live && (
        <>
          <UserBubble text={live.message} />
          <AssistantTurn live>
            {live.stream ? (
              <StreamingMessage
                stream={live.stream}
                messageId="live-reply"
                role="assistant"
                components={messageComponents}
                onComplete={onStreamComplete}
                onError={onStreamError}
                loadingComponent={<Thinking />}
              />
            ) : (
              <Thinking />
            )}
          </AssistantTurn>
        </>
      )}
      <div ref={end} />
    </div>
  );
}

// `sent`: for admins, what a "Fix it" message really sent, behind its plain line.
function UserBubble({ text, sent }: { text: string; sent?: string }) {
  return (
    <div className="ml-auto max-w-[85%] rounded-2xl bg-primary px-4 py-2 whitespace-pre-wrap text-primary-foreground" data-testid="user-message">
      {text}
      {sent && (
        <details className="mt-1 text-xs" data-testid="fix-request-sent">
          <summary className="cursor-pointer opacity-80">What was sent (admins only)</summary>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all">{sent}</pre>
        </details>
      )}
    </div>
  );
}

function AssistantTurn({ children, live }: { children: React.ReactNode; live?: boolean }) {
  return (
    <div className="max-w-full text-sm" data-testid={live ? "live-reply" : "assistant-message"}>
      {children}
    </div>
  );
}

function HiddenCode() {
  return null;
}

function Thinking() {
  return <p className="animate-pulse text-muted-foreground">Working on it…</p>;
}
