// A local HTTP server that answers like GitHub's REST API for the calls the
// GitHub client makes (../shared/reference/github-and-vercel.md), over an
// in-memory git object store with real git object ids: blobs hash like `git
// hash-object`, trees like `git write-tree`. Repositories created without
// auto_init are empty and refuse git-data calls with 409; trees honour
// base_tree; merges are computed from file content; every answer carries
// rate-limit headers. Every ref creation or update is reported to `onPush`,
// as GitHub reports pushes to the Vercel GitHub app.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeGitHubPush = { owner: string; repo: string; repoId: number; branch: string; sha: string; message: string; authorEmail: string };
type Person = { name: string; email: string; date: string };
type Commit = { tree: string; parents: string[]; message: string; author: Person; committer: Person };
type Entry = { mode: string; type: "blob" | "tree"; sha: string };
type Repo = {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  trees: Map<string, Map<string, Entry>>;
  blobs: Map<string, Buffer>;
};
export type RecordedRequest = { method: string; path: string; query: URLSearchParams; body: unknown; headers: http.IncomingHttpHeaders };
type Fault = { method: string; path: RegExp; status: number; body?: unknown; headers?: Record<string, string>; times: number };
type Answer = [status: number, body: unknown];
type Interception = { method: string; path: RegExp; run: () => void };

const EMPTY: Answer = [409, { message: "Git Repository is empty.", documentation_url: "https://docs.github.com/rest/git" }];
const FILE_MODES = new Set(["100644", "100755", "120000"]);
const RATE_LIMIT = 5000;

const sha1 = (...parts: (string | Buffer)[]) => {
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
};
const notFound = (message = "Not Found"): Answer => [404, { message, documentation_url: "https://docs.github.com/rest" }];
const invalid = (message: string): Answer => [422, { message, documentation_url: "https://docs.github.com/rest" }];

export async function startFakeGitHub(
  options: { login?: string; email?: string; orgs?: string[]; onPush?: (push: FakeGitHubPush) => void } = {},
) {
  const login = options.login ?? "octo";
  // The token's own user: GitHub makes it the author of merge commits.
  const me = { name: login, email: options.email ?? `${login}@users.noreply.github.example` };
  const orgs = new Set(options.orgs ?? []);
  const repos = new Map<string, Repo>();
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const interceptions: Interception[] = [];
  let nextRepoId = 1000;
  let used = 0;
  const resetAt = Math.floor(Date.now() / 1000) + 3600;

  // ---- the git object store --------------------------------------------

  function writeBlob(repo: Repo, bytes: Buffer): string {
    const sha = sha1(`blob ${bytes.byteLength}\0`, bytes);
    repo.blobs.set(sha, bytes);
    return sha;
  }

  // One tree object, hashed as git does (directories sort as "name/").
  function writeTreeObject(repo: Repo, entries: Map<string, Entry>): string {
    const key = (name: string, e: Entry) => (e.type === "tree" ? `${name}/` : name);
    const sorted = [...entries].sort(([a, ea], [b, eb]) => (key(a, ea) < key(b, eb) ? -1 : 1));
    const body = Buffer.concat(
      sorted.flatMap(([name, e]) => [Buffer.from(`${e.type === "tree" ? "40000" : e.mode} ${name}\0`), Buffer.from(e.sha, "hex")]),
    );
    const sha = sha1(`tree ${body.byteLength}\0`, body);
    repo.trees.set(sha, entries);
    return sha;
  }

  // path → file entry, for every file under a tree.
  function flatten(repo: Repo, tree: string, prefix = "", into = new Map<string, Entry>()): Map<string, Entry> {
    for (const [name, entry] of repo.trees.get(tree) ?? []) {
      if (entry.type === "tree") flatten(repo, entry.sha, `${prefix}${name}/`, into);
      else into.set(`${prefix}${name}`, entry);
    }
    return into;
  }

  function buildTree(repo: Repo, files: Map<string, Entry>): string {
    const root = new Map<string, Entry | Map<string, unknown>>();
    for (const [path, entry] of files) {
      const parts = path.split("/");
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        if (!(dir.get(part) instanceof Map)) dir.set(part, new Map());
        dir = dir.get(part) as typeof root;
      }
      dir.set(parts.at(-1)!, entry);
    }
    const write = (dir: typeof root): string =>
      writeTreeObject(
        repo,
        new Map([...dir].map(([name, value]) => [name, value instanceof Map ? { mode: "040000", type: "tree", sha: write(value as typeof root) } : value])),
      );
    return write(root);
  }

  function writeCommit(repo: Repo, commit: Commit): string {
    const stamp = (p: Person) => `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
    const text = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`), `author ${stamp(commit.author)}`, `committer ${stamp(commit.committer)}`, "", commit.message].join("\n");
    const sha = sha1(`commit ${Buffer.byteLength(text)}\0`, text);
    repo.commits.set(sha, commit);
    return sha;
  }

  function ancestors(repo: Repo, of: string): Set<string> {
    const seen = new Set<string>();
    const queue = [of];
    while (queue.length) {
      const sha = queue.shift()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(repo.commits.get(sha)?.parents ?? []));
    }
    return seen;
  }

  function mergeBase(repo: Repo, a: string, b: string): string | undefined {
    const ofA = ancestors(repo, a);
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length) {
      const sha = queue.shift()!;
      if (ofA.has(sha)) return sha;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(repo.commits.get(sha)?.parents ?? []));
    }
    return undefined;
  }

  function moveBranch(repo: Repo, branch: string, sha: string): void {
    repo.branches.set(branch, sha);
    const commit = repo.commits.get(sha)!;
    options.onPush?.({ owner: repo.owner, repo: repo.name, repoId: repo.id, branch, sha, message: commit.message, authorEmail: commit.author.email });
  }

  const person = (value: unknown, fallback: { name: string; email: string }): Person => {
    const p = (value ?? {}) as Partial<Person>;
    return { name: p.name ?? fallback.name, email: p.email ?? fallback.email, date: p.date ?? new Date().toISOString() };
  };

  function createRepo(owner: string, name: string, { autoInit = true }: { autoInit?: boolean } = {}): Repo {
    const repo: Repo = { id: nextRepoId++, owner, name, defaultBranch: "main", branches: new Map(), commits: new Map(), trees: new Map(), blobs: new Map() };
    repos.set(`${owner}/${name}`, repo);
    if (autoInit) {
      const readme = writeBlob(repo, Buffer.from(`# ${name}\n`));
      const tree = buildTree(repo, new Map([["README.md", { mode: "100644", type: "blob", sha: readme }]]));
      const now = person(undefined, me);
      repo.branches.set("main", writeCommit(repo, { tree, parents: [], message: "Initial commit", author: now, committer: now }));
    }
    return repo;
  }

  // ---- routes --------------------------------------------------------------

  function route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): Answer {
    let m: RegExpMatchArray | null;
    if (method === "POST" && (m = path.match(/^\/orgs\/([^/]+)\/repos$/))) {
      if (!orgs.has(decodeURIComponent(m[1]!))) return notFound();
      return newRepo(decodeURIComponent(m[1]!), body);
    }
    if (method === "POST" && path === "/user/repos") return newRepo(login, body);
    if (!(m = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/))) return notFound();
    const repo = repos.get(`${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`);
    if (!repo) return notFound();
    const rest = m[3] ?? "";
    const empty = repo.branches.size === 0;

    if (method === "GET" && rest === "") return [200, repoView(repo)];
    if (method === "GET" && (m = rest.match(/^\/branches\/(.+)$/))) {
      const name = decodeURIComponent(m[1]!);
      const head = repo.branches.get(name);
      if (!head) return notFound("Branch not found");
      const commit = repo.commits.get(head)!;
      return [200, { name, commit: { sha: head, commit: { message: commit.message, tree: { sha: commit.tree }, author: commit.author }, parents: commit.parents.map((sha) => ({ sha })) } }];
    }
    if (method === "PUT" && (m = rest.match(/^\/contents\/(.+)$/))) return putContents(repo, decodeURIComponent(m[1]!), body);
    if (method === "POST" && rest === "/merges") return merge(repo, body);
    if (!rest.startsWith("/git/")) return notFound();
    // Git database calls: an empty repository has nothing to read or build on.
    if (empty) return EMPTY;

    if (method === "POST" && rest === "/git/blobs") {
      if (typeof body.content !== "string") return invalid('Invalid request.\n\n"content" wasn\'t supplied.');
      const encoding = body.encoding ?? "utf-8";
      if (encoding !== "utf-8" && encoding !== "base64") return invalid(`encoding ${String(encoding)} is not supported`);
      const sha = writeBlob(repo, Buffer.from(body.content, encoding === "base64" ? "base64" : "utf8"));
      return [201, { sha, url: `${apiUrl}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}` }];
    }
    if (method === "POST" && rest === "/git/trees") return createTree(repo, body);
    if (method === "GET" && (m = rest.match(/^\/git\/trees\/(.+)$/))) {
      const wanted = decodeURIComponent(m[1]!);
      const tree = repo.trees.has(wanted) ? wanted : repo.commits.get(repo.branches.get(wanted) ?? wanted)?.tree;
      if (!tree) return notFound();
      return [200, { sha: tree, truncated: false, tree: listTree(repo, tree, query.has("recursive")) }];
    }
    if (method === "POST" && rest === "/git/commits") {
      if (typeof body.message !== "string") return invalid('Invalid request.\n\n"message" wasn\'t supplied.');
      if (typeof body.tree !== "string" || !repo.trees.has(body.tree)) return invalid("Tree SHA does not exist");
      const parents = (body.parents ?? []) as string[];
      if (!Array.isArray(parents) || parents.some((p) => !repo.commits.has(p))) return invalid("Parent SHA does not exist or is not a commit object");
      const author = person(body.author, me);
      const commit = { tree: body.tree, parents, message: body.message, author, committer: person(body.committer, author) };
      const sha = writeCommit(repo, commit);
      return [201, commitView(repo, sha)];
    }
    if (method === "GET" && (m = rest.match(/^\/git\/commits\/([0-9a-f]{40})$/))) {
      return repo.commits.has(m[1]!) ? [200, commitView(repo, m[1]!)] : notFound(`No commit found for SHA: ${m[1]}`);
    }
    if (method === "GET" && (m = rest.match(/^\/git\/ref\/(.+)$/))) {
      const name = decodeURIComponent(m[1]!).replace(/^heads\//, "");
      const head = repo.branches.get(name);
      return head ? [200, refView(name, head)] : notFound();
    }
    if (method === "POST" && rest === "/git/refs") {
      const ref = String(body.ref ?? "");
      if (!/^refs\/[^/]+\/.+/.test(ref)) return invalid("Reference name is invalid");
      if (!ref.startsWith("refs/heads/")) return invalid("Only branches are supported by this server");
      if (typeof body.sha !== "string" || !repo.commits.has(body.sha)) return invalid("Object does not exist");
      const name = ref.slice("refs/heads/".length);
      if (repo.branches.has(name)) return invalid("Reference already exists");
      moveBranch(repo, name, body.sha);
      return [201, refView(name, body.sha)];
    }
    if (method === "PATCH" && (m = rest.match(/^\/git\/refs\/(.+)$/))) {
      const name = decodeURIComponent(m[1]!).replace(/^(refs\/)?heads\//, "");
      const head = repo.branches.get(name);
      if (!head) return invalid("Reference does not exist");
      if (typeof body.sha !== "string" || !repo.commits.has(body.sha)) return invalid("Object does not exist");
      if (body.force !== true && !ancestors(repo, body.sha).has(head)) return invalid("Update is not a fast forward");
      if (head !== body.sha) moveBranch(repo, name, body.sha);
      return [200, refView(name, body.sha)];
    }
    return notFound();
  }

  function newRepo(owner: string, body: Record<string, unknown>): Answer {
    const name = String(body.name ?? "");
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) return invalid("Repository creation failed.");
    if (repos.has(`${owner}/${name}`)) {
      return [422, { message: "Repository creation failed.", errors: [{ resource: "Repository", code: "custom", field: "name", message: "name already exists on this account" }] }];
    }
    // GitHub's default: without auto_init the repository has no commit at all.
    return [201, repoView(createRepo(owner, name, { autoInit: body.auto_init === true }))];
  }

  function createTree(repo: Repo, body: Record<string, unknown>): Answer {
    if (!Array.isArray(body.tree)) return invalid('Invalid request.\n\n"tree" wasn\'t supplied.');
    let files = new Map<string, Entry>();
    if (body.base_tree !== undefined) {
      if (typeof body.base_tree !== "string" || !repo.trees.has(body.base_tree)) return invalid("Invalid tree info");
      files = flatten(repo, body.base_tree);
    }
    for (const raw of body.tree as Record<string, unknown>[]) {
      const path = raw.path;
      if (typeof path !== "string" || path === "" || path.startsWith("/") || path.split("/").some((p) => p === "" || p === "." || p === ".." || p === ".git")) {
        return invalid(`tree.path ${JSON.stringify(path)} is invalid`);
      }
      if (!FILE_MODES.has(String(raw.mode)) || raw.type !== "blob") return invalid(`tree.mode/type for ${path} is not a file`);
      const hasContent = typeof raw.content === "string";
      if (hasContent && raw.sha !== undefined) return invalid("Must supply either tree.sha or tree.content, not both");
      if (raw.sha === null) {
        if (!files.has(path)) return invalid("GitRPC::BadObjectState");
        files.delete(path);
        continue;
      }
      let sha: string;
      if (hasContent) sha = writeBlob(repo, Buffer.from(raw.content as string, "utf8"));
      else if (typeof raw.sha === "string" && repo.blobs.has(raw.sha)) sha = raw.sha;
      else return invalid(`tree.sha ${String(raw.sha)} is not a valid blob`);
      // A file replaces a directory of the same name and the other way round, as in git.
      for (const existing of [...files.keys()]) if (existing.startsWith(`${path}/`) || path.startsWith(`${existing}/`)) files.delete(existing);
      files.set(path, { mode: String(raw.mode), type: "blob", sha });
    }
    const sha = buildTree(repo, files);
    return [201, { sha, url: `${apiUrl}/repos/${repo.owner}/${repo.name}/git/trees/${sha}`, truncated: false, tree: listTree(repo, sha, false) }];
  }

  function listTree(repo: Repo, tree: string, recursive: boolean, prefix = ""): object[] {
    return [...(repo.trees.get(tree) ?? [])].flatMap(([name, e]) => {
      const view = { path: `${prefix}${name}`, mode: e.mode, type: e.type, sha: e.sha, ...(e.type === "blob" ? { size: repo.blobs.get(e.sha)!.byteLength } : {}) };
      return recursive && e.type === "tree" ? [view, ...listTree(repo, e.sha, true, `${prefix}${name}/`)] : [view];
    });
  }

  // The Contents API is the only way to write a first commit into an empty
  // repository: it creates the default branch.
  function putContents(repo: Repo, path: string, body: Record<string, unknown>): Answer {
    if (typeof body.message !== "string") return invalid('Invalid request.\n\n"message" wasn\'t supplied.');
    if (typeof body.content !== "string") return invalid('Invalid request.\n\n"content" wasn\'t supplied.');
    const branch = typeof body.branch === "string" ? body.branch : repo.defaultBranch;
    const head = repo.branches.get(branch);
    if (!head && repo.branches.size > 0) return notFound(`No commit found for the ref ${branch}`);
    const files = head ? flatten(repo, repo.commits.get(head)!.tree) : new Map<string, Entry>();
    const existing = files.get(path);
    if (existing && body.sha !== existing.sha) return invalid(body.sha === undefined ? 'Invalid request.\n\n"sha" wasn\'t supplied.' : `${path} does not match ${String(body.sha)}`);
    const blob = writeBlob(repo, Buffer.from(body.content, "base64"));
    files.set(path, { mode: "100644", type: "blob", sha: blob });
    const author = person(body.author ?? body.committer, me);
    const sha = writeCommit(repo, { tree: buildTree(repo, files), parents: head ? [head] : [], message: body.message, author, committer: person(body.committer, author) });
    moveBranch(repo, branch, sha);
    return [existing ? 200 : 201, { content: { path, sha: blob }, commit: commitView(repo, sha) }];
  }

  // A merge commit from a three-way comparison of the files: a file changed
  // on both sides since the merge base, differently, is a conflict. (GitHub
  // merges line by line, so it conflicts on fewer edits than this does.)
  function merge(repo: Repo, body: Record<string, unknown>): Answer {
    if (typeof body.base !== "string" || typeof body.head !== "string") return invalid('Invalid request.\n\n"base" and "head" are required.');
    const base = repo.branches.get(body.base);
    if (!base) return notFound("Base does not exist");
    const head = repo.branches.get(body.head) ?? (repo.commits.has(body.head) ? body.head : undefined);
    if (!head) return notFound("Head does not exist");
    if (ancestors(repo, base).has(head)) return [204, null];
    const ancestor = mergeBase(repo, base, head);
    const files = (sha: string | undefined) => (sha ? flatten(repo, repo.commits.get(sha)!.tree) : new Map<string, Entry>());
    const [was, ours, theirs] = [files(ancestor), files(base), files(head)];
    const merged = new Map<string, Entry>();
    for (const path of new Set([...was.keys(), ...ours.keys(), ...theirs.keys()])) {
      const [b, o, t] = [was.get(path)?.sha, ours.get(path)?.sha, theirs.get(path)?.sha];
      const pick = o === t || t === b ? ours.get(path) : o === b ? theirs.get(path) : "conflict";
      if (pick === "conflict") return [409, { message: "Merge conflict", documentation_url: "https://docs.github.com/rest/branches/branches#merge-a-branch" }];
      if (pick) merged.set(path, pick);
    }
    const message = typeof body.commit_message === "string" ? body.commit_message : `Merge ${body.head} into ${body.base}`;
    const now = person(undefined, me);
    const sha = writeCommit(repo, { tree: buildTree(repo, merged), parents: [base, head], message, author: now, committer: now });
    moveBranch(repo, body.base, sha);
    return [201, commitView(repo, sha)];
  }

  const repoView = (repo: Repo) => ({
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner },
    html_url: `https://github.example/${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
    private: true,
    size: repo.branches.size === 0 ? 0 : 1,
  });
  const refView = (name: string, sha: string) => ({ ref: `refs/heads/${name}`, object: { sha, type: "commit" } });
  const commitView = (repo: Repo, sha: string) => {
    const c = repo.commits.get(sha)!;
    return { sha, tree: { sha: c.tree }, parents: c.parents.map((p) => ({ sha: p })), message: c.message, author: c.author, committer: c.committer, html_url: `https://github.example/${repo.owner}/${repo.name}/commit/${sha}` };
  };

  // ---- HTTP ------------------------------------------------------------------

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      let parsed = true;
      try {
        if (raw) body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        parsed = false;
      }
      requests.push({ method: req.method!, path: url.pathname, query: url.searchParams, body, headers: req.headers });
      used++;
      // Something happens on GitHub just before this request arrives (e.g.
      // someone else pushes), once.
      const interception = interceptions.findIndex((i) => i.method === req.method && i.path.test(url.pathname));
      if (interception >= 0) interceptions.splice(interception, 1)[0]!.run();
      const fault = faults.find((f) => f.method === req.method && f.path.test(url.pathname) && f.times > 0);
      let status: number;
      let answer: unknown;
      let extra: Record<string, string> = {};
      if (fault) {
        fault.times--;
        [status, answer, extra] = [fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers ?? {}];
      } else if (!parsed) {
        [status, answer] = [400, { message: "Problems parsing JSON" }];
      } else {
        [status, answer] = route(req.method!, url.pathname, url.searchParams, body);
      }
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "x-ratelimit-limit": String(RATE_LIMIT),
        "x-ratelimit-remaining": String(Math.max(0, RATE_LIMIT - used)),
        "x-ratelimit-reset": String(resetAt),
        "x-ratelimit-used": String(used),
        "x-ratelimit-resource": "core",
        ...extra,
      });
      res.end(status === 204 ? undefined : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const mustGet = (owner: string, name: string) => {
    const repo = repos.get(`${owner}/${name}`);
    if (!repo) throw new Error(`no repository ${owner}/${name}`);
    return repo;
  };

  return {
    url: apiUrl,
    requests,
    repos,
    createRepo,
    // The files on a branch (or at a commit), as bytes.
    filesAt(owner: string, name: string, ref: string): Map<string, Buffer> {
      const repo = mustGet(owner, name);
      const commit = repo.commits.get(repo.branches.get(ref) ?? ref);
      if (!commit) throw new Error(`no ref ${ref} in ${owner}/${name}`);
      return new Map([...flatten(repo, commit.tree)].map(([path, e]) => [path, repo.blobs.get(e.sha)!]));
    },
    // Someone else pushes to a branch: `null` deletes a file.
    push(owner: string, name: string, branch: string, changes: Record<string, string | Uint8Array | null>, who = { name: "Someone", email: "someone@example.com" }): string {
      const repo = mustGet(owner, name);
      const head = repo.branches.get(branch);
      const files = head ? flatten(repo, repo.commits.get(head)!.tree) : new Map<string, Entry>();
      for (const [path, content] of Object.entries(changes)) {
        if (content === null) files.delete(path);
        else files.set(path, { mode: "100644", type: "blob", sha: writeBlob(repo, Buffer.from(content)) });
      }
      const at = person(undefined, who);
      const sha = writeCommit(repo, { tree: buildTree(repo, files), parents: head ? [head] : [], message: "Outside change", author: at, committer: at });
      moveBranch(repo, branch, sha);
      return sha;
    },
    fail: (fault: Omit<Fault, "times"> & { times?: number }) => faults.push({ times: 1, ...fault }),
    before: (method: string, path: RegExp, run: () => void) => interceptions.push({ method, path, run }),
    reset: () => {
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;
