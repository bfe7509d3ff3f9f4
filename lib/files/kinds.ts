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

// Templates that document an app's settings with placeholder values
// (.env.example, .env.local.example, .env.sample, .env.template); v0 writes
// them, and they are committed as written.
const ENV_TEMPLATE = /(?:^|\/)\.env(?:\.[\w-]+)*\.(?:example|sample|template)$/i;

export function isEnvTemplate(path: string): boolean {
  return ENV_TEMPLATE.test(path);
}

// A real environment file (".env", ".env.local", ".env.production"…): it may
// hold values, so it is never committed; only its names are read.
export function isEnvFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return (base === ".env" || base.startsWith(".env.")) && !isEnvTemplate(path);
}
