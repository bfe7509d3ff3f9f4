import "server-only";

import type { z } from "zod";
import { IntegrationError, type IntegrationErrorKind } from "@/lib/errors";

export type VercelConfig = {
  token: string;
  teamId?: string;
  baseUrl: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  // Extra attempts after a 429/503 before giving up.
  maxRetries?: number;
  // Longest single wait, whatever Retry-After asks for.
  maxRetryAfterMs?: number;
  // Per attempt, covering the response body too.
  timeoutMs?: number;
};

export type VercelRequest<T> = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
};

const DEFAULTS = { maxRetries: 3, maxRetryAfterMs: 60_000, timeoutMs: 30_000 };
// Used when a 429/503 carries no usable Retry-After; doubled per attempt.
const FALLBACK_WAIT_MS = 1_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// One Vercel REST call: team scope and bearer auth on every request, 429/503
// waited out as Retry-After asks (a bounded number of times), and the answer
// checked against the fields the caller reads before anyone reads them.
export async function vercelRequest<T>(config: VercelConfig, request: VercelRequest<T>): Promise<T> {
  const method = request.method ?? "GET";
  const what = `${method} ${request.path}`;
  const url = requestUrl(config, request);
  const doFetch = config.fetch ?? fetch;
  const sleep = config.sleep ?? realSleep;
  const maxRetries = config.maxRetries ?? DEFAULTS.maxRetries;
  const maxWaitMs = config.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
  const timeoutMs = config.timeoutMs ?? DEFAULTS.timeoutMs;
  const headers: Record<string, string> = { authorization: `Bearer ${config.token}`, accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);

  for (let attempt = 0; ; attempt++) {
    let status: number;
    let text: string;
    let askedWaitMs: number | undefined;
    try {
      const res = await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      status = res.status;
      askedWaitMs = parseRetryAfter(res.headers.get("retry-after"));
      if ((status === 429 || status === 503) && attempt < maxRetries) {
        // Free the connection; the body of a throttled answer says nothing we need.
        await res.body?.cancel().catch(() => undefined);
        await sleep(Math.min(askedWaitMs ?? FALLBACK_WAIT_MS * 2 ** attempt, maxWaitMs));
        continue;
      }
      text = await res.text();
    } catch (error) {
      throw networkError(what, error, timeoutMs);
    }

    if (status < 200 || status >= 300) {
      throw new IntegrationError("vercel", kindFor(status), `${what}: ${status} ${errorText(text)}`, {
        status,
        retryAfterMs: status === 429 ? (askedWaitMs ?? FALLBACK_WAIT_MS) : undefined,
      });
    }
    return parseAnswer(what, text, request.schema);
  }
}

function requestUrl(config: VercelConfig, request: VercelRequest<unknown>): URL {
  const url = new URL(config.baseUrl.replace(/\/+$/, "") + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  // Team tokens may act on several scopes; without teamId Vercel picks the personal one.
  if (config.teamId) url.searchParams.set("teamId", config.teamId);
  return url;
}

function parseAnswer<T>(what: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch (error) {
    throw new IntegrationError("vercel", "unavailable", `${what}: answer is not JSON: ${text.slice(0, 200)}`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new IntegrationError("vercel", "unavailable", `${what}: unexpected answer shape (${issues})`, { cause: parsed.error });
  }
  return parsed.data;
}

// Seconds or an HTTP date, as RFC 9110 allows; undefined when unusable.
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function kindFor(status: number): IntegrationErrorKind {
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 400 && status < 500) return "rejected";
  return "unavailable";
}

function networkError(what: string, error: unknown, timeoutMs: number): IntegrationError {
  const timedOut = error instanceof DOMException && error.name === "TimeoutError";
  const reason = timedOut ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
  return new IntegrationError("vercel", "unavailable", `${what}: ${reason}`, { cause: error });
}

// Vercel answers errors as { error: { code, message } }; anything else is shown raw, shortened.
function errorText(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && "error" in parsed) {
      const { code, message } = (parsed.error ?? {}) as { code?: unknown; message?: unknown };
      const parts = [code, message].filter((p): p is string => typeof p === "string" && p !== "");
      if (parts.length > 0) return parts.join(": ");
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 300);
}
