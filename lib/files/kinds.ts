// Extensions whose files are binary by nature. Such a file arriving as text
// (v0's JSON file lists carry strings only) can't be its real bytes.
const BINARY_EXTENSIONS = new Set([
  "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "heic",
  "woff", "woff2", "ttf", "otf", "eot",
  "mp3", "mp4", "m4a", "wav", "ogg", "webm", "mov",
  "pdf", "zip", "gz", "tgz", "wasm",
]);

export function isBinaryPath(path: string): boolean {
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}
