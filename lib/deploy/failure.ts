import "server-only";

import { hasErrorMark, isAppError, isIntegrationError, markError } from "@/lib/errors";
import { isMergeConflictError } from "@/lib/github/errors";
import type { FailureReason } from "@/lib/db/schema";
import type { Deployment, DeploymentFailureKind } from "@/lib/vercel/types";

// Why a cycle failed (lib/db/schema.ts, as stored), decided here from error
// types, codes and the provider's failureKind, never from text.
export type { FailureReason } from "@/lib/db/schema";

// The deployment was followed to the end and did not become READY.
export class DeploymentFailedError extends Error {
  readonly failureKind?: DeploymentFailureKind;
  readonly deploymentId: string;

  constructor(deployment: Deployment) {
    super(`deployment ${deployment.id} ended ${deployment.state}: ${deployment.errorMessage ?? "no detail"}`);
    this.name = "DeploymentFailedError";
    this.failureKind = deployment.failureKind;
    this.deploymentId = deployment.id;
    markError(this, "DeploymentFailedError");
  }
}

// The chat has no finished version with files to deploy.
export class NoCodeError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "NoCodeError";
    markError(this, "NoCodeError");
  }
}

export function isDeploymentFailedError(error: unknown): error is DeploymentFailedError {
  return hasErrorMark(error, "DeploymentFailedError");
}

export function failureReason(error: unknown): FailureReason {
  if (hasErrorMark(error, "NoCodeError")) return "no_code";
  if (isDeploymentFailedError(error)) return error.failureKind ?? "other";
  if (isMergeConflictError(error)) return "conflict";
  // The file checks refuse what they cannot safely save with this code.
  if (isAppError(error) && error.code === "unprocessable_entity") return "unsafe_files";
  if (isIntegrationError(error) && (error.kind === "unavailable" || error.kind === "rate_limited")) return "unavailable";
  return "other";
}

export function describeError(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.detail ?? error.message}`;
  if (error instanceof Error) {
    const service = (error as { service?: string }).service;
    return `${service ? `${service} ` : ""}${error.name}: ${error.message}`;
  }
  return String(error);
}
