// Headers for every page of the builder app. Generated previews are only ever
// framed from their own origins (`frameSources`); this app is never framed.
export function pageSecurityHeaders({
  nonce,
  frameSources,
  dev,
}: {
  nonce: string;
  frameSources: string[];
  dev: boolean;
}): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // Next.js reads the nonce from this header and puts it on its own scripts.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `frame-src ${frameSources.length ? frameSources.join(" ") : "'none'"}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
  };
}
