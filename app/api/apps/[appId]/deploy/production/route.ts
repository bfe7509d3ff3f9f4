import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { publishToProduction } from "@/lib/deploy/publish-production";
import { getIntegrations } from "@/lib/integrations";
import { emptyBodySchema } from "@/lib/validation/deploy";

export const maxDuration = 800;

// POST /api/apps/[appId]/deploy/production – Publish: 400 until a preview has
// worked, 409 during a cycle; puts the last working preview's code live.
export const POST = withRoute({ loadApp: true, body: emptyBodySchema }, async ({ app, user }) =>
  json(await publishToProduction(await getIntegrations(), { app, startedBy: { kind: "user", userId: user.id } })),
);
