// A file's content: text as a string (shown in the chat, edited, diffed),
// anything else as its exact bytes, so images travel unchanged from v0 to
// git to the build.
export type FileContent = string | Uint8Array;

// path inside the app (e.g. "app/page.tsx") → content
export type FileMap = Record<string, FileContent>;

// A file of a version that was not committed, while the rest was: too large
// on its own, pushed the version over its total, or of a kind the pipeline
// can't carry faithfully, or a real environment file (it may hold values;
// its names become the app's settings). Recorded on the deployment row for admins.
export type LeftOutFile = {
  path: string;
  bytes: number;
  reason: "too_large" | "over_total" | "unusable_kind" | "environment_file";
};
