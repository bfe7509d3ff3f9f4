import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";
import { getSessionCookie } from "better-auth/cookies";

// better-auth's session cookie is `<token>.<base64 HMAC-SHA256(secret, token)>`.
// Returns the token when the signature is ours, so a forged or tampered
// cookie never reaches the database.
export function readSignedSessionToken(headers: Headers, secret: string): string | null {
  const value = getSessionCookie(headers);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
}
