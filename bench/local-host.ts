// What the preview-host benches share: apps on a local preview host, and a
// commit pushed to one timed until its deployment is READY.
import { cpSync } from "node:fs";
import path from "node:path";
import { emitLocalPush } from "@/lib/embedded/git-host/store";
import type { LocalPreviewHost } from "@/lib/embedded/preview-host";
import type { FileMap } from "@/lib/files/types";
import type { Deployment } from "@/lib/vercel/types";
import { commit, createBareRepo } from "@/tests/helpers/preview-host";

export type BenchApp = { repo: { owner: string; name: string }; projectId: string };

export function benchApps(host: LocalPreviewHost, prefix: string) {
  let counter = 0;
  return {
    async create(): Promise<BenchApp> {
      const repo = { owner: "local", name: `${prefix}-${++counter}` };
      createBareRepo(repo);
      const created = await host.createProject({ name: repo.name, repo });
      return { repo, projectId: created.id };
    },
    // git itself, as the local git host does (whose own size limit the
    // fixtures' 2 MB images are past), then the push it announces.
    async push(app: BenchApp, files: FileMap): Promise<{ ms: number; deployment: Deployment }> {
      const started = performance.now();
      const sha = commit(app.repo, "staging", files);
      emitLocalPush({ repo: app.repo, branch: "staging", sha });
      for (;;) {
        const deployment = await host.findDeploymentForCommit({ projectId: app.projectId, sha, branch: "staging" });
        if (deployment?.state === "READY") return { ms: performance.now() - started, deployment };
        if (deployment?.state === "ERROR") throw new Error(`build failed: ${deployment.errorMessage}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

// The fixtures read their package.json and lockfile from beside their own
// module, which in a bundled bench script is beside the bundle.
export function copyFixtureDeps(bundleDir: string): void {
  cpSync(path.join(process.cwd(), "tests/fixtures/v0-projects/deps"), path.join(bundleDir, "deps"), { recursive: true });
}
