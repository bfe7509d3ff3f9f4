import "server-only";

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";

// A fixed-window counter in the database (the table better-auth also uses),
// counted in one atomic statement so every server process shares the limit.
export async function consumeRateLimit(key: string, { max, windowMs }: { max: number; windowMs: number }): Promise<boolean> {
  const now = Date.now();
  const windowStart = now - windowMs;
  const [row] = await getDb()
    .insert(rateLimits)
    .values({ id: randomUUID(), key, count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.lastRequest} < ${windowStart} then 1 else ${rateLimits.count} + 1 end`,
        lastRequest: sql`case when ${rateLimits.lastRequest} < ${windowStart} then ${now} else ${rateLimits.lastRequest} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row!.count <= max;
}
