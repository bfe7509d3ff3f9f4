import "server-only";

import { hasErrorMark, IntegrationError, isIntegrationError, markError } from "@/lib/errors";

// Promoting would need a human to resolve conflicting edits; `main` is untouched.
export class MergeConflictError extends IntegrationError {
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super("github", "conflict", message, options);
    this.name = "MergeConflictError";
    markError(this, "MergeConflictError");
  }
}

export function isMergeConflictError(error: unknown): error is MergeConflictError {
  return hasErrorMark(error, "MergeConflictError");
}

// The parts of Octokit's RequestError the mapping reads (structural, so the
// local host and tests can produce the same shape without Octokit).
type RequestErrorLike = {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
};

type ValidationError = { field?: string; message?: string; code?: string };
type ErrorBody = { message?: string; errors?: ValidationError[] };

// Octokit error → what the pipeline can act on. `during` names the operation
// so logs say which call failed. Messages stay technical: they go to logs and
// admin-only fields.
export function toGitHubError(error: unknown, during = "GitHub request"): IntegrationError {
  if (isIntegrationError(error)) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as RequestErrorLike;
  const status = typeof e.status === "number" ? e.status : undefined;
  const headers = e.response?.headers ?? {};
  const body = (typeof e.response?.data === "object" && e.response.data !== null ? e.response.data : {}) as ErrorBody;
  const said = body.message ?? e.message ?? String(error);
  const text = `${during}: ${status ?? "no response"} ${said}`;
  const options = { status, cause: error, retryAfterMs: retryAfterMs(headers) };

  // Octokit reports a failed connection or timeout as status 500 too.
  if (status === undefined || status >= 500) return new IntegrationError("github", "unavailable", text, options);
  if (isRateLimit(status, headers, said)) return new IntegrationError("github", "rate_limited", text, options);
  if (status === 404) return new IntegrationError("github", "not_found", text, options);
  if (status === 409) return new IntegrationError("github", "conflict", text, options);
  if (status === 422 && /not a fast.?forward/i.test(said)) return new IntegrationError("github", "not_fast_forward", text, options);
  if (status === 422 && isNameTaken(body.errors)) return new IntegrationError("github", "conflict", text, options);
  return new IntegrationError("github", "rejected", text, options);
}

// GitHub answers a repository name clash with 422 and a field-level error.
function isNameTaken(errors: ValidationError[] | undefined): boolean {
  return (errors ?? []).some((e) => e.field === "name" && /already exists/i.test(e.message ?? ""));
}

function isRateLimit(status: number, headers: Record<string, string | number | undefined>, said: string): boolean {
  if (status === 429) return true;
  return status === 403 && (String(headers["x-ratelimit-remaining"]) === "0" || /rate limit/i.test(said));
}

// Secondary limits say how long to wait; primary ones say when the quota resets.
function retryAfterMs(headers: Record<string, string | number | undefined>): number | undefined {
  const after = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(after)) return Math.max(0, after) * 1000;
  if (String(headers["x-ratelimit-remaining"]) !== "0") return undefined;
  const reset = Number(headers["x-ratelimit-reset"]);
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
}
