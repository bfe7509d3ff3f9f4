import "server-only";

// `next dev` compiles each page and route the first time it is asked for,
// a few seconds each on a small machine. A newcomer's first preview needs
// about ten of them one after the other (sign-up, the home page, the chat,
// the app page and its API routes, then the preview update), so the very
// first preview waited for all those compiles. Asking for them once the
// server listens compiles them while the newcomer is still signing up.
// The order: the sign-up page, which is what the newcomer opens first; then
// what is needed only after they describe their first app (compiled while
// they sign up); then the pages their own browser will most likely have
// compiled on the way (the home page, the session check), last.
// Unsigned requests: each answers 401, a redirect or 405 (a placeholder
// session cookie only gets pages past the sign-in redirect in proxy.ts, so
// the page itself compiles and then sends them to sign-in).
const SOME_APP = "00000000-0000-4000-8000-000000000000";
export const WARM_PATHS = [
  "/sign-up",
  "/api/chat",
  `/apps/${SOME_APP}`,
  `/api/apps/${SOME_APP}/preview/sync`,
  `/api/apps/${SOME_APP}/deploy/staging`,
  `/api/apps/${SOME_APP}/chat`,
  `/api/apps/${SOME_APP}/settings`,
  "/api/apps",
  `/api/apps/${SOME_APP}`,
  "/",
  "/api/auth/get-session",
  "/sign-in",
];

export async function warmUpDevRoutes(origin: string | undefined): Promise<void> {
  if (!origin) return;
  for (const path of WARM_PATHS) {
    try {
      const res = await fetch(new URL(path, origin), { redirect: "manual", headers: { cookie: "better-auth.session_token=warm-up" } });
      // Read to the end, not cancelled: inside Next.js's server, fetch hands
      // back one branch of a teed body, and cancelling one branch waits for
      // the other, forever, which stopped the warm-up after its second path.
      await res.arrayBuffer();
    } catch (error) {
      console.warn(`[dev] warming ${path} failed: ${(error as Error).message}`);
      return;
    }
  }
}
