import "server-only";

import { composeFixRequest } from "@/lib/chat/fix-request";
import { getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import type { PreviewHost } from "@/lib/vercel/types";
import { buildErrorExcerpt } from "./build-error";
import { describeError } from "./failure";
import { assertNoCycleRunning } from "./lock";
import { isCodeFailure } from "./preview-status";

export const NOTHING_TO_FIX = "There's no build problem to fix right now.";

// Environment variables whose values must never leave the server.
const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|CREDENTIAL|PRIVATE|DATABASE_URL/i;

// The follow-up "Fix it" sends: the failed build's own account of the error,
// cut to the lines that name it and scrubbed. Only for the app's latest
// preview update, when it failed on the app's code.
export async function fixRequestMessage(services: Integrations, app: App): Promise<string> {
  await assertNoCycleRunning(app.id);
  const { latest } = await getPreviewDeploymentsByAppId({ appId: app.id, versions: 0 });
  if (!latest || !isCodeFailure(latest)) throw new AppError("bad_request", NOTHING_TO_FIX);
  const output = latest.providerDeploymentId ? await buildOutput(services.previews, latest.providerDeploymentId) : [];
  // Without the host's output, the provider's own summary kept on the row.
  const lines = output.length > 0 ? output : (latest.error ?? "").split("\n");
  return composeFixRequest(buildErrorExcerpt(lines, environmentSecrets()));
}

async function buildOutput(host: PreviewHost, deploymentId: string): Promise<string[]> {
  if (!host.buildOutput) return [];
  try {
    return await host.buildOutput(deploymentId);
  } catch (error) {
    console.error(`[fix] build output of ${deploymentId} could not be read: ${describeError(error)}`);
    return [];
  }
}

function environmentSecrets(): string[] {
  return Object.entries(process.env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === "string")
    .map(([, value]) => value!);
}
