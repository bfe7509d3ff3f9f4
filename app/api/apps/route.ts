import { json } from "@/lib/api/response";
import { toAppView } from "@/lib/api/app-view";
import { withRoute } from "@/lib/api/with-route";
import { createApp, getAppsByOwnerId } from "@/lib/db/queries";
import { createAppSchema } from "@/lib/validation/apps";

// GET /api/apps – the signed-in builder's apps, most recently changed first
export const GET = withRoute({}, async ({ user }) => {
  const apps = await getAppsByOwnerId({ ownerId: user.id });
  return json({ apps: apps.map(toAppView) });
});

// POST /api/apps – create an empty app
export const POST = withRoute({ body: createAppSchema }, async ({ user, body }) => {
  const app = await createApp({ ownerId: user.id, name: body.name });
  return json({ app: toAppView(app) }, 201);
});
