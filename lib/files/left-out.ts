import type { FileMap, LeftOutFile } from "./types";

// The one sentence a builder reads about files that were left out, or null
// when none of them is used by the app's code (then nothing they see changes).
export function leftOutNotice(leftOut: LeftOutFile[], kept: FileMap): string | null {
  const texts = Object.values(kept).filter((content): content is string => typeof content === "string");
  // An environment file's names become settings; the builder sees those instead.
  const visible = leftOut.filter(({ path, reason }) => {
    if (reason === "environment_file") return false;
    const name = path.slice(path.lastIndexOf("/") + 1);
    return texts.some((text) => text.includes(name));
  });
  if (visible.length === 0) return null;
  if (visible.length === 1) {
    const { path, reason } = visible[0]!;
    const why = reason === "unusable_kind" ? "we couldn't read it" : "it is too large";
    return `"${path.slice(path.lastIndexOf("/") + 1)}" was left out because ${why}, so it won't appear in the preview.`;
  }
  return `${visible.length} files were left out because they are too large or couldn't be read, so they won't appear in the preview.`;
}

const REASONS: Record<LeftOutFile["reason"], string> = {
  too_large: "over the per-file limit",
  over_total: "over the version's total size limit",
  unusable_kind: "binary file that arrived as text",
  environment_file: "environment file: values are never committed, its names became settings",
};

// The admin-only account of what a commit left out, one file a line.
export function describeLeftOut(leftOut: LeftOutFile[] | null | undefined): string | null {
  if (!leftOut?.length) return null;
  return ["Left out of the commit:", ...leftOut.map((f) => `${f.path} (${f.bytes} bytes, ${REASONS[f.reason]})`)].join("\n");
}
