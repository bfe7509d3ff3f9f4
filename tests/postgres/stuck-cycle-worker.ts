// A server process whose preview cycle hangs after taking the app's lock, so
// the test can kill it mid-cycle (SIGKILL: no cleanup runs).
import { getIntegrations } from "@/lib/integrations";
import { syncApp } from "../helpers/apps";

process.on("message", async (job: { appId: string }) => {
  const services = await getIntegrations();
  void syncApp(job.appId, { ...services, chat: { ...services.chat, getChat: () => new Promise(() => {}) } });
});
process.send!({ ready: true });
