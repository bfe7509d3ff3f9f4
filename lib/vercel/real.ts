import "server-only";

import { z } from "zod";
import type { RepoRef } from "@/lib/github/types";
import { vercelRequest, type VercelConfig } from "./http";
import type { Deployment, DeploymentState, PreviewHost, Project } from "./types";

const projectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  link: z.looseObject({ org: z.string().optional(), repo: z.string().optional(), productionBranch: z.string().optional() }).nullish(),
  ssoProtection: z.unknown().optional(),
});

const states = ["QUEUED", "INITIALIZING", "BUILDING", "READY", "ERROR", "CANCELED", "BLOCKED", "DELETED"] as const;

const deploymentFields = {
  url: z.string(),
  target: z.string().nullish(),
  meta: z.record(z.string(), z.unknown()).nullish(),
  alias: z.array(z.string()).nullish(),
  aliasAssigned: z.union([z.boolean(), z.number()]).nullish(),
  aliasError: z.looseObject({ message: z.string().optional() }).nullish(),
  errorMessage: z.string().nullish(),
  errorCode: z.string().nullish(),
};
const listedDeployment = z.looseObject({ uid: z.string(), readyState: z.enum(states).optional(), state: z.enum(states).optional(), ...deploymentFields });
const fullDeployment = z.looseObject({ id: z.string(), readyState: z.enum(states), ...deploymentFields });

// Vercel's REST API over fetch, as its own CLI and Terraform provider use it.
export function createVercelHost(config: VercelConfig): PreviewHost {
  const call = <T>(request: Parameters<typeof vercelRequest<T>>[1]) => vercelRequest(config, request);

  return {
    async createProject({ name, repo }) {
      const project = await call({
        method: "POST",
        path: "/v11/projects",
        body: { name, framework: "nextjs", gitRepository: { type: "github", repo: `${repo.owner}/${repo.name}` }, ssoProtection: null },
        schema: projectSchema,
      });
      return toProject(project);
    },
    async getProject(idOrName) {
      try {
        return toProject(await call({ path: `/v9/projects/${encodeURIComponent(idOrName)}`, schema: projectSchema }));
      } catch (error) {
        if ((error as { kind?: string }).kind === "not_found") return null;
        throw error;
      }
    },
    async linkProject(idOrName, repo: RepoRef) {
      return toProject(
        await call({ method: "POST", path: `/v9/projects/${encodeURIComponent(idOrName)}/link`, body: { type: "github", repo: `${repo.owner}/${repo.name}` }, schema: projectSchema }),
      );
    },
    async setProductionBranch(projectId, branch) {
      await call({ method: "PATCH", path: `/v9/projects/${encodeURIComponent(projectId)}/branch`, body: { branch }, schema: z.unknown() });
    },
    async disablePreviewProtection(projectId) {
      await call({ method: "PATCH", path: `/v9/projects/${encodeURIComponent(projectId)}`, body: { ssoProtection: null }, schema: z.unknown() });
    },
    async findDeploymentForCommit({ projectId, sha, branch }) {
      const { deployments } = await call({
        path: "/v7/deployments",
        query: { projectId, sha, branch, limit: 5 },
        schema: z.looseObject({ deployments: z.array(listedDeployment) }),
      });
      // An unsupported filter would silently list the latest deployments.
      const match = deployments.find((d) => d.meta?.githubCommitSha === sha && d.meta?.githubCommitRef === branch);
      return match ? toDeployment({ ...match, id: match.uid, readyState: match.readyState ?? match.state ?? "QUEUED" }) : null;
    },
    async getDeployment(id) {
      return toDeployment(await call({ path: `/v13/deployments/${encodeURIComponent(id)}`, schema: fullDeployment }));
    },
    async createDeployment({ projectId, projectName, repo, branch, sha, target }) {
      return toDeployment(
        await call({
          method: "POST",
          path: "/v13/deployments",
          query: { forceNew: 1, skipAutoDetectionConfirmation: 1 },
          body: {
            name: projectName,
            project: projectId,
            ...(target === "production" && { target: "production" }),
            gitSource: { type: "github", org: repo.owner, repo: repo.name, ref: branch, sha },
          },
          schema: fullDeployment,
        }),
      );
    },
    async getProductionUrl(projectId) {
      const { domains } = await call({
        path: `/v9/projects/${encodeURIComponent(projectId)}/domains`,
        query: { production: "true" },
        schema: z.looseObject({ domains: z.array(z.looseObject({ name: z.string() })) }),
      });
      return domains[0] ? `https://${domains[0].name}` : null;
    },
  };
}

function toProject(p: z.infer<typeof projectSchema>): Project {
  return {
    id: p.id,
    name: p.name,
    linkedRepo: p.link?.org && p.link.repo ? `${p.link.org}/${p.link.repo}` : undefined,
    productionBranch: p.link?.productionBranch,
    previewsProtected: p.ssoProtection !== null && p.ssoProtection !== undefined,
  };
}

type AnyDeployment = {
  id: string;
  readyState: (typeof states)[number];
  url: string;
  target?: string | null;
  meta?: Record<string, unknown> | null;
  aliasAssigned?: boolean | number | null;
  aliasError?: { message?: string } | null;
  errorMessage?: string | null;
  errorCode?: string | null;
};

function toDeployment(d: AnyDeployment): Deployment {
  const meta = d.meta ?? {};
  const branchAlias = typeof meta.branchAlias === "string" ? meta.branchAlias : undefined;
  const state: DeploymentState = d.readyState === "DELETED" ? "CANCELED" : d.readyState;
  return {
    id: d.id,
    state,
    url: withScheme(d.url),
    branchUrl: branchAlias ? withScheme(branchAlias) : undefined,
    sha: typeof meta.githubCommitSha === "string" ? meta.githubCommitSha : undefined,
    branch: typeof meta.githubCommitRef === "string" ? meta.githubCommitRef : undefined,
    target: d.target === "production" ? "production" : "preview",
    errorMessage: [d.errorCode, d.errorMessage, d.aliasError?.message].filter(Boolean).join(": ") || undefined,
    aliasAssigned: d.aliasAssigned === undefined || d.aliasAssigned === null ? undefined : Boolean(d.aliasAssigned),
  };
}

function withScheme(host: string): string {
  return host.startsWith("http") ? host : `https://${host}`;
}
