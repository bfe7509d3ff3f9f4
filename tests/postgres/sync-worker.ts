// A second (and third) server process for the concurrency test: it fires
// preview-sync requests at the real route handler when told to go.
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";

type Job = { appId: string; chatId: string; cookie: string; count: number };

process.on("message", async (job: Job) => {
  const requests = Array.from({ length: job.count }, () =>
    sync(
      new Request(`http://localhost:3000/api/apps/${job.appId}/preview/sync`, {
        method: "POST",
        headers: { cookie: job.cookie, "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ chatId: job.chatId }),
      }),
      { params: Promise.resolve({ appId: job.appId }) },
    ).then(async (res) => ({ status: res.status, body: await res.text() })),
  );
  process.send!({ results: await Promise.all(requests) });
  process.exit(0);
});

process.send!({ ready: true });
