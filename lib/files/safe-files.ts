import "server-only";

import { AppError } from "@/lib/errors";
import type { FileMap } from "./types";

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 1000;
export const MAX_PATH_LENGTH = 300;

export function normalizeFilePath(path: string): string {
  return path.replace(/^(\.\/)+/, "").replace(/\/{2,}/g, "/");
}

// Generated code decides file names, so every name is checked before it can
// touch a disk or a git tree: nothing outside the app, nothing git or secrets
// live in, nothing huge.
export function assertSafeFiles(files: FileMap): void {
  const entries = Object.entries(files);
  if (entries.length > MAX_FILES) {
    throw refuse(`The app has too many files (${entries.length}; the limit is ${MAX_FILES}).`, `file count ${entries.length}`);
  }
  let total = 0;
  for (const [path, content] of entries) {
    const problem = pathProblem(path);
    if (problem) throw refuse(`The file "${printable(path)}" can't be saved: ${problem}.`, `unsafe path ${JSON.stringify(path)}: ${problem}`);
    const size = Buffer.byteLength(content, "utf8");
    if (size > MAX_FILE_BYTES) {
      throw refuse(`The file "${printable(path)}" is too large to save.`, `${path} is ${size} bytes (limit ${MAX_FILE_BYTES})`);
    }
    total += size;
  }
  if (total > MAX_TOTAL_BYTES) throw refuse("The app is too large to save.", `total ${total} bytes (limit ${MAX_TOTAL_BYTES})`);
}

function pathProblem(path: string): string | null {
  if (path.length === 0) return "it has no name";
  if (path.length > MAX_PATH_LENGTH) return "its name is too long";
  if (/[\u0000-\u001f\u007f]/.test(path)) return "its name contains control characters";
  if (path.includes("\\")) return "its name contains a backslash";
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) return "it points outside the app";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === ".")) return "its name has an empty part";
  if (segments.includes("..")) return "it points outside the app";
  if (segments.some((s) => s.toLowerCase() === ".git")) return "it would change version history";
  const base = segments.at(-1)!.toLowerCase();
  if (base === ".env" || base.startsWith(".env.")) return "environment files may hold secrets";
  return null;
}

function printable(path: string): string {
  return path.replace(/[\u0000-\u001f\u007f]/g, "?").slice(0, 80);
}

function refuse(message: string, detail: string): AppError {
  return new AppError("unprocessable_entity", message, { detail });
}
