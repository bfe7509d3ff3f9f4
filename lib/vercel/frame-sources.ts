import "server-only";

import { getEnv } from "@/lib/env";

// Origins previews are served from, for the builder app's frame-src.
export function previewFrameSources(): string[] {
  const env = getEnv();
  if (env.VERCEL_TOKEN) return ["https://*.vercel.app"];
  const port = env.LOCAL_PREVIEW_PORT;
  return [`http://*.${env.LOCAL_PREVIEW_HOSTNAME}:${port}`];
}
