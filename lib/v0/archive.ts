import "server-only";

import { unzipSync } from "fflate";
import { asFileContent } from "@/lib/files/content";
import { isBinaryPath } from "@/lib/files/kinds";
import type { VersionFile } from "./types";

// A version's zip export as files: images and fonts as their exact bytes,
// everything else as text when it is text. Throws on a broken archive.
export function filesFromZip(archive: ArrayBuffer | Uint8Array): VersionFile[] {
  const entries = unzipSync(archive instanceof Uint8Array ? archive : new Uint8Array(archive));
  const names = Object.keys(entries).filter((name) => !name.endsWith("/"));
  const prefix = sharedRootFolder(names);
  return names.map((name) => {
    const bytes = entries[name]!;
    return { name: name.slice(prefix.length), content: isBinaryPath(name) ? bytes : asFileContent(bytes) };
  });
}

// An export may wrap the project in one folder ("my-project/app/page.tsx").
// That folder is a wrapper only when the project's manifest is right inside
// it: a project whose files all happen to live under app/ keeps its paths.
function sharedRootFolder(names: string[]): string {
  if (names.length === 0 || names.some((name) => !name.includes("/"))) return "";
  const first = names[0]!.slice(0, names[0]!.indexOf("/") + 1);
  if (!names.every((name) => name.startsWith(first))) return "";
  return names.includes(`${first}package.json`) ? first : "";
}
