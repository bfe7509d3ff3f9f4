// One error type for everything a route can answer with. `message` is always
// plain language a builder may read; technical detail travels in `detail` and
// is only logged (or stored in admin-only fields), never sent to the browser.
const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable_entity: 422,
  rate_limited: 429,
  internal: 500,
  upstream_failed: 502,
} as const;

export type ErrorCode = keyof typeof errorStatus;

// A production build gives the instrumentation bundle and each route their own
// copy of these classes, and an error made by one copy fails `instanceof`
// against another. A registered symbol is the same in every copy, so errors
// are recognised by it, through the guards below, never by `instanceof`.
function brand(name: string): symbol {
  return Symbol.for(`chat-driven-staging-deploy/${name}`);
}

export function markError(error: Error, name: string): void {
  Object.defineProperty(error, brand(name), { value: true });
}

export function hasErrorMark(error: unknown, name: string): boolean {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[brand(name)] === true;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly fields?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { detail?: string; fields?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.detail = options.detail;
    this.fields = options.fields;
    markError(this, "AppError");
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return hasErrorMark(error, "AppError");
}

export type Service = "v0" | "github" | "vercel";

// What went wrong at an outside service, in terms the pipeline can act on.
// `message` here is technical (provider text) and must not reach a builder.
export type IntegrationErrorKind =
  | "not_found"
  | "conflict" // merge conflict, name taken, ref exists
  | "not_fast_forward"
  | "rate_limited"
  | "unavailable" // 5xx, network, timeout
  | "rejected" // 4xx the caller cannot fix by retrying (auth, validation)
  | "build_failed";

export class IntegrationError extends Error {
  readonly service: Service;
  readonly kind: IntegrationErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    service: Service,
    kind: IntegrationErrorKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "IntegrationError";
    this.service = service;
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    markError(this, "IntegrationError");
  }
}

export function isIntegrationError(error: unknown): error is IntegrationError {
  return hasErrorMark(error, "IntegrationError");
}
