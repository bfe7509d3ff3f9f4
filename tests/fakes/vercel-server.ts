// A local HTTP server that answers like Vercel's REST API: projects, and a
// deployment per commit as its Git integration would create (built after a
// configurable number of polls, or failed).
import http from "node:http";
import type { AddressInfo } from "node:net";

type FakeDeployment = { uid: string; sha: string; branch: string; polls: number; target: string | null };

export async function startFakeVercel(options: { buildPolls?: number } = {}) {
  const projects = new Map<string, { id: string; name: string; link: { org: string; repo: string; productionBranch: string }; ssoProtection: null }>();
  const deployments: FakeDeployment[] = [];
  const requests: { method: string; path: string; query: URLSearchParams }[] = [];
  let outcome: "READY" | "ERROR" = "READY";

  const view = (d: FakeDeployment) => ({
    id: d.uid,
    uid: d.uid,
    url: `${d.uid}.vercel.example`,
    readyState: d.polls >= (options.buildPolls ?? 1) ? outcome : "BUILDING",
    target: d.target,
    aliasAssigned: true,
    meta: { githubCommitSha: d.sha, githubCommitRef: d.branch, branchAlias: `app-git-${d.branch}.vercel.example` },
  });

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url!, "http://x");
      requests.push({ method: req.method!, path: url.pathname, query: url.searchParams });
      const body = raw ? JSON.parse(raw) : {};
      const send = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      let m: RegExpMatchArray | null;
      if (req.method === "POST" && url.pathname === "/v11/projects") {
        if ([...projects.values()].some((p) => p.name === body.name)) return send(409, { error: { code: "conflict", message: "exists" } });
        const [org, repo] = String(body.gitRepository.repo).split("/");
        const project = { id: `prj_${projects.size + 1}`, name: body.name, link: { org: org!, repo: repo!, productionBranch: "main" }, ssoProtection: null };
        projects.set(project.id, project);
        return send(200, project);
      }
      if (req.method === "GET" && url.pathname === "/v7/deployments") {
        const sha = url.searchParams.get("sha")!;
        const branch = url.searchParams.get("branch")!;
        // The Git integration noticed the push: one deployment per commit.
        let found = deployments.find((d) => d.sha === sha && d.branch === branch);
        if (!found) {
          found = { uid: `dpl_${deployments.length + 1}`, sha, branch, polls: 0, target: branch === "main" ? "production" : null };
          deployments.push(found);
        }
        return send(200, { deployments: [view(found)], pagination: {} });
      }
      if (req.method === "GET" && (m = url.pathname.match(/^\/v13\/deployments\/(.+)$/))) {
        const found = deployments.find((d) => d.uid === m![1]);
        if (!found) return send(404, { error: { code: "not_found", message: "no" } });
        found.polls++;
        return send(200, view(found));
      }
      if (req.method === "GET" && (m = url.pathname.match(/^\/v9\/projects\/([^/]+)\/domains$/))) {
        const project = projects.get(m[1]!);
        return send(200, { domains: project ? [{ name: `${project.name}.vercel.example` }] : [] });
      }
      return send(404, { error: { code: "not_found", message: url.pathname } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    deployments,
    failBuilds: () => {
      outcome = "ERROR";
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
