// A server process whose preview cycle hangs after taking the app's lock, so
// the test can kill it mid-cycle (SIGKILL: no cleanup runs).
import { getIntegrations } from "@/lib/integrations";
import { syncStagingFromChat } from "@/lib/deploy/vercel-deploy";

process.on("message", (job: { appId: string; chatId: string }) => {
  const integrations = getIntegrations();
  (globalThis as unknown as { __integrations: typeof integrations }).__integrations = {
    ...integrations,
    chat: { ...integrations.chat, getChat: () => new Promise(() => {}) },
  };
  void syncStagingFromChat(job);
});
process.send!({ ready: true });
