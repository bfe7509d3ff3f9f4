import "server-only";

import { randomBytes } from "node:crypto";

// Ids that sort by creation time (to the millisecond): the tie-break when
// two rows share a created_at.
export function newId(prefix: "chat" | "msg" | "ver"): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, "0")}${randomBytes(5).toString("hex")}`;
}
