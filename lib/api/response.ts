import "server-only";

// Every JSON answer: never cached, since each depends on who asks and when.
export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store", ...headers } });
}
