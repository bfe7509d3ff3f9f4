import "server-only";

import { AppError } from "@/lib/errors";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

// Reads at most `limit` bytes, whatever Content-Length claims, so a huge or
// chunked body is refused without being buffered.
export async function readJsonBody(req: Request, limit = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const tooLarge = () => new AppError("payload_too_large", "That message is too long. Please shorten it and try again.");
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return undefined;

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request was not valid JSON.");
  }
}
