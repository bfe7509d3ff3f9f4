import { createHash } from "node:crypto";
import type { FileContent } from "./types";

export function contentBytes(content: FileContent): Uint8Array {
  return typeof content === "string" ? Buffer.from(content, "utf8") : content;
}

export function contentSize(content: FileContent): number {
  return typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.byteLength;
}

// The id git gives this content as a blob (`git hash-object`): lets a client
// tell, without asking, whether a branch already holds exactly these bytes.
export function gitBlobId(content: FileContent): string {
  const bytes = contentBytes(content);
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

// Bytes that are valid UTF-8 without NUL characters are text; anything else
// (images, fonts, archives) stays bytes.
export function asFileContent(bytes: Uint8Array): FileContent {
  if (bytes.includes(0)) return bytes;
  try {
    return UTF8.decode(bytes);
  } catch {
    return bytes;
  }
}
