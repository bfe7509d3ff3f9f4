import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { getIntegrations } from "@/lib/integrations";
import { addAppSetting, listAppSettings } from "@/lib/settings/app-settings";
import { newSettingSchema, SETTINGS_BODY_LIMIT } from "@/lib/validation/settings";

// Saving starts a preview cycle after the answer; it may wait for a running one.
export const maxDuration = 800;

// GET /api/apps/[appId]/settings – the app's settings: names, whether each is
// set, when and by whom; never a value. Admins may read any app's.
export const GET = withRoute({ loadApp: true, adminsToo: true }, async ({ app }) => json(await listAppSettings(app)));

// POST /api/apps/[appId]/settings – adds a setting by name (with its value
// when given). 409 for a name the app already has.
export const POST = withRoute({ loadApp: true, body: newSettingSchema, maxBodyBytes: SETTINGS_BODY_LIMIT }, async ({ app, user, body }) =>
  json(await addAppSetting(await getIntegrations(), { app, user, name: body.name, value: body.value }), 201),
);
