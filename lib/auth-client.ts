// The browser's side of sign-in: plain calls to better-auth's HTTP endpoints.
// better-auth's own client module reads server variable names from the
// environment, which would put those names in the browser bundle.
type AuthAnswer = { ok: boolean; status: number };

async function post(path: string, body: object = {}): Promise<AuthAnswer> {
  try {
    const res = await fetch(`/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { ok: res.ok, status: res.status };
  } catch {
    return { ok: false, status: 0 };
  }
}

export const signUpWithEmail = (input: { name: string; email: string; password: string }) => post("/sign-up/email", input);
export const signInWithEmail = (input: { email: string; password: string }) => post("/sign-in/email", input);
export const signOut = () => post("/sign-out");
