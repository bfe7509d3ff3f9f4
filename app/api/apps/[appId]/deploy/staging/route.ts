import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { getPreviewStatus } from "@/lib/deploy/preview-status";
import { syncStagingFromChat } from "@/lib/deploy/sync-staging";
import { getIntegrations } from "@/lib/integrations";
import { emptyBodySchema } from "@/lib/validation/deploy";

export const maxDuration = 800;

// GET /api/apps/[appId]/deploy/staging – preview status from the database:
// the latest attempt, the last working preview (kept when an update fails),
// publish state and the list of working versions. Polled by the preview panel,
// and readable by admins for any app, with the failure detail and what the
// preview host says about itself (no sandbox for generated code).
export const GET = withRoute({ loadApp: true, adminsToo: true }, async ({ app, user }) => {
  const isAdmin = user.role === "admin";
  return json(await getPreviewStatus({ app, isAdmin, host: isAdmin ? (await getIntegrations()).previews : undefined }));
});

// POST /api/apps/[appId]/deploy/staging – admins only: the manual fallback.
// It no longer compiles an AppSpec into a new chat; it re-runs the same
// sync-from-chat cycle on the app's current chat, under the same lock.
export const POST = withRoute({ admin: true, loadApp: true, body: emptyBodySchema }, async ({ app, user }) =>
  json(await syncStagingFromChat(await getIntegrations(), { app, startedBy: { kind: "admin", userId: user.id } })),
);
