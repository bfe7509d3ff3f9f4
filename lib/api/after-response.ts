import "server-only";

import { after } from "next/server";

// Work that must outlive the response (on serverless hosts `after` keeps the
// function alive for it). Outside a Next.js request, as in tests and scripts,
// there is no response to wait for, so it simply runs.
export function runAfterResponse(what: string, task: () => Promise<unknown>): void {
  const run = () => task().catch((error) => console.error(`[after] ${what} failed`, error));
  try {
    after(run);
  } catch {
    void run();
  }
}
