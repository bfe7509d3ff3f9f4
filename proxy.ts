import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";

const PUBLIC_PAGES = new Set(["/sign-in", "/sign-up"]);

// A cheap cookie-presence check that sends anonymous visitors to sign-in.
// Pages and routes still verify the session itself; this only redirects.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PAGES.has(pathname) || getSessionCookie(request)) return NextResponse.next();
  const url = new URL("/sign-in", request.url);
  if (pathname !== "/") url.searchParams.set("next", pathname + search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but API routes (they answer 401 themselves) and static assets.
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:svg|png|jpg|ico|webp|txt)$).*)"],
};
