import "server-only";

// Node's permission model, for the processes the preview host runs app code
// in: with this flag they read only the files named with --allow-fs-read,
// and can't write files or start processes or workers. Node 20 calls it
// experimental.
export const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
