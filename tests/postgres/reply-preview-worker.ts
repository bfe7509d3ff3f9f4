// Another server process for the "a reply is previewed once" test: it plays
// either the browser (the sync route) or the server's own after-reply work.
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { previewAfterReply } from "@/lib/deploy/preview-after-reply";
import { getIntegrations } from "@/lib/integrations";

type Job = { role: "browser" | "server"; appId: string; chatId: string; cookie: string; delayMs: number };

async function run(job: Job): Promise<{ status: number; body: string }> {
  await new Promise((resolve) => setTimeout(resolve, job.delayMs));
  if (job.role === "server") {
    const result = await previewAfterReply(await getIntegrations(), {
      appId: job.appId,
      reply: Promise.resolve({ chatId: job.chatId, completed: true }),
      graceMs: 0,
    });
    return { status: result ? 200 : 204, body: JSON.stringify(result) };
  }
  const res = await sync(
    new Request(`http://localhost:3000/api/apps/${job.appId}/preview/sync`, {
      method: "POST",
      headers: { cookie: job.cookie, "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ chatId: job.chatId }),
    }),
    { params: Promise.resolve({ appId: job.appId }) },
  );
  return { status: res.status, body: await res.text() };
}

process.on("message", async (job: Job) => {
  process.send!({ result: await run(job) });
  process.exit(0);
});

process.send!({ ready: true });
