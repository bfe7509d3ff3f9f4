import "server-only";

import type { SessionUser } from "@/lib/auth";
import { type ChatTurn, sendMessageToApp } from "@/lib/chat/send-chat-message";
import { getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { describeError } from "@/lib/deploy/failure";
import { assertNoCycleRunning } from "@/lib/deploy/lock";
import { isCodeFailure } from "@/lib/deploy/preview-status";
import { AppError } from "@/lib/errors";
import type { Integrations } from "@/lib/integrations";
import type { PreviewHost } from "@/lib/vercel/types";
import { buildErrorExcerpt } from "./build-error";
import { composeFixRequest } from "./message";

const NOTHING_TO_FIX = "There's no build problem to fix right now.";

// Environment variables whose values must never leave the server.
const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|CREDENTIAL|PRIVATE|DATABASE_URL/i;

// "Fix it": the app's chat gets a message the server writes (./message.ts)
// with the failed build's own account of the error, and the reply streams
// back as for any message. `app` is the owner's, as the route loaded it; the
// lock is checked here, once.
export async function sendFixRequest(services: Integrations, user: SessionUser, app: App): Promise<ChatTurn> {
  await assertNoCycleRunning(app.id);
  return sendMessageToApp(services, user, app, await fixRequestMessage(services, app));
}

// The failed build's output cut to the lines that name the error, and
// scrubbed (./build-error.ts). Only for the app's latest preview update,
// when it failed on the app's code.
export async function fixRequestMessage(services: Integrations, app: App): Promise<string> {
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
