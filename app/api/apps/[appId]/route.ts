import { json } from "@/lib/api/response";
import { toAppView } from "@/lib/api/app-view";
import { withRoute } from "@/lib/api/with-route";
import { deleteAppById, updateAppNameById } from "@/lib/db/queries";
import { AppError } from "@/lib/errors";
import { updateAppSchema } from "@/lib/validation/apps";

// GET /api/apps/[appId] – one of the builder's apps
export const GET = withRoute({ loadApp: true }, ({ app }) => json({ app: toAppView(app) }));

// PATCH /api/apps/[appId] – rename
export const PATCH = withRoute({ loadApp: true, body: updateAppSchema }, async ({ app, user, body }) => {
  const updated = await updateAppNameById({ id: app.id, ownerId: user.id, name: body.name });
  if (!updated) throw new AppError("not_found", "We couldn't find that app.");
  return json({ app: toAppView(updated) });
});

// DELETE /api/apps/[appId] – delete the app and its history
export const DELETE = withRoute({ loadApp: true }, async ({ app, user }) => {
  await deleteAppById({ id: app.id, ownerId: user.id });
  return new Response(null, { status: 204 });
});
