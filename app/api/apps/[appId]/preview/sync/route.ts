import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { previewReplyForBrowser } from "@/lib/deploy/preview-after-reply";
import { AppError } from "@/lib/errors";
import { getIntegrations } from "@/lib/integrations";
import { previewSyncSchema } from "@/lib/validation/deploy";

// Real builds take minutes; the request stays open for the whole cycle.
export const maxDuration = 800;

// POST /api/apps/[appId]/preview/sync – update the Current preview from the
// app's chat; called by the chat UI after every finished reply. An update of
// this reply already running is followed to its end; 409 while another cycle
// runs; a version already previewed answers with that preview. The answer
// carries the preview panel's status.
export const POST = withRoute({ loadApp: true, body: previewSyncSchema }, async ({ app, user, body }) => {
  if (app.chatId !== body.chatId) throw new AppError("not_found", "We couldn't find that conversation.");
  return json(await previewReplyForBrowser(await getIntegrations(), { app, user }));
});
