// Real sign-up through better-auth's own HTTP handler, so tests hold a genuine
// session cookie exactly as a browser would.
import { randomBytes } from "node:crypto";
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth";

export const APP_ORIGIN = "http://localhost:3000";

export type TestUser = { id: string; email: string; cookie: string };

export async function signUp(email = `builder-${randomBytes(4).toString("hex")}@example.com`): Promise<TestUser> {
  const res = await toNextJsHandler(getAuth()).POST(
    new Request(`${APP_ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      // Each sign-up from its own address, so a file's many test users stay
      // under the per-address sign-up limit.
      headers: { "content-type": "application/json", origin: APP_ORIGIN, "x-forwarded-for": randomAddress() },
      body: JSON.stringify({ email, password: "correct horse battery", name: "Test Builder" }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { id: body.user.id, email, cookie: sessionCookie(res) };
}

function randomAddress(): string {
  return `10.${[...randomBytes(3)].join(".")}`;
}

export function sessionCookie(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
