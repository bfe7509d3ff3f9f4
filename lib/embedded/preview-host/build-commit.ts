import "server-only";

import { BuildFailure } from "./build-failure";
import { buildFastPath } from "./fast-path";
import { resolveModules } from "./deps";
import type { SourceFiles } from "./git-tree";
import { buildNextApp } from "./next-path/build";
import { describePlan, planBuild } from "./plan";
import { sandboxMode } from "./sandbox/mode";

// One commit → one build on disk: choose the path from the files
// (./plan.ts), install what the app declares (./deps), and build. Throws
// BuildFailure, whose kind says whether the code, an install or this host
// is to blame. `appEnv` is the app's own settings: the only environment its
// build and its runtime get.
export async function buildCommit({
  files,
  projectId,
  deploymentId,
  workDir,
  outDir,
  appEnv = {},
}: {
  files: SourceFiles;
  projectId: string;
  deploymentId: string;
  workDir: string;
  outDir: string;
  appEnv?: Record<string, string>;
}): Promise<{ log: string[] }> {
  // Every build log says whether the app's code ran in the sandbox; without
  // one, a production server builds nothing (./sandbox/mode.ts).
  const mode = sandboxMode();
  if (mode.kind === "refused") throw new BuildFailure([mode.log], "refused");
  const plan = planBuild(files);
  const log = [mode.log, describePlan(plan)];
  // The fast path may build from this server's own packages when they are
  // what the app asks for; `next build` needs the app's own install.
  const modules = await resolveModules(files, { allowOwn: plan.path === "fast" });
  log.push(...modules.log);
  const built =
    plan.path === "fast"
      ? await buildFastPath({ files, workDir, outDir, modules, appEnv })
      : await buildNextApp({ files, modules, projectId, deploymentId, outDir, appEnv });
  return { log: [...log, ...built.log] };
}
