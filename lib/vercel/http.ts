import "server-only";

import type { z } from "zod";
import { IntegrationError, type IntegrationErrorKind } from "@/lib/errors";

export type VercelConfig = {
  token: string;
  teamId?: string;
  baseUrl: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  maxRetries?: number;
  timeoutMs?: number;
};

type Request<T> = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
};

const MAX_RETRY_AFTER_MS = 60_000;

// Every Vercel call: the team on every request, bearer auth, 429/503 waited
// out as Retry-After asks (a bounded number of times), and the answer checked
// against the fields we use before anyone reads it.
export async function vercelRequest<T>(config: VercelConfig, request: Request<T>): Promise<T> {
  const url = new URL(config.baseUrl.replace(/\/$/, "") + request.path);
  for (const [key, value] of Object.entries({ ...request.query, teamId: config.teamId })) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const doFetch = config.fetch ?? fetch;
  const sleep = config.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const what = `${request.method ?? "GET"} ${request.path}`;

  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: request.method ?? "GET",
        headers: { authorization: `Bearer ${config.token}`, ...(request.body !== undefined && { "content-type": "application/json" }) },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new IntegrationError("vercel", "unavailable", `${what}: ${(error as Error).message}`, { cause: error });
    }
    if ((res.status === 429 || res.status === 503) && attempt < (config.maxRetries ?? 3)) {
      await sleep(retryAfterMs(res));
      continue;
    }
    const text = await res.text();
    if (!res.ok) {
      throw new IntegrationError("vercel", kindFor(res.status), `${what}: ${res.status} ${errorText(text)}`, {
        status: res.status,
        retryAfterMs: res.status === 429 ? retryAfterMs(res) : undefined,
      });
    }
    const parsed = request.schema.safeParse(text ? JSON.parse(text) : {});
    if (!parsed.success) {
      throw new IntegrationError("vercel", "unavailable", `${what}: unexpected answer (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
    }
    return parsed.data;
  }
}

function retryAfterMs(res: Response): number {
  const seconds = Number(res.headers.get("retry-after"));
  return Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000, MAX_RETRY_AFTER_MS);
}

function kindFor(status: number): IntegrationErrorKind {
  if (status >= 500) return "unavailable";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  return "rejected";
}

function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error) return `${body.error.code ?? ""} ${body.error.message ?? ""}`.trim();
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}
