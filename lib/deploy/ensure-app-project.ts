import "server-only";

import { setAppPreviewProjectById } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import type { RepoRef } from "@/lib/github/types";
import type { PreviewHost } from "@/lib/vercel/types";
import { ensureVercelProject } from "./vercel-project";

export type AppProject = { projectId: string; projectName: string };

// The preview project, linked once and then read from the app row, so later
// cycles make no project calls at all. `app` is read under the cycle lock,
// and only cycles link projects, so it is current.
export async function ensureAppProject(app: App, repo: RepoRef, previews: PreviewHost): Promise<AppProject> {
  if (app.vercelProjectId && app.vercelProjectName) {
    return { projectId: app.vercelProjectId, projectName: app.vercelProjectName };
  }
  const project = await ensureVercelProject({ repoOwner: repo.owner, repoName: repo.name }, previews);
  await setAppPreviewProjectById({ id: app.id, project });
  return project;
}
