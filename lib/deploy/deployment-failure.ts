import "server-only";

import { hasErrorMark, markError } from "@/lib/errors";
import type { Deployment, DeploymentFailureKind } from "@/lib/vercel/types";

// A deployment that ended in a state other than READY. It carries why, so the
// builder's message can say the right thing (an account block needs an
// administrator, not a rephrased request); the message is technical.
export class DeploymentFailedError extends Error {
  readonly failureKind?: DeploymentFailureKind;

  constructor(deployment: Deployment) {
    super(`deployment ${deployment.id} ended ${deployment.state}: ${deployment.errorMessage ?? "no detail from the host"}`);
    this.name = "DeploymentFailedError";
    this.failureKind = deployment.failureKind;
    markError(this, "DeploymentFailedError");
  }
}

export function isDeploymentFailedError(error: unknown): error is DeploymentFailedError {
  return hasErrorMark(error, "DeploymentFailedError");
}

export function assertDeploymentReady(deployment: Deployment): void {
  if (deployment.state !== "READY") throw new DeploymentFailedError(deployment);
}

// The hosting account refused the update: only an administrator can fix it.
export function isBlockedByHostingAccount(error: unknown): boolean {
  return isDeploymentFailedError(error) && error.failureKind === "blocked";
}
