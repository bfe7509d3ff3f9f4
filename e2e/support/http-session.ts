// A builder talking to a running server over HTTP, as a browser would: the
// session cookie from a real sign-up, and the app's own Origin on writes.
import { randomBytes } from "node:crypto";

export type HttpBuilder = {
  get(path: string): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
};

export async function signUpOverHttp(baseURL: string): Promise<HttpBuilder> {
  const email = `builder-${randomBytes(4).toString("hex")}@example.com`;
  const res = await fetch(`${baseURL}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseURL },
    body: JSON.stringify({ email, password: "correct horse battery", name: "Builder" }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return {
    get: (path) => fetch(`${baseURL}${path}`, { headers: { cookie } }),
    post: (path, body) =>
      fetch(`${baseURL}${path}`, {
        method: "POST",
        headers: { cookie, origin: baseURL, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
  };
}
