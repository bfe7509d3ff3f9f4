import { json } from "@/lib/api/response";
import { withRoute } from "@/lib/api/with-route";
import { getIntegrations } from "@/lib/integrations";
import { removeAppSetting, saveAppSetting } from "@/lib/settings/app-settings";
import { settingValueSchema, SETTINGS_BODY_LIMIT } from "@/lib/validation/settings";

// Saving starts a preview cycle after the answer; it may wait for a running one.
export const maxDuration = 800;

// PUT /api/apps/[appId]/settings/[name] – sets or replaces a value; the
// preview is rebuilt with it in the background. The answer never holds it.
export const PUT = withRoute({ loadApp: true, body: settingValueSchema, maxBodyBytes: SETTINGS_BODY_LIMIT }, async ({ app, user, params, body }) =>
  json(await saveAppSetting(await getIntegrations(), { app, user, name: params.name ?? "", value: body.value })),
);

// DELETE /api/apps/[appId]/settings/[name] – removes the value, here and on
// the hosts (through a preview cycle).
export const DELETE = withRoute({ loadApp: true }, async ({ app, user, params }) => {
  await removeAppSetting(await getIntegrations(), { app, user, name: params.name ?? "" });
  return json({ ok: true });
});
