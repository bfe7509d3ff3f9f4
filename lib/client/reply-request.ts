import { FetchError } from "@/lib/fetch-json";

export type ReplyRequest = { message: string; appId?: string; chatId?: string };
export type Reply = { appId: string; stream: ReadableStream<Uint8Array> };

// Browser side of POST /api/chat: an error answer becomes a FetchError with
// the server's plain message; success hands back the live stream.
export async function requestReply(body: ReplyRequest): Promise<Reply> {
  return streamedReply(
    () => fetch("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    body.appId,
  );
}

// Browser side of POST /api/apps/[appId]/fix ("Fix it"): the server writes the
// message; the reply streams back as for any message.
export async function requestFix(appId: string): Promise<Reply> {
  return streamedReply(() => fetch(`/api/apps/${appId}/fix`, { method: "POST" }), appId);
}

async function streamedReply(send: () => Promise<Response>, appId: string | undefined): Promise<Reply> {
  let res: Response;
  try {
    res = await send();
  } catch {
    throw new FetchError("We couldn't reach the server. Check your connection and try again.", 0, "offline");
  }
  if (!res.ok || !res.body) {
    const error = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new FetchError(
      error?.error?.message ?? "Something went wrong. Please try again.",
      res.status,
      error?.error?.code ?? "internal",
    );
  }
  return { appId: res.headers.get("x-app-id") ?? appId ?? "", stream: res.body };
}

// Passes the stream through untouched while watching it for what the page
// acts on: the plain-language error event the server adds when generation
// fails mid-reply, and the chat the reply belongs to (its first event), so
// the preview can be asked for the moment the reply ends.
export function watchReplyStream(
  stream: ReadableStream<Uint8Array>,
  { onError, onChatId }: { onError: (message: string) => void; onChatId?: (chatId: string) => void },
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let buffer = "";
  let chatSeen = false;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(chunk);
        buffer += decoder.decode(chunk, { stream: true });
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          const wanted = line.includes('"error"') || (!chatSeen && line.includes('"chat"'));
          if (!line.startsWith("data: ") || !wanted) continue;
          try {
            const event = JSON.parse(line.slice(6)) as { object?: string; message?: string; id?: unknown };
            if (event.object === "error" && event.message) onError(event.message);
            if (event.object === "chat" && typeof event.id === "string" && !chatSeen) {
              chatSeen = true;
              onChatId?.(event.id);
            }
          } catch {
            // Not JSON: v0's own lines are handled by the renderer.
          }
        }
      },
    }),
  );
}
