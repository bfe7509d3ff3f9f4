import "server-only";

// Node's permission model, for the processes the preview host runs app code
// in: with this flag they read only the files named with --allow-fs-read,
// and can't write files or start processes or workers. Node 20 calls it
// experimental.
export const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";

// The flags for a process that may read `read` and write `write` (paths,
// or folders with "/*"), each path once: Node 20 aborts at start (an
// assertion in its path tree) when a path is given twice, as an app's
// packages and their real folder are when they are the same.
export function permissionFlags({ read, write = [] }: { read: string[]; write?: string[] }): string[] {
  return [PERMISSION_FLAG, ...[...new Set(read)].map((entry) => `--allow-fs-read=${entry}`), ...[...new Set(write)].map((entry) => `--allow-fs-write=${entry}`)];
}
