import "server-only";

import { z } from "zod";
import { IntegrationError, isIntegrationError } from "@/lib/errors";
import type { RepoRef } from "@/lib/github/types";
import { vercelRequest, type VercelConfig, type VercelRequest } from "./http";
import type { CommitAuthorAccess, Deployment, DeploymentFailureKind, DeploymentState, EnvironmentVariable, PreviewHost, Project } from "./types";

// Only the fields read below are checked; loose objects let every other field
// Vercel adds pass through untouched.
const projectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  link: z
    .looseObject({ org: z.string().optional(), repo: z.string().optional(), productionBranch: z.string().optional() })
    .nullish(),
  ssoProtection: z.unknown().optional(),
});

// The list endpoint also reports DELETED; nothing here tells it from a cancel.
const readyState = z
  .enum(["QUEUED", "INITIALIZING", "BUILDING", "READY", "ERROR", "CANCELED", "BLOCKED", "DELETED"])
  .transform((s): DeploymentState => (s === "DELETED" ? "CANCELED" : s));

const deploymentFields = z.looseObject({
  url: z.string(),
  target: z.string().nullish(),
  meta: z
    .looseObject({
      githubCommitSha: z.string().optional(),
      githubCommitRef: z.string().optional(),
    })
    .nullish(),
  aliasAssigned: z.union([z.boolean(), z.number()]).nullish(),
  aliasError: z.looseObject({ message: z.string().optional() }).nullish(),
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
  readyStateReason: z.string().nullish(),
  // Set on BLOCKED deployments: why the hosting account refused the commit.
  seatBlock: z.looseObject({ blockCode: z.string().optional(), userId: z.string().optional() }).nullish(),
});
type DeploymentFields = z.infer<typeof deploymentFields>;

// GET /v13/deployments/{id} and POST /v13/deployments.
const deploymentSchema = deploymentFields
  .extend({ id: z.string(), readyState })
  .transform((d) => toDeployment(d.id, d.readyState, d));

// GET /v7/deployments items: `uid` instead of `id`, and `state` beside `readyState`.
const listedDeploymentSchema = deploymentFields
  .extend({ uid: z.string(), readyState: readyState.optional(), state: readyState.optional() })
  .transform((d, ctx) => {
    const state = d.readyState ?? d.state;
    if (!state) {
      ctx.addIssue({ code: "custom", message: "deployment has neither readyState nor state", path: ["readyState"] });
      return z.NEVER;
    }
    return toDeployment(d.uid, state, d);
  });

// Vercel's REST API over fetch, called the way its own CLI and Terraform provider call it.
export function createVercelHost(config: VercelConfig): PreviewHost {
  const call = <T>(request: VercelRequest<T>) => vercelRequest(config, request);
  const projectPath = (idOrName: string) => `/v9/projects/${encodeURIComponent(idOrName)}`;
  const gitRepo = (repo: RepoRef) => `${repo.owner}/${repo.name}`;

  return {
    async createProject({ name, repo }) {
      const project = await call({
        method: "POST",
        path: "/v11/projects",
        body: {
          name,
          framework: "nextjs",
          gitRepository: { type: "github", repo: gitRepo(repo) },
          // Previews are shown in an iframe, so no Vercel login in front of them.
          ssoProtection: null,
        },
        schema: projectSchema,
      });
      return toProject(project);
    },

    async getProject(idOrName) {
      try {
        return toProject(await call({ path: projectPath(idOrName), schema: projectSchema }));
      } catch (error) {
        if (isIntegrationError(error) && error.kind === "not_found") return null;
        throw error;
      }
    },

    async linkProject(idOrName, repo) {
      const project = await call({
        method: "POST",
        path: `${projectPath(idOrName)}/link`,
        body: { type: "github", repo: gitRepo(repo) },
        schema: projectSchema,
      });
      return toProject(project);
    },

    async setProductionBranch(projectId, branch) {
      // Not in the public OpenAPI; Vercel's Terraform provider uses it (PATCH /v9/projects/{id} has no such field).
      await call({ method: "PATCH", path: `${projectPath(projectId)}/branch`, body: { branch }, schema: z.unknown() });
    },

    async disablePreviewProtection(projectId) {
      await call({ method: "PATCH", path: projectPath(projectId), body: { ssoProtection: null }, schema: z.unknown() });
    },

    async findDeploymentForCommit({ projectId, sha, branch }) {
      const { deployments } = await call({
        path: "/v7/deployments",
        query: { projectId, sha, branch, limit: 5 },
        schema: z.looseObject({ deployments: z.array(listedDeploymentSchema) }),
      });
      // A filter Vercel stopped honouring would silently list the latest
      // deployments instead, so each one is checked against the commit here.
      return deployments.find((d) => d.sha === sha && d.branch === branch) ?? null;
    },

    async getDeployment(id) {
      return call({ path: `/v13/deployments/${encodeURIComponent(id)}`, schema: deploymentSchema });
    },

    async createDeployment({ projectId, projectName, repo, branch, sha, target }) {
      return call({
        method: "POST",
        path: "/v13/deployments",
        // forceNew: never hand back an older deployment of the same files.
        // skipAutoDetectionConfirmation: otherwise a framework mismatch answers 400.
        query: { forceNew: 1, skipAutoDetectionConfirmation: 1 },
        body: {
          name: projectName,
          project: projectId,
          // Omitted means preview.
          target: target === "production" ? "production" : undefined,
          gitSource: { type: "github", org: repo.owner, repo: repo.name, ref: branch, sha },
        },
        schema: deploymentSchema,
      });
    },

    async setEnvironment(projectId, vars, { previewBranch }) {
      await replaceEnvironment(call, `/v10/projects/${encodeURIComponent(projectId)}/env`, `${projectPath(projectId)}/env`, vars, previewBranch);
    },

    async buildOutput(deploymentId) {
      return readBuildOutput(config, deploymentId);
    },

    async commitAuthorAccess(email) {
      return checkCommitAuthor(call, config.teamId, email);
    },

    async getProductionUrl(projectId) {
      // Domains, not the latest production deployment's url: that host changes with every build.
      const { domains } = await call({
        path: `${projectPath(projectId)}/domains`,
        query: { production: true },
        schema: z.looseObject({ domains: z.array(z.looseObject({ name: z.string() })) }),
      });
      return domains[0] ? absolute(domains[0].name) : null;
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

function toDeployment(id: string, state: DeploymentState, d: DeploymentFields): Deployment {
  const blockCode = d.seatBlock?.blockCode;
  const errorParts = [
    blockCode ? `blocked (${blockCode}${d.seatBlock?.userId ? `, user ${d.seatBlock.userId}` : ""})` : undefined,
    d.errorCode,
    d.errorMessage,
    d.readyStateReason,
    d.aliasError?.message,
  ].filter((part): part is string => typeof part === "string" && part !== "");
  const aliasError = d.aliasError ? (d.aliasError.message ?? "domains could not be assigned") : undefined;
  return {
    id,
    state,
    // The deployment's own host (<project>-<hash>-<scope>), never the branch
    // alias (<project>-git-<branch>-<scope>): builders see this address, and
    // it must not carry a branch name.
    url: absolute(d.url),
    sha: d.meta?.githubCommitSha,
    branch: d.meta?.githubCommitRef,
    // Vercel's `null` target is a preview; "staging" is a preview environment too.
    target: d.target === "production" ? "production" : "preview",
    errorMessage: errorParts.length > 0 ? [...new Set(errorParts)].join(": ") : undefined,
    failureKind: failureKind(state, d),
    // A number here is the time the aliases were assigned; null means not yet,
    // exactly like false (Vercel's own client waits for a truthy value).
    aliasAssigned: Boolean(d.aliasAssigned),
    aliasError,
  };
}

// In the terms the builder's message depends on. Vercel's client special-cases
// BUILD_FAILED; install steps and platform faults are told apart by their code
// or message, and anything else that failed is taken to be the app's code.
function failureKind(state: DeploymentState, d: DeploymentFields): DeploymentFailureKind | undefined {
  if (state === "BLOCKED") return "blocked";
  if (state === "CANCELED") return "canceled";
  if (state !== "ERROR") return undefined;
  const code = d.errorCode ?? "";
  const text = `${code} ${d.errorMessage ?? ""} ${d.readyStateReason ?? ""}`;
  if (/INSTALL/i.test(code) || /\b(npm|pnpm|yarn|bun) (install|i|ci)\b|ERESOLVE|ETARGET|E404/.test(text)) return "install";
  if (/INTERNAL|UNEXPECTED|TIMEOUT|UNAVAILABLE|RATE_LIMIT|LIMIT_EXCEEDED|QUOTA/i.test(code)) return "unavailable";
  return "code";
}

const listedEnvSchema = z.looseObject({
  envs: z.array(
    z.looseObject({
      id: z.string(),
      key: z.string(),
      type: z.string().optional(),
      target: z.union([z.array(z.string()), z.string()]).nullish(),
      gitBranch: z.string().nullish(),
    }),
  ),
});
const upsertAnswerSchema = z.looseObject({ failed: z.array(z.looseObject({ error: z.looseObject({ code: z.string().optional(), key: z.string().optional() }).optional() })).optional() });

// The project's variables become exactly `vars`, each twice: for previews of
// one branch, and for production (gitBranch is allowed only with the preview
// target alone). Secrets are "sensitive" (never readable back); NEXT_PUBLIC_
// ones "encrypted" (they end up in the browser bundle anyway). Listed first,
// so variables no longer wanted, or stored with another type or target, are
// removed; then one upsert writes the rest. Values never appear in errors.
async function replaceEnvironment(
  call: <T>(request: VercelRequest<T>) => Promise<T>,
  v10Path: string,
  v9Path: string,
  vars: EnvironmentVariable[],
  previewBranch: string,
): Promise<void> {
  const wanted = new Map(vars.map((v) => [v.key, v]));
  const { envs } = await call({ path: v10Path, schema: listedEnvSchema });
  for (const env of envs) {
    const want = wanted.get(env.key);
    const targets = [env.target ?? []].flat();
    const fits =
      want &&
      env.type === envType(want) &&
      ((targets.length === 1 && targets[0] === "production" && !env.gitBranch) || (targets.length === 1 && targets[0] === "preview" && env.gitBranch === previewBranch));
    if (!fits) await call({ method: "DELETE", path: `${v9Path}/${encodeURIComponent(env.id)}`, schema: z.unknown() });
  }
  if (vars.length === 0) return;
  const body = vars.flatMap((v) => [
    { key: v.key, value: v.value, type: envType(v), target: ["preview"], gitBranch: previewBranch },
    { key: v.key, value: v.value, type: envType(v), target: ["production"] },
  ]);
  const { failed } = await call({ method: "POST", path: v10Path, query: { upsert: "true" }, body, schema: upsertAnswerSchema });
  if (failed && failed.length > 0) {
    const what = failed.map((f) => `${f.error?.key ?? "?"} (${f.error?.code ?? "failed"})`).join(", ");
    throw new IntegrationError("vercel", "rejected", `POST ${v10Path}: ${failed.length} variables not saved: ${what}`);
  }
}

function envType(v: EnvironmentVariable): "sensitive" | "encrypted" {
  return v.secret ? "sensitive" : "encrypted";
}

// The build output is read to say what broke, never to follow a build: one
// short attempt, the newest events only, each line and the whole bounded.
export const BUILD_OUTPUT_LIMITS = { events: 300, lineChars: 1_000, totalChars: 64_000, timeoutMs: 10_000 };

// GET /v3/deployments/{id}/events answers a JSON array of events (follow=0);
// the text is the event's own `text` or, in the newer shape, `payload.text`.
const buildEventsSchema = z.array(
  z.looseObject({
    type: z.string().optional(),
    text: z.string().nullish(),
    payload: z.looseObject({ text: z.string().nullish() }).nullish(),
  }),
);
const OUTPUT_EVENTS = new Set(["stdout", "stderr", "command", "fatal", "error"]);

async function readBuildOutput(config: VercelConfig, deploymentId: string): Promise<string[]> {
  const limits = BUILD_OUTPUT_LIMITS;
  const events = await vercelRequest(
    { ...config, maxRetries: 0, timeoutMs: Math.min(config.timeoutMs ?? limits.timeoutMs, limits.timeoutMs) },
    {
      path: `/v3/deployments/${encodeURIComponent(deploymentId)}/events`,
      // Newest first: the error is at the end of a failed build.
      query: { follow: 0, direction: "backward", limit: limits.events },
      schema: buildEventsSchema,
    },
  );
  const lines: string[] = [];
  let total = 0;
  for (const event of events.slice(0, limits.events)) {
    if (event.type && !OUTPUT_EVENTS.has(event.type)) continue;
    const text = event.payload?.text ?? event.text;
    if (!text) continue;
    for (const line of text.split(/\r?\n/).reverse()) {
      const kept = line.slice(0, limits.lineChars);
      total += kept.length + 1;
      if (total > limits.totalChars) return lines.reverse();
      lines.push(kept);
    }
  }
  return lines.reverse();
}

// Vercel maps a commit's author to one of its users (by e-mail or a linked
// Git account) and blocks deployments of commits whose author is not on the
// team. The members list can be searched by e-mail; a linked Git account
// that uses another address is not visible here, hence "not_member" is a
// warning, not a verdict.
async function checkCommitAuthor(
  call: <T>(request: VercelRequest<T>) => Promise<T>,
  teamId: string | undefined,
  email: string,
): Promise<CommitAuthorAccess> {
  if (!teamId) return { status: "unknown", detail: "no team configured: only the personal account's owner can deploy, which the API can't check" };
  try {
    const { members } = await call({
      path: `/v3/teams/${encodeURIComponent(teamId)}/members`,
      query: { search: email, limit: 100 },
      schema: z.looseObject({ members: z.array(z.looseObject({ email: z.string().nullish(), confirmed: z.boolean().nullish(), role: z.string().nullish() })) }),
    });
    const member = members.find((m) => m.email?.toLowerCase() === email.toLowerCase());
    if (!member) return { status: "not_member", detail: `no member of team ${teamId} has the e-mail ${email}` };
    if (member.confirmed === false) return { status: "not_member", detail: `${email} is invited to team ${teamId} but not yet confirmed` };
    return { status: "member", detail: `${email} is a member of team ${teamId} (${member.role ?? "role unknown"})` };
  } catch (error) {
    if (!isIntegrationError(error)) throw error;
    return { status: "unknown", detail: `team members could not be read: ${error.message}` };
  }
}

function absolute(host: string): string {
  return /^https?:\/\//.test(host) ? host : `https://${host}`;
}
