// A local HTTP server that answers like GitHub's REST API for the calls the
// GitHub client makes, over a small in-memory git model. Used by the client
// tests and by the benchmark to count requests at the HTTP boundary.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Commit = { tree: string; parents: string[] };
type Repo = { branches: Map<string, string>; commits: Map<string, Commit>; trees: Map<string, string> };
export type RecordedRequest = { method: string; path: string; body: unknown; headers: http.IncomingHttpHeaders };
type Fault = { method: string; path: RegExp; status: number; body?: unknown; headers?: Record<string, string>; times: number };

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export async function startFakeGitHub(options: { login?: string; orgs?: string[] } = {}) {
  const login = options.login ?? "octo";
  const orgs = new Set(options.orgs ?? []);
  const repos = new Map<string, Repo>();
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let mergeAnswer: "merge" | "conflict" | "nothing" = "merge";

  function createRepo(owner: string, name: string): Repo {
    const tree = sha1("tree:README.md");
    const commit = sha1(`init:${owner}/${name}`);
    const repo: Repo = { branches: new Map([["main", commit]]), commits: new Map([[commit, { tree, parents: [] }]]), trees: new Map([[tree, "README.md"]]) };
    repos.set(`${owner}/${name}`, repo);
    return repo;
  }

  function isAncestor(repo: Repo, ancestor: string, of: string): boolean {
    const queue = [of];
    while (queue.length) {
      const sha = queue.shift()!;
      if (sha === ancestor) return true;
      queue.push(...(repo.commits.get(sha)?.parents ?? []));
    }
    return false;
  }

  function route(method: string, path: string, body: Record<string, unknown>): [number, unknown] {
    let m: RegExpMatchArray | null;
    if (method === "POST" && (m = path.match(/^\/orgs\/([^/]+)\/repos$/))) {
      if (!orgs.has(m[1]!)) return [404, { message: "Not Found" }];
      return newRepo(m[1]!, body);
    }
    if (method === "POST" && path === "/user/repos") return newRepo(login, body);
    if (!(m = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)$/))) return [404, { message: "Not Found" }];
    const repo = repos.get(`${m[1]}/${m[2]}`);
    if (!repo) return [404, { message: "Not Found" }];
    const rest = m[3]!;

    if (method === "GET" && (m = rest.match(/^\/branches\/(.+)$/))) {
      const head = repo.branches.get(decodeURIComponent(m[1]!));
      if (!head) return [404, { message: "Branch not found" }];
      return [200, { name: m[1], commit: { sha: head, commit: { tree: { sha: repo.commits.get(head)!.tree } } } }];
    }
    if (method === "POST" && rest === "/git/trees") {
      const entries = (body.tree as { path: string; content?: string; sha?: string | null }[]).map((e) => `${e.path}\0${e.content ?? e.sha}`).sort();
      const sha = sha1(`tree:${entries.join("\n")}`);
      repo.trees.set(sha, entries.join("\n"));
      return [201, { sha, tree: [], truncated: false }];
    }
    if (method === "POST" && rest === "/git/commits") {
      const sha = sha1(`commit:${body.tree}:${JSON.stringify(body.parents)}:${body.message}:${repo.commits.size}`);
      repo.commits.set(sha, { tree: body.tree as string, parents: body.parents as string[] });
      return [201, { sha }];
    }
    if (method === "POST" && rest === "/git/refs") {
      const name = String(body.ref).replace(/^refs\/heads\//, "");
      if (repo.branches.has(name)) return [422, { message: "Reference already exists" }];
      repo.branches.set(name, body.sha as string);
      return [201, { ref: body.ref, object: { sha: body.sha } }];
    }
    if (method === "PATCH" && (m = rest.match(/^\/git\/refs\/(.+)$/))) {
      const name = decodeURIComponent(m[1]!).replace(/^heads\//, "");
      const head = repo.branches.get(name);
      if (!head) return [422, { message: "Reference does not exist" }];
      if (head !== body.sha && !isAncestor(repo, head, body.sha as string)) return [422, { message: "Update is not a fast forward" }];
      repo.branches.set(name, body.sha as string);
      return [200, { ref: `refs/heads/${name}`, object: { sha: body.sha } }];
    }
    if (method === "POST" && rest === "/merges") {
      if (mergeAnswer === "conflict") return [409, { message: "Merge conflict" }];
      if (mergeAnswer === "nothing") return [204, null];
      const base = repo.branches.get(body.base as string)!;
      const sha = sha1(`merge:${base}:${body.head}`);
      repo.commits.set(sha, { tree: repo.commits.get(body.head as string)?.tree ?? "", parents: [base, body.head as string] });
      repo.branches.set(body.base as string, sha);
      return [201, { sha }];
    }
    return [404, { message: "Not Found" }];
  }

  function newRepo(owner: string, body: Record<string, unknown>): [number, unknown] {
    const name = String(body.name);
    if (repos.has(`${owner}/${name}`)) {
      return [422, { message: "Repository creation failed.", errors: [{ resource: "Repository", code: "custom", field: "name", message: "name already exists on this account" }] }];
    }
    createRepo(owner, name);
    return [201, { name, full_name: `${owner}/${name}`, owner: { login: owner }, html_url: `https://github.example/${owner}/${name}`, default_branch: "main", private: true }];
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const body = raw ? JSON.parse(raw) : {};
      requests.push({ method: req.method!, path, body, headers: req.headers });
      const fault = faults.find((f) => f.method === req.method && f.path.test(path) && f.times > 0);
      let status: number;
      let answer: unknown;
      let headers: Record<string, string> = {};
      if (fault) {
        fault.times--;
        [status, answer, headers] = [fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers ?? {}];
      } else {
        [status, answer] = route(req.method!, path, body);
      }
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(status === 204 ? undefined : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    repos,
    createRepo,
    fail: (fault: Omit<Fault, "times"> & { times?: number }) => faults.push({ times: 1, ...fault }),
    answerMerges: (answer: typeof mergeAnswer) => {
      mergeAnswer = answer;
    },
    reset: () => {
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
