import "server-only";

import { getEnv } from "@/lib/env";
import { IntegrationError, isIntegrationError } from "@/lib/errors";
import { PRODUCTION_BRANCH } from "@/lib/github/types";
import type { PreviewHost, Project } from "@/lib/vercel/types";

const NAME_ATTEMPTS = 3;

export type LinkedProject = {
  projectId: string;
  projectName: string;
  // Technical: why deployments of this project may be blocked, found at
  // link time. Written to the server log (where an operator reads it), not
  // stored: nothing shows it to a builder.
  warning?: string;
};

// Idempotent: creates the project linked to the repo, or finds the one that
// already is. Production builds from `main`; every other branch (staging)
// builds previews, which must be embeddable, so no login wall in front.
// Also checks that commits by the configured author can deploy at all.
export async function ensureVercelProject(
  { repoOwner, repoName }: { repoOwner: string; repoName: string },
  host: PreviewHost,
  commitAuthorEmail: string = getEnv().GIT_AUTHOR_EMAIL,
): Promise<LinkedProject> {
  const repo = { owner: repoOwner, name: repoName };
  const linkedRepo = `${repoOwner}/${repoName}`;
  const baseName = projectNameFor(repoName);

  let project: Project | null = null;
  for (let attempt = 0; attempt < NAME_ATTEMPTS && !project; attempt++) {
    const name = attempt === 0 ? baseName : `${baseName.slice(0, 90)}-${attempt + 1}`;
    try {
      project = await host.createProject({ name, repo });
    } catch (error) {
      if (!(isIntegrationError(error) && error.kind === "conflict")) throw error;
      // "Already exists" is success when it is ours (a retry after a crash).
      const existing = await host.getProject(name);
      if (existing && (!existing.linkedRepo || existing.linkedRepo === linkedRepo)) {
        project = existing.linkedRepo ? existing : await host.linkProject(existing.id, repo);
      }
    }
  }
  if (!project) throw new IntegrationError("vercel", "conflict", `no free project name for ${linkedRepo}`);

  if (project.productionBranch && project.productionBranch !== PRODUCTION_BRANCH) {
    await host.setProductionBranch(project.id, PRODUCTION_BRANCH);
  }
  if (project.previewsProtected) await host.disablePreviewProtection(project.id);
  const warning = await commitAuthorWarning(host, commitAuthorEmail);
  if (warning) console.warn(`[deploy] project ${project.name} (${project.id}): ${warning}`);
  return { projectId: project.id, projectName: project.name, ...(warning ? { warning } : {}) };
}

// The hosting account blocks deployments of commits whose author isn't on its
// team, and then every update fails the same way: say so before the first one.
async function commitAuthorWarning(host: PreviewHost, email: string): Promise<string | undefined> {
  if (!host.commitAuthorAccess) return undefined;
  const access = await host.commitAuthorAccess(email);
  if (access.status === "member") return undefined;
  if (access.status === "not_member") {
    return `deployments may be blocked: the commit author GIT_AUTHOR_EMAIL=${email} does not look like a member of the hosting team (${access.detail}); add them to the team or set GIT_AUTHOR_EMAIL to a member's e-mail`;
  }
  console.info(`[deploy] commit author ${email} not checked: ${access.detail}`);
  return undefined;
}

// Vercel project names: lowercase letters, digits, '.', '_', '-'; at most 100.
export function projectNameFor(repoName: string): string {
  const name = repoName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{3,}/g, "--")
    .replace(/^[-._]+|[-._]+$/g, "")
    .slice(0, 100);
  return name || "app";
}
