import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { rollbackToVersion } from "@/lib/deploy/rollback";
import { getIntegrations } from "@/lib/integrations";
import { rollbackBodySchema } from "@/lib/validation/deploy";

export const maxDuration = 800;

// POST /api/apps/[appId]/deploy/rollback – puts one of the app's working
// previews live again: 404 for a version that isn't this app's, 409 during a
// cycle.
export const POST = withRoute({ loadApp: true, body: rollbackBodySchema }, async ({ app, user, body }) =>
  json(await rollbackToVersion(await getIntegrations(), { app, versionId: body.versionId, startedBy: { kind: "user", userId: user.id } })),
);
