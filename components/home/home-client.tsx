"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ChatInput } from "@/components/chat/chat-input";
import { Button } from "@/components/ui/button";
import { useStreamingHandOff } from "@/contexts/streaming-context";
import { requestReply } from "@/lib/client/reply-request";

const EXAMPLES = [
  "A landing page for my bakery with a warm orange theme",
  "A todo app with a dark theme",
  "A pricing page for a yoga studio",
  "A dashboard with sales numbers and a table of orders",
];

// The first message creates the app; its reply keeps streaming on the app page.
export function HomeClient() {
  const router = useRouter();
  const { handOff } = useStreamingHandOff();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start(message: string) {
    setPending(true);
    setError(null);
    try {
      const reply = await requestReply({ message });
      handOff({ appId: reply.appId, message, stream: reply.stream });
      router.push(`/apps/${reply.appId}`);
    } catch (e) {
      setPending(false);
      setError(e instanceof Error ? e.message : "Something went wrong. Please try again.");
    }
  }

  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-3xl font-semibold tracking-tight">What do you want to build?</h1>
      <ChatInput
        onSend={start}
        disabled={pending}
        status={pending ? "Starting your app…" : null}
        placeholder="Describe your app in a sentence or two…"
        label="Describe the app you want to build"
        autoFocus
      />
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2" aria-label="Example ideas">
        {EXAMPLES.map((example) => (
          <Button key={example} variant="outline" size="sm" disabled={pending} onClick={() => start(example)}>
            {example}
          </Button>
        ))}
      </div>
    </section>
  );
}
