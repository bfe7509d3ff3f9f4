import "server-only";

import { hasErrorMark, markError } from "@/lib/errors";
import type { DeploymentFailureKind } from "../../vercel/types";

// Why a build couldn't finish, as the builder's message needs it: the app's
// code ("code": a fix or rephrasing may help), a package that couldn't be
// installed ("install"), this host being busy or broken ("unavailable"), or
// this host refusing to run generated code at all ("refused", ./sandbox).
export type BuildFailureKind = Extract<DeploymentFailureKind, "code" | "install" | "unavailable" | "refused">;

// A build that failed for a known reason: `lines` is the build log's account
// of why, each naming the file and position when one is known, e.g.
// `app/page.tsx:3:7: Could not resolve "left-pad"`.
export class BuildFailure extends Error {
  readonly lines: string[];
  readonly kind: BuildFailureKind;

  constructor(lines: string[], kind: BuildFailureKind = "code") {
    super(lines.join("\n"));
    this.name = "BuildFailure";
    this.lines = lines;
    this.kind = kind;
    markError(this, "BuildFailure");
  }
}

export function isBuildFailure(error: unknown): error is BuildFailure {
  return hasErrorMark(error, "BuildFailure");
}
