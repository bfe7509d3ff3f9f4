import "server-only";

import { hasErrorMark, markError } from "@/lib/errors";

// A build that failed because of the app's code (or a fault injected for
// testing): `lines` is the build log's account of why, each naming the file
// and position when one is known, e.g. `app/page.tsx:3:7: Could not resolve "left-pad"`.
export class BuildFailure extends Error {
  readonly lines: string[];

  constructor(lines: string[]) {
    super(lines.join("\n"));
    this.name = "BuildFailure";
    this.lines = lines;
    markError(this, "BuildFailure");
  }
}

export function isBuildFailure(error: unknown): error is BuildFailure {
  return hasErrorMark(error, "BuildFailure");
}
