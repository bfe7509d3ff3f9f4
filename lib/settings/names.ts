// What a setting's name says: whether it is valid, whether the platform owns
// it, whether it goes into the browser bundle, and what a builder calls it.
// Pure, so the Settings panel can use the same words.

export const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_SETTING_NAME_LENGTH = 128;
// Vercel's limit for all of a deployment's variables together, names included.
export const MAX_SETTINGS_BYTES = 64 * 1024;
export const MAX_SETTINGS = 100;

const PUBLIC_PREFIX = "NEXT_PUBLIC_";

// Set by Next.js, Node, Vercel or the hosts themselves: an app reads them but
// can't set them (Vercel refuses most; on the local host they'd change how the
// build itself runs).
const PLATFORM_NAMES = new Set([
  "NODE_ENV",
  "NODE_OPTIONS",
  "NODE_PATH",
  "NEXT_RUNTIME",
  "NEXT_PHASE",
  "NEXT_TELEMETRY_DISABLED",
  "NEXT_DEPLOYMENT_ID",
  "NEXT_FONT_GOOGLE_MOCKED_RESPONSES",
  "CI",
  "PORT",
  "HOSTNAME",
  "PATH",
  "HOME",
  "PWD",
  "SHELL",
  "TMPDIR",
  "TZ",
  "LANG",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_SESSION_TOKEN",
  "NOW_REGION",
]);
const PLATFORM_PREFIXES = ["VERCEL", "__NEXT", "TURBOPACK", "LD_", "AWS_LAMBDA_", "LAMBDA_", "NPM_CONFIG_", "PNPM_"];

export function isValidSettingName(name: string): boolean {
  return name.length <= MAX_SETTING_NAME_LENGTH && SETTING_NAME.test(name);
}

export function isPlatformName(name: string): boolean {
  const upper = name.toUpperCase();
  return PLATFORM_NAMES.has(upper) || PLATFORM_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

// NEXT_PUBLIC_ values are inlined into the browser bundle: visible to anyone.
export function isPublicSetting(name: string): boolean {
  return name.startsWith(PUBLIC_PREFIX);
}

// Service → how its settings are described. Matched on the name without
// NEXT_PUBLIC_, first service whose word appears.
const SERVICES: [RegExp, string][] = [
  [/STRIPE/, "Stripe"],
  [/SUPABASE/, "Supabase"],
  [/OPENAI/, "OpenAI"],
  [/ANTHROPIC|CLAUDE/, "Anthropic"],
  [/RESEND/, "Resend"],
  [/UPSTASH|^KV_REST|^KV_URL/, "Upstash"],
  [/NEON/, "Neon"],
  [/CLERK/, "Clerk"],
  [/GROQ/, "Groq"],
  [/REPLICATE/, "Replicate"],
  [/TAVILY/, "Tavily"],
  [/PERPLEXITY/, "Perplexity"],
  [/GEMINI|GOOGLE_GENERATIVE_AI/, "Google AI"],
  [/MISTRAL/, "Mistral"],
  [/FIREBASE/, "Firebase"],
  [/SENDGRID/, "SendGrid"],
  [/TWILIO/, "Twilio"],
  [/MAPBOX/, "Mapbox"],
  [/SANITY/, "Sanity"],
  [/CONTENTFUL/, "Contentful"],
  [/POSTHOG/, "PostHog"],
  [/SENTRY/, "Sentry"],
  [/AUTH0/, "Auth0"],
  [/PUSHER/, "Pusher"],
  [/ALGOLIA/, "Algolia"],
  [/CLOUDINARY/, "Cloudinary"],
  [/BLOB_READ_WRITE/, "Vercel Blob"],
  [/AI_GATEWAY/, "AI Gateway"],
  [/GITHUB/, "GitHub"],
  [/GOOGLE/, "Google"],
];

// What the rest of the name says the value is.
const KINDS: [RegExp, string][] = [
  [/WEBHOOK_SECRET|SIGNING_SECRET/, "webhook signing secret"],
  [/SERVICE_ROLE/, "service role key"],
  [/ANON_KEY/, "public key"],
  [/PUBLISHABLE_KEY/, "publishable key"],
  [/SECRET_KEY/, "secret key"],
  [/PRIVATE_KEY/, "private key"],
  [/CLIENT_SECRET/, "client secret"],
  [/CLIENT_ID/, "client ID"],
  [/API_KEY|APIKEY/, "API key"],
  [/REST_API_TOKEN|REST_TOKEN|_TOKEN$|^TOKEN$/, "access token"],
  [/SECRET/, "secret"],
  [/PASSWORD/, "password"],
  [/DATABASE_URL|POSTGRES_URL|DB_URL/, "database address"],
  [/REST_API_URL|REST_URL|_URL$|^URL$/, "address"],
  [/PRICE_ID/, "price ID"],
  [/PROJECT_ID/, "project ID"],
  [/DSN/, "address"],
  [/KEY/, "key"],
  [/ID$/, "ID"],
];

// What a name says: the service it belongs to and the kind of value, either
// possibly unknown.
function readName(name: string): { service?: string; kind?: string } {
  const bare = name.toUpperCase().replace(/^NEXT_PUBLIC_/, "");
  return { service: SERVICES.find(([pattern]) => pattern.test(bare))?.[1], kind: KINDS.find(([pattern]) => pattern.test(bare))?.[1] };
}

// "Stripe secret key", "Supabase address", "Database address"; a name that
// says nothing known is shown as it is.
export function settingLabel(name: string): string {
  const { service, kind } = readName(name);
  if (service && kind) return `${service} ${kind}`;
  if (service) return `${service} setting`;
  if (kind === "database address") return "Database address";
  return name;
}

// A setting as a sentence names it: "a Stripe secret key", "a database
// address"; when the name tells only the kind of value, or only the
// service, the name too, as the panel shows it: "an address
// (NEXT_PUBLIC_SITE_URL)", "a Supabase setting (SUPABASE_PROJECT_REF)";
// otherwise "the setting APP_MODE".
export function settingPhrase(name: string): string {
  const { service, kind } = readName(name);
  if (service && kind) return withArticle(`${service} ${kind}`);
  if (service) return withArticle(`${service} setting (${name})`);
  if (kind === "database address") return withArticle(kind);
  if (kind) return withArticle(`${kind} (${name})`);
  return `the setting ${name}`;
}

// Up to this many are named; more are "the first three and N more settings".
const MAX_LISTED = 4;

// "a Stripe secret key", "an OpenAI API key and an address
// (NEXT_PUBLIC_SITE_URL)", joined as a sentence's list, in the order given.
export function describeSettings(names: string[]): string {
  const phrases = [...new Set(names.map(settingPhrase))];
  if (phrases.length > MAX_LISTED) return `${phrases.slice(0, MAX_LISTED - 1).join(", ")} and ${phrases.length - MAX_LISTED + 1} more settings`;
  if (phrases.length <= 1) return phrases[0] ?? "";
  return `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
}

function withArticle(phrase: string): string {
  return `${/^[AEIOU]/i.test(phrase) ? "an" : "a"} ${phrase}`;
}

// Whether a text names the setting as a whole word: "NEXT_PUBLIC_SUPABASE_URL"
// doesn't name SUPABASE_URL.
export function namesSetting(text: string, name: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(text);
}

// A value that looks like a credential rather than an address or an id:
// known secret prefixes, or a long run of mixed characters. Used only to warn
// when such a value goes into a public (NEXT_PUBLIC_) name.
export function looksSecret(value: string): boolean {
  const v = value.trim();
  if (/^(?:sk|rk)_(?:live|test)_/.test(v) || /^sk-[\w-]{16,}/.test(v) || /^whsec_/.test(v) || /^re_[\w]{16,}/.test(v)) return true;
  if (/^(?:gh[pousr]_|github_pat_|xox[abposr]-|AKIA[0-9A-Z]{16}|-----BEGIN)/.test(v)) return true;
  // Publishable keys and anon JWTs are meant for the browser.
  if (/^pk_(?:live|test)_/.test(v) || /^https?:\/\//.test(v)) return false;
  if (/^eyJ[\w-]+\.eyJ[\w-]+\./.test(v)) return /"role"\s*:\s*"service_role"/.test(decodeJwtPayload(v));
  return v.length >= 32 && /[a-z]/.test(v) && /[A-Z0-9]/.test(v) && !/\s/.test(v);
}

function decodeJwtPayload(token: string): string {
  try {
    const payload = token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/");
    return typeof atob === "function" ? atob(payload) : "";
  } catch {
    return "";
  }
}
