import "server-only";

import { spawn } from "node:child_process";

// path inside the repo → file content, as committed (binary files included).
export type CommitFiles = Map<string, Buffer>;

// Generated apps are a few dozen small files; these only keep a runaway
// commit from filling memory.
const MAX_FILES = 5_000;
const MAX_BYTES = 64 * 1024 * 1024;

// Reads every file of a commit straight from a bare repository with git's
// plumbing (ls-tree for the list, one cat-file --batch for all contents),
// the way Vercel clones the pushed commit before building it.
export async function readCommitFiles(gitDir: string, sha: string): Promise<CommitFiles> {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) throw new Error(`not a commit id: ${sha}`);
  const listing = (await git(gitDir, ["ls-tree", "-r", "-z", "--full-tree", sha])).toString("utf8");
  const entries: { path: string; oid: string }[] = [];
  for (const record of listing.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode, type, oid] = record.slice(0, tab).split(" ");
    const filePath = record.slice(tab + 1);
    // Regular files only: symlinks could point anywhere once written out,
    // and submodules have no content here.
    if (type !== "blob" || (mode !== "100644" && mode !== "100755") || !oid || !isSafePath(filePath)) continue;
    entries.push({ path: filePath, oid });
  }
  if (entries.length > MAX_FILES) throw new Error(`the commit has ${entries.length} files; previews build at most ${MAX_FILES}`);

  const batch = await git(gitDir, ["cat-file", "--batch"], entries.map((e) => `${e.oid}\n`).join(""));
  const files: CommitFiles = new Map();
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = batch.indexOf(0x0a, offset);
    const [oid, type, size] = batch.subarray(offset, headerEnd).toString("utf8").split(" ");
    if (oid !== entry.oid || type !== "blob") throw new Error(`git cat-file answered ${oid} ${type} for ${entry.path}`);
    const start = headerEnd + 1;
    const end = start + Number(size);
    files.set(entry.path, batch.subarray(start, end));
    offset = end + 1; // contents are followed by a newline
  }
  return files;
}

// Paths are written below a build directory: nothing absolute, no "..", no
// .git, nothing a file system would read differently.
function isSafePath(filePath: string): boolean {
  if (!filePath || filePath.length > 300 || filePath.startsWith("/") || /[\\\0:]/.test(filePath)) return false;
  return filePath.split("/").every((part) => part !== "" && part !== "." && part !== ".." && part.toLowerCase() !== ".git");
}

// git with no user or system configuration, arguments as an array (no
// shell), and binary-safe output.
function git(gitDir: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["--git-dir", gitDir, ...args], {
      // Not the app's environment: git gets only what it needs (the type
      // insists on NODE_ENV, which git doesn't read).
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" } as unknown as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BYTES) child.kill();
      else out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      if (size > MAX_BYTES) reject(new Error(`the commit is larger than ${MAX_BYTES / 1024 / 1024} MB`));
      else if (code !== 0) reject(new Error(`git ${args[0]} failed (${code}): ${stderr.trim()}`));
      else resolve(Buffer.concat(out));
    });
    // git exiting before it read its input shows up as its exit code; the
    // failed write to its closed stdin says nothing more.
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });
}
