import "server-only";

import { z } from "zod";
import { isAppError, isIntegrationError } from "@/lib/errors";
import { json } from "./response";

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

// The single place a thrown error becomes an HTTP answer. Only AppError's plain
// message is ever shown; everything else is logged and answered generically.
export function errorResponse(error: unknown, context: string): Response {
  if (isAppError(error)) {
    if (error.status >= 500 || error.detail) console.error(`[${context}] ${error.code}: ${error.detail ?? error.message}`);
    return json({ error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) } }, error.status);
  }
  if (error instanceof z.ZodError) {
    return json({ error: { code: "bad_request", message: "Some of the details sent were not valid.", fields: zodFields(error) } }, 400);
  }
  if (isIntegrationError(error)) {
    console.error(`[${context}] ${error.service} ${error.kind}${error.status ? ` (${error.status})` : ""}: ${error.message}`);
    return json({ error: { code: "upstream_failed", message: "A service we rely on isn't responding right now. Please try again in a moment." } }, 502);
  }
  console.error(`[${context}] unexpected error`, error);
  return json({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } }, 500);
}

export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "body";
    fields[key] ??= issue.message;
  }
  return fields;
}
