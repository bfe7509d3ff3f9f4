import "server-only";

import { getEnv } from "@/lib/env";

// v0 hosts its own demo of each version; it is shown until our preview exists.
export function demoFrameSources(): string[] {
  return getEnv().V0_API_KEY ? ["https://*.vusercontent.net"] : [];
}
