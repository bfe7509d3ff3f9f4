import { withRoute } from "@/lib/api/with-route";
import { replyResponse } from "@/lib/chat/reply-response";
import { sendFixRequest } from "@/lib/fix-it";
import { getIntegrations } from "@/lib/integrations";

// Generation can take minutes; the reply streams the whole time.
export const maxDuration = 300;

// POST /api/apps/[appId]/fix – "Fix it": sends the app's chat the part of the
// failed build's output that names the error, written by the server, and
// streams the reply back exactly as POST /api/chat does. Owner only; 409
// while a cycle runs; 400 when the last update didn't fail on the app's code.
export const POST = withRoute({ loadApp: true }, async ({ app, user }) => {
  const services = await getIntegrations();
  return replyResponse(services, await sendFixRequest(services, user, app));
});
