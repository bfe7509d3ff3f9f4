// A file's content: text as a string (shown in the chat, edited, diffed),
// anything else as its exact bytes, so images travel unchanged from v0 to
// git to the build.
export type FileContent = string | Uint8Array;

// path inside the app (e.g. "app/page.tsx") → content
export type FileMap = Record<string, FileContent>;
