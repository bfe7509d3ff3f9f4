import "server-only";

import { z } from "zod";
import { getSessionUser, getSessionUserAndApp, type SessionUser } from "@/lib/auth";
import type { App } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { errorResponse, zodFields } from "./errors";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "./read-json-body";
import { assertSameOrigin } from "./same-origin";

type RouteParams = Promise<Record<string, string | string[] | undefined>>;

type Options<B extends z.ZodType | undefined, L extends boolean> = {
  body?: B;
  // Loads `params.appId`: the caller's own app, or any app for admin routes.
  // A missing app and someone else's app both answer 404.
  loadApp?: L;
  admin?: boolean;
  // Open to the owner, and to admins for any app: what an admin may start
  // (the manual fallback), they may also follow.
  adminsToo?: boolean;
  maxBodyBytes?: number;
};

type Context<B extends z.ZodType | undefined, L extends boolean> = {
  req: Request;
  user: SessionUser;
  params: Record<string, string>;
  body: B extends z.ZodType ? z.infer<B> : undefined;
  app: L extends true ? App : undefined;
};

const appIdSchema = z.uuid();

// The one wrapper every route handler goes through: session (401), admin
// (403), app ownership (404), body size (413) and validation (400), and the
// mapping of anything thrown to `{ error: { code, message } }`.
export function withRoute<B extends z.ZodType | undefined = undefined, L extends boolean = false>(
  options: Options<B, L>,
  handler: (ctx: Context<B, L>) => Promise<Response> | Response,
) {
  return async (req: Request, segment: { params: RouteParams }): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const params = flattenParams(await segment.params);
      const { user, app } = await authenticate(req.headers, params.appId, options);
      if (!user) throw new AppError("unauthorized", "Please sign in to continue.");
      if (options.admin && user.role !== "admin") {
        throw new AppError("forbidden", "Only administrators can do that.");
      }
      if (options.loadApp && !app) throw new AppError("not_found", "We couldn't find that app.");

      let body: unknown;
      if (options.body) {
        const raw = await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        const parsed = options.body.safeParse(raw ?? {});
        if (!parsed.success) {
          throw new AppError("bad_request", "Some of the details sent were not valid.", { fields: zodFields(parsed.error) });
        }
        body = parsed.data;
      }

      return await handler({ req, user, params, body, app: app ?? undefined } as Context<B, L>);
    } catch (error) {
      return errorResponse(error, `${req.method} ${new URL(req.url).pathname}`);
    }
  };
}

// The session's user, and the route's app when it loads one (null: missing,
// malformed or someone else's, all answered 404), in one query.
async function authenticate(
  headers: Headers,
  appId: string | undefined,
  options: { loadApp?: boolean; admin?: boolean; adminsToo?: boolean },
): Promise<{ user: SessionUser | null; app: App | null }> {
  if (!options.loadApp || !appIdSchema.safeParse(appId).success) return { user: await getSessionUser(headers), app: null };
  const found = await getSessionUserAndApp(headers, { appId: appId!, adminsToo: options.admin === true || options.adminsToo === true });
  return found ?? { user: null, app: null };
}

function flattenParams(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (typeof value === "string") flat[key] = value;
    else if (Array.isArray(value)) flat[key] = value.join("/");
  }
  return flat;
}
