import "server-only";

// The part of a failed build's output that names the error, made safe to
// send to the generator: no absolute paths, tokens, environment values or
// provider ids, and at most MAX_EXCERPT_BYTES.

export const MAX_EXCERPT_BYTES = 4096;
const LINES_BEFORE = 3;
const LINES_AFTER = 10;

// file.ext:line or file.ext:line:column, as compilers and bundlers name a place in the code.
const POSITION = /[\w@./-]+\.(?:tsx?|jsx?|mjs|cjs|css|scss|json|mdx?)(?::\d+){1,2}\b|\[[^\]\s]+:\d+:\d+\]/;
const ERROR_WORDS = /\b(?:error|failed to compile|cannot find|could not resolve|module not found|unexpected token|is not defined|expected)\b/i;
// The build tool's own closing words say nothing about the code.
const GENERIC = /^(?:Error: )?Command ".*" exited with \d+|^Error: the build failed$/i;

// The lines around the first one that names a place in the code (else the
// first one that says error, else the last lines), scrubbed and capped.
export function buildErrorExcerpt(lines: readonly string[], secrets: readonly string[] = []): string {
  const clean = lines.map(stripAnsi).filter((line) => line.trim() !== "");
  const at = firstIndex(clean, (l) => POSITION.test(l) && !GENERIC.test(l)) ?? firstIndex(clean, (l) => ERROR_WORDS.test(l) && !GENERIC.test(l));
  const window = at === null ? clean.slice(-(LINES_BEFORE + LINES_AFTER + 1)) : clean.slice(Math.max(0, at - LINES_BEFORE), at + LINES_AFTER + 1);
  return capBytes(window.map((line) => scrubBuildText(line, secrets)), MAX_EXCERPT_BYTES);
}

// next build names only the page after "> Build error occurred" ("Failed to
// collect page data for /admin/stripe-links"); why it failed is printed
// before, as "[cause]: Error: …" and "Error: …" lines. Those lines, in order,
// without repeats (at most `max`).
export function buildErrorCause(lines: readonly string[], max = 6): string[] {
  const clean = lines.map((line) => stripAnsi(line).trim());
  const end = clean.findIndex((line) => /Build error occurred/.test(line));
  const before = end === -1 ? clean : clean.slice(0, end);
  const causes = before.filter((line) => /^\[cause\]:|^(?:[A-Z]\w*)?Error: |^Error occurred prerendering page/.test(line) && !GENERIC.test(line));
  return [...new Set(causes)].slice(-max);
}

// Known secret values (of 8 characters or more, longest first) cut out.
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join("[redacted]");
  }
  return out;
}

export function scrubBuildText(text: string, secrets: readonly string[] = []): string {
  // Known secret values first, before other rules cut them into pieces.
  return redactSecrets(text, secrets)
    // Paths first: their build-root segment (a dpl_ id) tells where the app's own path starts.
    .replace(/file:\/\/(\/[^\s:'"`)\]]+)/g, (_m, p: string) => relativePath(p))
    .replace(/(?<![\w.:/~@-])(\/(?:[\w@.+-]+\/)*[\w@.+-]+)/g, (match: string) => (match.split("/").length > 2 ? relativePath(match) : match))
    .replace(/\b[A-Za-z]:\\(?:[^\\\s:]+\\)*([^\\\s:]+)/g, "…/$1")
    .replace(/\b(https?:\/\/)[^\s/@:]+:[^\s/@]+@/gi, "$1[redacted]@")
    .replace(/\bBearer\s+[\w.~+/=-]+/gi, "Bearer [redacted]")
    .replace(/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|sk-[\w-]{16,}|xox[abposr]-[\w-]{10,}|AKIA[0-9A-Z]{16}|v0_[\w-]{16,})/g, "[redacted]")
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, "[redacted]")
    // NAME=value and NAME: value for environment-style names.
    .replace(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/g, "$1$2[redacted]")
    .replace(/([?&](?:token|key|secret|password|auth|sig|signature|access_token)=)[^&\s]+/gi, "$1[redacted]")
    .replace(/\b(?:dpl|prj|team|usr|user|org|icfg|env|oac|hook)_[A-Za-z0-9]{6,}\b/g, "[id]")
    .replace(/\b[\w-]+\.vercel\.app\b/g, "[host]")
    .replace(/\b[0-9a-f]{40}\b/g, "[commit]")
    .replace(/\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}\b/g, "[redacted]");
}

// An absolute path, shortened to what says which file: after the build's
// own root (Vercel's /vercel/pathN, a dpl_ work directory), from
// node_modules on, or else its last two parts.
function relativePath(path: string): string {
  const parts = path.split("/").filter(Boolean);
  const root = parts.findLastIndex((p) => /^path\d+$/.test(p) || /^dpl_/.test(p));
  if (root >= 0 && root < parts.length - 1) return parts.slice(root + 1).join("/");
  const modules = parts.indexOf("node_modules");
  if (modules >= 0) return parts.slice(modules).join("/");
  return `…/${parts.slice(-2).join("/")}`;
}

function firstIndex(lines: string[], test: (line: string) => boolean): number | null {
  const index = lines.findIndex(test);
  return index === -1 ? null : index;
}

// Whole lines while they fit; a first line that alone is too long is cut.
function capBytes(lines: string[], max: number): string {
  const encoder = new TextEncoder();
  let out = "";
  for (const line of lines) {
    const next = out === "" ? line : `${out}\n${line}`;
    if (encoder.encode(next).length <= max) {
      out = next;
      continue;
    }
    if (out === "") out = cutToBytes(line, max);
    break;
  }
  return out;
}

function cutToBytes(text: string, max: number): string {
  const encoder = new TextEncoder();
  let cut = text.slice(0, max);
  while (encoder.encode(cut).length > max) cut = cut.slice(0, -1);
  return cut;
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}
