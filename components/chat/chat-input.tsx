"use client";

import { ArrowUp, Loader2 } from "lucide-react";
import { type FormEvent, type KeyboardEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

type Props = {
  onSend: (message: string) => void;
  disabled: boolean;
  // Plain words shown under the box while sending is paused (e.g. "Updating preview…").
  status?: string | null;
  // A way out of what the status reports (e.g. "Open Settings").
  statusAction?: ReactNode;
  placeholder?: string;
  label?: string;
  autoFocus?: boolean;
  className?: string;
};

export function ChatInput({
  onSend,
  disabled,
  status,
  statusAction,
  placeholder = "Describe a change…",
  label = "Message",
  autoFocus,
  className,
}: Props) {
  const [value, setValue] = useState("");

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const message = value.trim();
    if (!message || disabled) return;
    onSend(message);
    setValue("");
  }

  // Enter sends; Shift+Enter (or composing an IME character) makes a new line.
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form onSubmit={submit} className={cn("flex flex-col gap-2", className)}>
      <div className="relative">
        <Textarea
          aria-label={label}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={placeholder}
          disabled={disabled}
          autoFocus={autoFocus}
          rows={3}
          className="resize-none pr-14"
          data-testid="chat-input"
        />
        <Button
          type="submit"
          size="icon"
          aria-label="Send"
          disabled={disabled || !value.trim()}
          className="absolute right-2 bottom-2"
          data-testid="send-button"
        >
          {disabled ? <Loader2 className="animate-spin" /> : <ArrowUp />}
        </Button>
      </div>
      <div className="flex min-h-5 flex-wrap items-center gap-2">
        <p role="status" aria-live="polite" className="text-xs text-muted-foreground" data-testid="input-status">
          {status}
        </p>
        {statusAction}
      </div>
    </form>
  );
}
