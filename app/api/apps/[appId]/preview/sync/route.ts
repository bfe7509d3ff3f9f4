import { json } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { previewLatestReply } from "@/lib/deploy/preview-after-reply";
import { AppError } from "@/lib/errors";
import { previewSyncSchema } from "@/lib/validation/deploy";

// Real builds take minutes; the request stays open for the whole cycle.
export const maxDuration = 800;

// POST /api/apps/[appId]/preview/sync – update the Current preview from the
// app's chat; called by the chat UI after every finished reply. 409 while
// another cycle runs; a version already previewed answers with that preview.
export const POST = withRoute({ loadApp: true, body: previewSyncSchema }, async ({ app, user, body }) => {
  if (app.chatId !== body.chatId) throw new AppError("not_found", "We couldn't find that conversation.");
  const result = await previewLatestReply({ appId: app.id, chatId: body.chatId, startedBy: { kind: "user", userId: user.id } });
  return json(result);
});
