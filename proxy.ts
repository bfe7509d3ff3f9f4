import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { pageSecurityHeaders } from "@/lib/security-headers";
import { demoFrameSources } from "@/lib/v0/frame-sources";
import { previewFrameSources } from "@/lib/vercel/frame-sources";

const PUBLIC_PAGES = new Set(["/sign-in", "/sign-up"]);

// Sends anonymous visitors to sign-in (a cheap cookie check; pages and routes
// verify the session themselves) and puts security headers on every page.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!PUBLIC_PAGES.has(pathname) && !getSessionCookie(request)) {
    const url = new URL("/sign-in", request.url);
    if (pathname !== "/") url.searchParams.set("next", pathname + search);
    return NextResponse.redirect(url);
  }

  const headers = pageSecurityHeaders({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    frameSources: [...previewFrameSources(), ...demoFrameSources()],
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but API routes (they answer 401 themselves) and static assets.
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:svg|png|jpg|ico|webp|txt)$).*)"],
};
