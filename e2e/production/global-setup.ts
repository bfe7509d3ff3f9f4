// The production-build suite needs no browser, only the build; each test
// file starts its own `next start` with the configuration it tests, once
// `buildReady` says the build is there (see ../support/build.ts).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { recordOutcome, startBuild } from "../support/build";

declare module "vitest" {
  export interface ProvidedContext {
    buildReady: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "csd-build-"));
  const buildReady = path.join(dir, "build-ready.json");
  const build = startBuild();
  const recorded = recordOutcome(buildReady, build.done);
  project.provide("buildReady", buildReady);
  return async () => {
    build.stop();
    await recorded;
    rmSync(dir, { recursive: true, force: true });
  };
}
