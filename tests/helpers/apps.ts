// Apps with real conversations, built through the same code the chat route
// uses, on the local stand-ins.
import http from "node:http";
import { sendChatMessage } from "@/lib/chat/send-chat-message";
import { getAppById } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { type StagingResult, syncStagingFromChat } from "@/lib/deploy/sync-staging";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import type { TestUser } from "./session";

export async function drain(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

export async function chatTurn(user: TestUser, message: string, appId?: string, services?: Integrations): Promise<App> {
  const turn = await sendChatMessage(services ?? (await getIntegrations()), { id: user.id, email: user.email, name: "Test", role: "user" }, { message, appId });
  await drain(turn.stream);
  return (await getAppById({ id: turn.app.id }))!;
}

// One preview cycle for the app as it is stored now, as the sync route runs it.
export async function syncApp(appId: string, services?: Integrations): Promise<StagingResult> {
  const app = (await getAppById({ id: appId }))!;
  return syncStagingFromChat(services ?? (await getIntegrations()), { app, startedBy: { kind: "user", userId: null } });
}

// GET a local preview URL (http://name.localhost:PORT/): *.localhost names are
// loopback by definition, so ask 127.0.0.1 with the original Host header.
export function fetchPreview(url: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: target.port, path: target.pathname + target.search, headers: { host: target.host } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
