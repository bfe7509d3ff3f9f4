import "server-only";

import { AppError } from "@/lib/errors";
import { contentSize } from "./content";
import { isBinaryPath, isEnvFile } from "./kinds";
import type { FileMap, LeftOutFile } from "./types";

// A 2–3 MB generated image is normal in a v0 project; these limits only stop
// what no app needs (and what git hosts take badly).
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 60 * 1024 * 1024;
export const MAX_FILES = 1000;
export const MAX_PATH_LENGTH = 300;

// Harmless spellings of the same name ("./app//page.tsx") become one name, so
// two spellings can't both land in a file map and the checks see the real path.
export function normalizeFilePath(path: string): string {
  return path.replace(/^(?:\.\/+)+/, "").replace(/\/{2,}/g, "/");
}

// A version as it can be committed: hostile names or absurd file counts
// refuse the whole version (generated code that names such files is not to be
// trusted), while a file that is merely too large, binary that arrived as
// text, or a real environment file (.env.local: it may hold values) is left
// out on its own and the rest goes ahead. Over the total, the largest binary
// files go first: code is what the build needs.
export function selectUsableFiles(files: FileMap): { files: FileMap; leftOut: LeftOutFile[] } {
  assertSafeNames(files, { envFiles: true });
  const kept: FileMap = {};
  const leftOut: LeftOutFile[] = [];
  for (const [path, content] of Object.entries(files)) {
    const bytes = contentSize(content);
    if (isEnvFile(path)) leftOut.push({ path, bytes, reason: "environment_file" });
    else if (bytes > MAX_FILE_BYTES) leftOut.push({ path, bytes, reason: "too_large" });
    else if (typeof content === "string" && isBinaryPath(path)) leftOut.push({ path, bytes, reason: "unusable_kind" });
    else kept[path] = content;
  }
  let total = Object.values(kept).reduce((sum, content) => sum + contentSize(content), 0);
  const binaries = Object.entries(kept)
    .filter(([, content]) => typeof content !== "string")
    .map(([path, content]) => ({ path, bytes: contentSize(content) }))
    .sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
  for (const { path, bytes } of binaries) {
    if (total <= MAX_TOTAL_BYTES) break;
    delete kept[path];
    total -= bytes;
    leftOut.push({ path, bytes, reason: "over_total" });
  }
  assertSafeFiles(kept);
  return { files: kept, leftOut: leftOut.sort((a, b) => a.path.localeCompare(b.path)) };
}

// `envFiles`: real environment files pass here, to be left out by the caller.
function assertSafeNames(files: FileMap, { envFiles = false } = {}): void {
  const paths = Object.keys(files);
  if (paths.length > MAX_FILES) {
    throw refuse(`The app has too many files to save (${paths.length}; the limit is ${MAX_FILES}).`, `file count ${paths.length} > ${MAX_FILES}`);
  }
  for (const path of paths) {
    const problem = filePathProblem(path, envFiles);
    if (problem) {
      throw refuse(`The file "${printable(path)}" can't be saved: ${problem}.`, `unsafe path ${JSON.stringify(path)}: ${problem}`);
    }
  }
}

// Generated code decides file names, so every name is checked before it can
// touch a disk or a git tree: nothing outside the app, nothing in git's own
// folder, no real environment files (templates such as .env.example are
// fine), nothing huge. Git hosts call this as a last guard.
export function assertSafeFiles(files: FileMap): void {
  assertSafeNames(files);
  let total = 0;
  for (const [path, content] of Object.entries(files)) {
    const size = contentSize(content);
    if (size > MAX_FILE_BYTES) {
      throw refuse(
        `The file "${printable(path)}" is too large to save (the limit is ${megabytes(MAX_FILE_BYTES)} per file).`,
        `${JSON.stringify(path)} is ${size} bytes > ${MAX_FILE_BYTES}`,
      );
    }
    total += size;
  }
  if (total > MAX_TOTAL_BYTES) {
    throw refuse(`The app is too large to save (the limit is ${megabytes(MAX_TOTAL_BYTES)} in total).`, `total ${total} bytes > ${MAX_TOTAL_BYTES}`);
  }
}

// Why a file name is unsafe, in plain words, or null when it is safe. The
// preview host applies the same rule to the files of a commit it builds.
// `envFilesAllowed`: a real environment file passes (its caller leaves it out).
export function filePathProblem(path: string, envFilesAllowed = false): string | null {
  if (path.length === 0) return "it has no name";
  if (path.length > MAX_PATH_LENGTH) return `its name is longer than ${MAX_PATH_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f]/.test(path)) return "its name contains hidden characters";
  if (path.includes("\\")) return "its name contains a backslash; folders are separated with /";
  // A drive letter counts as absolute too: the same checks guard Windows machines.
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) return "it points outside the app";
  const segments = path.split("/");
  if (segments.includes("..")) return "it points outside the app";
  if (segments.some((s) => s === "" || s === ".")) return "a folder in its name has no name";
  // Case-insensitive: on macOS and Windows ".GIT" is the same folder as ".git".
  if (segments.some((s) => s.toLowerCase() === ".git")) return "the .git folder is reserved for version history";
  if (!envFilesAllowed && isEnvFile(path)) return "environment files can hold passwords, so they are never saved";
  return null;
}

function printable(path: string): string {
  const visible = path.replace(/[\u0000-\u001f\u007f]/g, "?");
  return visible.length > 80 ? `${visible.slice(0, 77)}...` : visible;
}

function megabytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}

function refuse(message: string, detail: string): AppError {
  return new AppError("unprocessable_entity", message, { detail });
}
