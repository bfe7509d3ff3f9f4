import "server-only";

import { gitBytes } from "@/lib/embedded/git-cli";
import { filePathProblem, MAX_FILES, MAX_TOTAL_BYTES } from "@/lib/files/safe-files";

// The files of one commit: path inside the repository → content, as
// committed (binary files included).
export type SourceFiles = Map<string, Buffer>;

// Reads every file of a commit straight from a bare repository with git's
// plumbing (ls-tree for the list and sizes, one cat-file --batch for all
// contents), the way Vercel clones the pushed commit before building it.
// Commits are checked with the rule every saved version passes
// (lib/files/safe-files.ts): files it would refuse are skipped, and a
// commit over its limits is not read at all.
export async function readCommitFiles(gitDir: string, sha: string): Promise<SourceFiles> {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) throw new Error(`not a commit id: ${sha}`);
  const listing = (await gitBytes(gitDir, ["ls-tree", "-r", "-z", "-l", "--full-tree", sha])).stdout.toString("utf8");
  const entries: { path: string; oid: string }[] = [];
  let total = 0;
  for (const record of listing.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    const filePath = record.slice(tab + 1);
    // Regular files only: symlinks could point anywhere once written out,
    // and submodules have no content here.
    if (type !== "blob" || (mode !== "100644" && mode !== "100755") || !oid || filePathProblem(filePath) !== null) continue;
    entries.push({ path: filePath, oid });
    total += Number(size);
  }
  if (entries.length > MAX_FILES) throw new Error(`the commit has ${entries.length} files; previews build at most ${MAX_FILES}`);
  if (total > MAX_TOTAL_BYTES) throw new Error(`the commit is larger than ${MAX_TOTAL_BYTES / 1024 / 1024} MB`);

  const batch = (await gitBytes(gitDir, ["cat-file", "--batch"], { input: entries.map((e) => `${e.oid}\n`).join("") })).stdout;
  const files: SourceFiles = new Map();
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
