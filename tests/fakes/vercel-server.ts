// A local HTTP server that answers like Vercel's REST API as documented in
// ../shared/reference/github-and-vercel.md (§5–§10), strictly:
// - deployments exist only for commits pushed to a repository a project is
//   linked to (`gitPush`, which the GitHub side calls for every push, as the
//   Vercel GitHub app is told), or created through POST /v13/deployments for a
//   commit it has seen pushed; it never invents one for an unknown commit;
// - each deployment goes QUEUED → BUILDING → READY or ERROR as it is polled
//   (GET /v13/deployments/{id}); a commit whose author is not on the team is
//   BLOCKED with a seatBlock; production domains move a few polls after READY;
// - project create (409 on a taken name), get, link, PATCH (no gitRepository)
//   and production-branch routes; the team's members list; a deployment's
//   build log as events (a failed code build names the file and line);
// - project environment variables (§ "Vercel project environment variables"
//   in ../shared/reference/app-settings.md): list, create with ?upsert=true
//   (one object or an array; targets; gitBranch only with the preview target
//   alone; `sensitive` values never listed back and not for development),
//   delete; at most 64 KB of variables per target; a deployment takes the
//   variables that apply to it when it is created (`envOf`);
// - with a team configured, every call must name it (?teamId=), else 403;
// - 429 with Retry-After when asked to.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// What GitHub tells the Vercel GitHub app about one push.
export type GitPush = { owner: string; repo: string; repoId: number; branch: string; sha: string; message: string; authorEmail: string };

type Link = { type: "github"; org: string; repo: string; repoId: number; productionBranch: string; deployHooks: never[] };
export type FakeProject = {
  id: string;
  name: string;
  accountId: string;
  framework: string | null;
  link?: Link;
  ssoProtection: { deploymentType: string } | null;
  createdAt: number;
};
export type FakeDeployment = {
  uid: string;
  projectId: string;
  sha: string;
  branch: string;
  repo: string; // owner/name
  repoId: number;
  message: string;
  target: "production" | null;
  source: "git" | "api";
  createdAt: number;
  reads: number; // status polls so far; the state follows from it
  outcome: "READY" | "ERROR";
  failure?: { errorCode: string; errorMessage: string; log?: string[] };
  blocked?: { blockCode: "COMMIT_AUTHOR_REQUIRED" | "TEAM_ACCESS_REQUIRED" };
  canceled?: boolean;
  // The variables that applied to it when it was created.
  env: Record<string, string>;
};
export type FakeEnvVar = {
  id: string;
  key: string;
  value: string;
  type: "plain" | "encrypted" | "sensitive" | "secret" | "system";
  target: ("production" | "preview" | "development")[];
  gitBranch?: string;
  createdAt: number;
};
type Commit = { sha: string; branch: string; message: string; authorEmail: string; repoId: number };
export type RecordedVercelRequest = { method: string; path: string; query: URLSearchParams; body: unknown; auth?: string };

export type FakeVercelOptions = {
  // When set, every call must carry ?teamId=<teamId> (Vercel answers 403 for a scope the token can't act on).
  teamId?: string;
  // Used in generated host names (<project>-<hash>-<scope>.vercel.example).
  scope?: string;
  // E-mails of the team's confirmed members (GET /v3/teams/{id}/members).
  // Commits by anyone else are BLOCKED. Left out: every author may deploy,
  // and the members list is empty.
  members?: string[];
  // Status polls a deployment spends QUEUED, then BUILDING.
  queuedPolls?: number;
  buildPolls?: number;
  // Production: status polls after READY before its domains move.
  aliasPolls?: number;
  // The production branch a newly linked project starts with (the repo's default branch).
  defaultBranch?: string;
};

const hash = (text: string, length: number) => createHash("sha1").update(text).digest("hex").slice(0, length);
const NAME = /^[a-z0-9._-]{1,100}$/;

export async function startFakeVercel(options: FakeVercelOptions = {}) {
  const scope = options.scope ?? "acme";
  const queuedPolls = options.queuedPolls ?? 1;
  const buildPolls = options.buildPolls ?? 1;
  const aliasPolls = options.aliasPolls ?? 1;
  const projects = new Map<string, FakeProject>();
  const envs = new Map<string, FakeEnvVar[]>(); // by project id
  const deployments: FakeDeployment[] = [];
  const commits = new Map<string, Commit[]>(); // by owner/name, oldest first
  const requests: RecordedVercelRequest[] = [];
  let buildFailure: FakeDeployment["failure"] | undefined;
  // Variables a build needs: one created without them fails as a Stripe client made at module scope does.
  let requiredEnv: string[] = [];
  let integrationPaused = false;
  let throttled: { remaining: number; retryAfterSeconds: number } | undefined;
  let clock = 1_700_000_000_000;
  const tick = () => (clock += 1000);

  const findProject = (idOrName: string) => projects.get(idOrName) ?? [...projects.values()].find((p) => p.name === idOrName);
  const linkedTo = (repo: string) => [...projects.values()].filter((p) => p.link && `${p.link.org}/${p.link.repo}` === repo);
  let members = options.members;
  const mayDeploy = (email: string) => !members || members.some((m) => m.toLowerCase() === email.toLowerCase());

  function createDeployment(project: FakeProject, commit: Commit, repo: string, source: FakeDeployment["source"], target?: "production" | null) {
    const deployment: FakeDeployment = {
      uid: `dpl_${hash(`${project.id}:${commit.sha}:${deployments.length}`, 24)}`,
      projectId: project.id,
      sha: commit.sha,
      branch: commit.branch,
      repo,
      repoId: commit.repoId,
      message: commit.message,
      target: target !== undefined ? target : commit.branch === project.link?.productionBranch ? "production" : null,
      source,
      createdAt: tick(),
      reads: 0,
      outcome: buildFailure ? "ERROR" : "READY",
      failure: buildFailure,
      blocked: mayDeploy(commit.authorEmail) ? undefined : { blockCode: "COMMIT_AUTHOR_REQUIRED" },
      env: {},
    };
    const isProduction = deployment.target === "production";
    for (const v of envs.get(project.id) ?? []) {
      const applies = isProduction ? v.target.includes("production") : v.target.includes("preview") && (!v.gitBranch || v.gitBranch === commit.branch);
      // A branch-specific preview value wins over one for every preview.
      if (applies && (!(v.key in deployment.env) || v.gitBranch)) deployment.env[v.key] = v.value;
    }
    if (!deployment.failure && requiredEnv.some((key) => !deployment.env[key])) {
      deployment.outcome = "ERROR";
      deployment.failure = { errorCode: "BUILD_FAILED", errorMessage: 'Command "npm run build" exited with 1', log: MISSING_KEY_LOG };
    }
    deployments.push(deployment);
    return deployment;
  }

  function stateOf(d: FakeDeployment) {
    if (d.blocked) return { readyState: "BLOCKED", aliasAssigned: null };
    if (d.canceled) return { readyState: "CANCELED", aliasAssigned: null };
    if (d.reads < queuedPolls) return { readyState: "QUEUED", aliasAssigned: null };
    if (d.reads < queuedPolls + buildPolls) return { readyState: "BUILDING", aliasAssigned: null };
    if (d.outcome === "ERROR") return { readyState: "ERROR", aliasAssigned: false };
    // Domains move a moment after the build is ready.
    const moved = d.reads >= queuedPolls + buildPolls + aliasPolls;
    return { readyState: "READY", aliasAssigned: moved ? d.createdAt + 60_000 : null, readySubstate: moved ? "PROMOTED" : "STAGED" };
  }

  function view(d: FakeDeployment) {
    const project = projects.get(d.projectId)!;
    const url = `${project.name}-${hash(d.uid, 9)}-${scope}.vercel.example`;
    // Each project gets its own branch alias, as Vercel names them.
    const branchAlias = `${project.name}-git-${d.branch.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${scope}.vercel.example`;
    const state = stateOf(d);
    const [org, repo] = d.repo.split("/");
    return {
      id: d.uid,
      uid: d.uid,
      name: project.name,
      url,
      projectId: d.projectId,
      created: d.createdAt,
      createdAt: d.createdAt,
      source: d.source === "git" ? "git" : "api",
      target: d.target,
      state: state.readyState,
      ...state,
      alias: d.target === "production" ? [`${project.name}.vercel.example`, branchAlias] : [branchAlias],
      automaticAliases: [branchAlias],
      meta: {
        githubCommitSha: d.sha,
        githubCommitRef: d.branch,
        githubCommitMessage: d.message,
        githubCommitOrg: org,
        githubCommitRepo: repo,
        githubRepoId: String(d.repoId),
        githubDeployment: "1",
        branchAlias,
      },
      gitSource: { type: "github", repoId: d.repoId, ref: d.branch, sha: d.sha },
      ...(d.blocked ? { seatBlock: { blockCode: d.blocked.blockCode } } : {}),
      ...(state.readyState === "ERROR" && d.failure ? { errorCode: d.failure.errorCode, errorMessage: d.failure.errorMessage } : {}),
      inspectorUrl: `https://vercel.example/${scope}/${project.name}/${d.uid}`,
    };
  }

  // The build's log as events (GET /v3/deployments/{id}/events with follow=0):
  // `direction` and `limit` as documented; once the build is over, a failed
  // one ends with the error its failure names.
  function buildEvents(d: FakeDeployment, query: URLSearchParams) {
    const state = stateOf(d).readyState;
    const texts = [`Cloning github.com/${d.repo} (Branch: ${d.branch}, Commit: ${d.sha.slice(0, 7)})`, "Cloning completed: 312.000ms", 'Running "vercel build"'];
    if (state !== "QUEUED") texts.push("Installing dependencies...", ...(d.failure?.log ?? ["added 312 packages in 9s", 'Running "npm run build"', "> next build", "   ✓ Compiled successfully"]));
    if (state === "ERROR" && d.failure) texts.push(`Error: ${d.failure.errorMessage}`);
    let events = texts.map((text, i) => ({
      type: i === 0 ? "command" : state === "ERROR" && i === texts.length - 1 ? "stderr" : "stdout",
      created: d.createdAt + i,
      payload: { deploymentId: d.uid, id: `evt_${hash(`${d.uid}:${i}`, 16)}`, date: d.createdAt + i, serial: String(i), text },
    }));
    if (query.get("direction") === "backward") events = events.reverse();
    const limit = Number(query.get("limit") ?? 100);
    return limit > 0 ? events.slice(0, limit) : events;
  }

  function gitPush(push: GitPush): void {
    const repo = `${push.owner}/${push.repo}`;
    const commit: Commit = { sha: push.sha, branch: push.branch, message: push.message, authorEmail: push.authorEmail, repoId: push.repoId };
    commits.set(repo, [...(commits.get(repo) ?? []), commit]);
    if (integrationPaused) return;
    for (const project of linkedTo(repo)) {
      if (project.link) project.link.repoId = push.repoId;
      createDeployment(project, commit, repo, "git");
    }
  }

  // Values of sensitive variables are never answered; others only with decrypt.
  function envView(v: FakeEnvVar, decrypt = false) {
    const { value, ...rest } = v;
    return { ...rest, configurationId: null, updatedAt: v.createdAt, ...(v.type !== "sensitive" && decrypt ? { value, decrypted: true } : {}) };
  }

  function listEnv(project: FakeProject, query: URLSearchParams): [number, unknown] {
    const branch = query.get("gitBranch");
    const listed = (envs.get(project.id) ?? []).filter((v) => !branch || v.gitBranch === branch);
    return [200, { envs: listed.map((v) => envView(v, query.get("decrypt") === "true")), pagination: { count: listed.length, next: null, prev: null } }];
  }

  const TARGETS = new Set(["production", "preview", "development"]);
  const TYPES = new Set(["plain", "encrypted", "sensitive", "secret", "system"]);
  const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const ENV_LIMIT_BYTES = 64 * 1024;

  function createEnv(project: FakeProject, query: URLSearchParams, rawBody: unknown): [number, unknown] {
    const upsert = query.get("upsert") === "true";
    const items = Array.isArray(rawBody) ? rawBody : [rawBody];
    const bad = (message: string): [number, unknown] => [400, { error: { code: "bad_request", message } }];
    const incoming: Omit<FakeEnvVar, "id" | "createdAt">[] = [];
    for (const item of items as Record<string, unknown>[]) {
      if (typeof item !== "object" || item === null) return bad("Invalid request: body must be an object or an array of objects.");
      const { key, value, type, target, gitBranch } = item;
      if (typeof key !== "string" || !ENV_KEY.test(key)) return bad(`Invalid request: \`key\` "${String(key)}" is not a valid name.`);
      if (typeof value !== "string") return bad("Invalid request: `value` should be string.");
      if (typeof type !== "string" || !TYPES.has(type)) return bad("Invalid request: `type` should be equal to one of the allowed values.");
      const targets = [target].flat();
      if (targets.length === 0 || !targets.every((t) => typeof t === "string" && TARGETS.has(t))) return bad("Invalid request: `target` should be an array of production, preview, development.");
      if (gitBranch !== undefined && (typeof gitBranch !== "string" || targets.length !== 1 || targets[0] !== "preview")) {
        return bad("Invalid request: `gitBranch` can only be set for a variable that targets only preview.");
      }
      if (type === "sensitive" && targets.includes("development")) return bad("Sensitive Environment Variables cannot target development.");
      incoming.push({ key, value, type: type as FakeEnvVar["type"], target: targets as FakeEnvVar["target"], gitBranch: gitBranch as string | undefined });
    }
    let list = [...(envs.get(project.id) ?? [])];
    const created: FakeEnvVar[] = [];
    const failed: unknown[] = [];
    for (const item of incoming) {
      const clash = (v: FakeEnvVar) => v.key === item.key && (v.gitBranch ?? null) === (item.gitBranch ?? null) && v.target.some((t) => item.target.includes(t));
      if (list.some(clash)) {
        if (!upsert) {
          failed.push({ error: { code: "ENV_ALREADY_EXISTS", message: `A variable with the name \`${item.key}\` already exists for the target.`, key: item.key, target: item.target } });
          continue;
        }
        list = list.filter((v) => !clash(v));
      }
      const v: FakeEnvVar = { ...item, id: `env_${hash(`${project.id}:${item.key}:${tick()}`, 16)}`, createdAt: clock };
      list.push(v);
      created.push(v);
    }
    for (const target of ["production", "preview", "development"] as const) {
      const bytes = list.filter((v) => v.target.includes(target)).reduce((sum, v) => sum + Buffer.byteLength(v.key) + Buffer.byteLength(v.value), 0);
      if (bytes > ENV_LIMIT_BYTES) {
        return [400, { error: { code: "env_size_limit_exceeded", message: `The total size of Environment Variables for ${target} exceeds the 64 KB limit.` } }];
      }
    }
    envs.set(project.id, list);
    const views = created.map((v) => envView(v));
    return [201, { created: Array.isArray(rawBody) ? views : views[0], failed }];
  }

  function route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>, rawBody?: unknown): [number, unknown] {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v11/projects") return createProject(body);
    if ((m = path.match(/^\/v3\/teams\/([^/]+)\/members$/)) && method === "GET") {
      if (!options.teamId || decodeURIComponent(m[1]!) !== options.teamId) return notFound("Team not found");
      const search = (query.get("search") ?? "").toLowerCase();
      const listed = (members ?? [])
        .filter((email) => email.toLowerCase().includes(search))
        .map((email, i) => ({ uid: `usr_${hash(email, 12)}`, email, username: email.split("@")[0], role: "MEMBER", confirmed: true, createdAt: 1_600_000_000_000 + i }));
      return [200, { members: listed, pagination: { hasNext: false, count: listed.length, next: null, prev: null } }];
    }
    if ((m = path.match(/^\/v10\/projects\/([^/]+)\/env$/))) {
      const project = findProject(decodeURIComponent(m[1]!));
      if (!project) return notFound("Project not found");
      if (method === "GET") return listEnv(project, query);
      if (method === "POST") return createEnv(project, query, rawBody);
    }
    if ((m = path.match(/^\/v9\/projects\/([^/]+)\/env\/([^/]+)$/)) && method === "DELETE") {
      const project = findProject(decodeURIComponent(m[1]!));
      if (!project) return notFound("Project not found");
      const list = envs.get(project.id) ?? [];
      const found = list.find((v) => v.id === decodeURIComponent(m![2]!));
      if (!found) return notFound("Environment Variable not found");
      envs.set(project.id, list.filter((v) => v !== found));
      return [200, envView(found)];
    }
    if ((m = path.match(/^\/v9\/projects\/([^/]+)(\/[a-z]+)?$/))) {
      const project = findProject(decodeURIComponent(m[1]!));
      if (!project) return notFound("Project not found");
      return projectRoute(method, m[2] ?? "", project, query, body);
    }
    if (method === "GET" && path === "/v7/deployments") return listDeployments(query);
    if (method === "POST" && path === "/v13/deployments") return deployFromGit(body);
    if (method === "GET" && (m = path.match(/^\/v3\/deployments\/([^/]+)\/events$/))) {
      const id = decodeURIComponent(m[1]!);
      const found = deployments.find((d) => d.uid === id || view(d).url === id);
      if (!found) return notFound("Deployment not found");
      return [200, buildEvents(found, query)];
    }
    if (method === "GET" && (m = path.match(/^\/v13\/deployments\/([^/]+)$/))) {
      const id = decodeURIComponent(m[1]!);
      const found = deployments.find((d) => d.uid === id || view(d).url === id);
      if (!found) return notFound("Deployment not found");
      found.reads++;
      return [200, view(found)];
    }
    return notFound(`No route for ${method} ${path}`);
  }

  function createProject(body: Record<string, unknown>): [number, unknown] {
    const name = typeof body.name === "string" ? body.name : "";
    if (!NAME.test(name)) return [400, { error: { code: "bad_request", message: `Invalid project name "${name}"` } }];
    if (findProject(name)) return [409, { error: { code: "conflict", message: `A project with the name "${name}" already exists.` } }];
    const project: FakeProject = {
      id: `prj_${hash(`${name}:${projects.size}`, 20)}`,
      name,
      accountId: options.teamId ?? "user_1",
      framework: typeof body.framework === "string" ? body.framework : null,
      // Vercel Authentication is on for previews unless the request turns it off.
      ssoProtection: "ssoProtection" in body ? (body.ssoProtection as FakeProject["ssoProtection"]) : { deploymentType: "preview" },
      createdAt: tick(),
    };
    const git = body.gitRepository as { type?: string; repo?: string } | undefined;
    if (git) {
      if (git.type !== "github" || !/^[^/]+\/[^/]+$/.test(git.repo ?? "")) return [400, { error: { code: "bad_request", message: "Invalid gitRepository" } }];
      project.link = newLink(git.repo!);
    }
    projects.set(project.id, project);
    return [200, projectView(project)];
  }

  function projectRoute(method: string, sub: string, project: FakeProject, query: URLSearchParams, body: Record<string, unknown>): [number, unknown] {
    if (method === "GET" && sub === "") return [200, projectView(project)];
    if (method === "PATCH" && sub === "") {
      if ("gitRepository" in body) return [400, { error: { code: "bad_request", message: "Invalid request: should NOT have additional property `gitRepository`." } }];
      if ("ssoProtection" in body) project.ssoProtection = body.ssoProtection as FakeProject["ssoProtection"];
      if (typeof body.name === "string") {
        const other = findProject(body.name);
        if (other && other !== project) return [409, { error: { code: "conflict", message: `A project with the name "${body.name}" already exists.` } }];
        project.name = body.name;
      }
      return [200, projectView(project)];
    }
    if (method === "POST" && sub === "/link") {
      if (body.type !== "github" || typeof body.repo !== "string" || !/^[^/]+\/[^/]+$/.test(body.repo)) {
        return [400, { error: { code: "bad_request", message: "Invalid link" } }];
      }
      project.link = newLink(body.repo);
      return [200, projectView(project)];
    }
    if (method === "PATCH" && sub === "/branch") {
      if (!project.link) return [400, { error: { code: "bad_request", message: "Project is not connected to a Git repository" } }];
      if (typeof body.branch !== "string" || body.branch === "") return [400, { error: { code: "bad_request", message: "Invalid branch" } }];
      project.link.productionBranch = body.branch;
      return [200, projectView(project)];
    }
    if (method === "GET" && sub === "/domains") {
      // The default domain exists once something was deployed to production.
      const live = query.get("production") !== "true" || deployments.some((d) => d.projectId === project.id && d.target === "production");
      const domains = live ? [{ name: `${project.name}.vercel.example`, verified: true, projectId: project.id }] : [];
      return [200, { domains, pagination: { count: domains.length, next: null, prev: null } }];
    }
    return notFound(`No route for ${method} /v9/projects/${project.id}${sub}`);
  }

  function listDeployments(query: URLSearchParams): [number, unknown] {
    const projectId = query.get("projectId");
    const project = projectId ? findProject(projectId) : undefined;
    if (projectId && !project) return notFound("Project not found");
    const sha = query.get("sha");
    const branch = query.get("branch");
    const target = query.get("target");
    const limit = Number(query.get("limit") ?? 20);
    const listed = deployments
      .filter((d) => (!project || d.projectId === project.id) && (!sha || d.sha === sha) && (!branch || d.branch === branch))
      .filter((d) => !target || (target === "production" ? d.target === "production" : d.target === null))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map(view);
    return [200, { deployments: listed, pagination: { count: listed.length, next: null, prev: null } }];
  }

  function deployFromGit(body: Record<string, unknown>): [number, unknown] {
    const project = findProject(String(body.project ?? body.name ?? ""));
    if (!project) return notFound("Project not found");
    const source = body.gitSource as { type?: string; org?: string; repo?: string; repoId?: number; ref?: string; sha?: string } | undefined;
    if (!source || source.type !== "github" || !source.ref) return [400, { error: { code: "bad_request", message: "Invalid gitSource" } }];
    const repo = source.org && source.repo ? `${source.org}/${source.repo}` : [...commits.entries()].find(([, list]) => list[0]?.repoId === source.repoId)?.[0];
    const known = repo ? (commits.get(repo) ?? []) : [];
    const commit = source.sha ? known.find((c) => c.sha === source.sha) : known.filter((c) => c.branch === source.ref).at(-1);
    if (!repo || !commit) {
      return [400, { error: { code: "incorrect_git_source_info", message: "The provided GitHub repository does not contain the requested branch or commit reference. Please ensure the repository is not empty." } }];
    }
    const target = body.target === "production" ? "production" : null;
    const deployment = createDeployment(project, { ...commit, branch: source.ref }, repo, "api", target);
    return [200, view(deployment)];
  }

  function newLink(fullName: string): Link {
    const [org, repo] = fullName.split("/") as [string, string];
    const pushed = commits.get(fullName)?.[0]?.repoId;
    return { type: "github", org, repo, repoId: pushed ?? parseInt(hash(fullName, 6), 16), productionBranch: options.defaultBranch ?? "main", deployHooks: [] };
  }

  function projectView(p: FakeProject) {
    return { ...p, targets: {}, latestDeployments: [], alias: [] };
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const method = req.method ?? "GET";
      let body: Record<string, unknown> = {};
      let parsed: unknown;
      try {
        parsed = raw ? JSON.parse(raw) : undefined;
        body = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      } catch {
        return send(res, 400, { error: { code: "bad_request", message: "Invalid JSON" } });
      }
      requests.push({ method, path: url.pathname, query: url.searchParams, body: parsed, auth: req.headers.authorization });
      if (throttled && throttled.remaining > 0) {
        throttled.remaining--;
        return send(res, 429, { error: { code: "rate_limited", message: "Rate limit exceeded" } }, { "retry-after": String(throttled.retryAfterSeconds), "x-ratelimit-remaining": "0" });
      }
      if (!/^Bearer \S+$/.test(req.headers.authorization ?? "")) return send(res, 403, { error: { code: "forbidden", message: "Not authorized" } });
      if (options.teamId && url.searchParams.get("teamId") !== options.teamId) {
        return send(res, 403, { error: { code: "forbidden", message: "You don't have permission to access this scope" } });
      }
      const [status, answer] = route(method, url.pathname, url.searchParams, body, parsed);
      send(res, status, answer, { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "99" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    projects,
    deployments,
    gitPush,
    envs,
    // The variables a deployment was created with.
    envOf: (uid: string) => deployments.find((d) => d.uid === uid)?.env,
    // Builds that start from now on fail, as the app's code or install would.
    failBuilds: (failure: "code" | "install" | null = "code") => {
      buildFailure =
        failure === "install"
          ? { errorCode: "BUILD_FAILED", errorMessage: 'Command "npm install" exited with 1' }
          : failure === "code"
            ? { errorCode: "BUILD_FAILED", errorMessage: 'Command "npm run build" exited with 1', log: CODE_ERROR_LOG }
            : undefined;
    },
    // Builds created from now on fail unless these variables apply to them.
    requireEnv: (keys: string[]) => {
      requiredEnv = keys;
    },
    // The team's members from now on (pushes already turned into deployments keep their verdict).
    setMembers: (emails: string[] | undefined) => {
      members = emails;
    },
    cancel: (uid: string) => {
      const found = deployments.find((d) => d.uid === uid);
      if (found) found.canceled = true;
    },
    // Pushes still arrive (their commits become known) but make no deployment,
    // as when the GitHub app misses a delivery: the caller must create one.
    pauseGitIntegration: (paused = true) => {
      integrationPaused = paused;
    },
    // The next `times` requests are answered 429 with Retry-After.
    rateLimit: (times: number, retryAfterSeconds = 1) => {
      throttled = { remaining: times, retryAfterSeconds };
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// What `next build` prints for a type error in the app's code, as Vercel shows it.
export const CODE_ERROR_LOG = [
  "added 312 packages in 9s",
  'Running "npm run build"',
  "> next build",
  "   Creating an optimized production build ...",
  "Failed to compile.",
  "./app/page.tsx:12:7",
  "Type error: Cannot find name 'Hero'.",
  "  11 |   return (",
  '> 12 |     <Hero title="Fresh bread" />',
  "     |      ^",
  "  13 |   );",
  "    at /vercel/path0/node_modules/next/dist/build/type-check.js:92:19",
  "Next.js build worker exited with code: 1 and signal: null",
];

// What `next build` prints when a module creates a Stripe client with no key.
export const MISSING_KEY_LOG = [
  "added 312 packages in 9s",
  'Running "npm run build"',
  "> next build",
  "   ✓ Compiled successfully",
  "   Collecting page data ...",
  "Error: Failed to collect page data for /admin/stripe-links",
  "    at ignore-listed frames {",
  "  [cause]: Error: Neither apiKey nor config.authenticator provided",
  "      at r._setAuthenticator (.next/server/chunks/611.js:1:2345)",
  "}",
  "> Build error occurred",
  "[Error: Failed to collect page data for /admin/stripe-links] { type: 'Error' }",
];

function notFound(message: string): [number, unknown] {
  return [404, { error: { code: "not_found", message } }];
}

function send(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
}
