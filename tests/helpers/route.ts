import { APP_ORIGIN } from "./session";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  cookie?: string;
  params?: Record<string, string>;
  body?: unknown; // objects are JSON-encoded; strings are sent as they are
  headers?: Record<string, string>;
  path?: string;
};

export async function callRoute(handler: Handler, options: CallOptions = {}): Promise<Response> {
  const { method = "GET", cookie, params = {}, body, headers = {}, path = "/api/test" } = options;
  const init: RequestInit & { duplex?: "half" } = {
    method,
    headers: {
      ...(cookie && { cookie }),
      ...(body !== undefined && { "content-type": "application/json" }),
      ...(method !== "GET" && { origin: APP_ORIGIN }),
      ...headers,
    },
  };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  return handler(new Request(`${APP_ORIGIN}${path}`, init), { params: Promise.resolve(params) });
}

export async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}
