import "server-only";

import { IntegrationError } from "@/lib/errors";

export class MergeConflictError extends IntegrationError {
  constructor(message: string) {
    super("github", "conflict", message);
    this.name = "MergeConflictError";
  }
}

type RequestErrorLike = {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
};

// Octokit's RequestError → what the pipeline can act on. Messages stay
// technical: they go to logs and admin-only fields.
export function toGitHubError(error: unknown, during: string): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const e = (error ?? {}) as RequestErrorLike;
  const status = e.status;
  const data = (e.response?.data ?? {}) as { message?: string; errors?: { field?: string; message?: string; code?: string }[] };
  const text = `${during}: ${status ?? "network"} ${data.message ?? e.message ?? String(error)}`;
  const retryAfter = Number(e.response?.headers?.["retry-after"]);
  const options = { status, cause: error, retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined };

  if (!status || status >= 500) return new IntegrationError("github", "unavailable", text, options);
  if (status === 404) return new IntegrationError("github", "not_found", text, options);
  if (status === 409) return new IntegrationError("github", "conflict", text, options);
  if (status === 429 || (status === 403 && (e.response?.headers?.["x-ratelimit-remaining"] === "0" || /rate limit/i.test(text)))) {
    return new IntegrationError("github", "rate_limited", text, options);
  }
  if (status === 422 && /not a fast forward/i.test(text)) return new IntegrationError("github", "not_fast_forward", text, options);
  if (status === 422 && isNameTaken(data.errors)) return new IntegrationError("github", "conflict", text, options);
  return new IntegrationError("github", "rejected", text, options);
}

export function isNameTaken(errors: { field?: string; message?: string }[] | undefined): boolean {
  return (errors ?? []).some((e) => e.field === "name" && /already exists/i.test(e.message ?? ""));
}
