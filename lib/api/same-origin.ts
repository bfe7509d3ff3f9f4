import "server-only";

import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Session cookies ride along on cross-site requests; writes must come from a
// page of this app. Browsers always send Origin on cross-origin POSTs.
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site") throw refused();
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw refused();
  }
  if (originHost !== host) throw refused();
}

function refused(): AppError {
  return new AppError("forbidden", "This request must come from the app itself.");
}
