import "server-only";

import type http from "node:http";

// `@vercel/analytics` and `@vercel/speed-insights` load their script from the
// deployment's own origin (`/_vercel/insights/script.js`,
// `/_vercel/speed-insights/script.js`, under the app's basePath if any) and
// post page views and vitals beside it. Vercel answers those paths itself,
// before the app sees them; for a project without analytics the script does
// nothing. The local host answers the same way, so a preview's console stays
// clean: a script that does nothing, and 204 for every beacon.
const INSIGHTS_PATH = /(?:^|\/)_vercel\/(?:insights|speed-insights)\/(.*)$/;

const NO_OP_SCRIPT = "/* Analytics are not collected for previews. */\n";

export function answerVercelInsights(pathname: string, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const found = INSIGHTS_PATH.exec(pathname);
  if (!found) return false;
  req.resume(); // a beacon's body is read and dropped
  if ((req.method === "GET" || req.method === "HEAD") && found[1]!.endsWith(".js")) {
    res.writeHead(200, {
      "content-type": "text/javascript; charset=utf-8",
      "content-length": Buffer.byteLength(NO_OP_SCRIPT),
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : NO_OP_SCRIPT);
    return true;
  }
  res.writeHead(204, { "cache-control": "no-store" }).end();
  return true;
}
