import "server-only";

import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: optional,
  PGLITE_DIR: optional,

  BETTER_AUTH_SECRET: optional,
  ADMIN_EMAILS: list,

  // Encrypts app settings at rest (32 bytes, base64). Earlier keys, comma
  // separated, still decrypt values saved under them until those are re-saved
  // under the current key at start (lib/settings/keys.ts).
  SETTINGS_ENCRYPTION_KEY: optional,
  SETTINGS_ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)),

  V0_API_KEY: optional,
  V0_API_URL: z.url().default("https://api.v0.dev/v1"),

  GITHUB_TOKEN: optional,
  GITHUB_ORG: optional,
  GITHUB_API_URL: z.url().default("https://api.github.com"),
  GIT_AUTHOR_NAME: z.string().default("App Builder"),
  GIT_AUTHOR_EMAIL: z.string().default("builder@users.noreply.github.com"),

  VERCEL_TOKEN: optional,
  VERCEL_TEAM_ID: optional,
  VERCEL_API_URL: z.url().default("https://api.vercel.com"),

  // Local stand-ins (used when the matching key above is absent).
  LOCAL_PREVIEW_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  LOCAL_PREVIEW_HOSTNAME: z.string().default("localhost"),
  // Unsafe: lets a production server build previews without a sandbox for
  // the generated code (see README, Security).
  LOCAL_PREVIEW_UNSANDBOXED: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "true"),
  LOCAL_GENERATOR_DELAY_MS: z.coerce.number().int().min(0).default(12),

  // Preview update cycle.
  // Under the deploy routes' 800 s maxDuration, so a cycle that gives up
  // still has time to record the failure and release the app.
  DEPLOY_TIMEOUT_MS: z.coerce.number().int().positive().max(780_000).default(12 * 60_000),
  // A cycle holds its app on a lease its server renews by a heartbeat
  // (lib/deploy/lease.ts): a server that dies frees its apps this soon.
  DEPLOY_LEASE_MS: z.coerce.number().int().positive().default(45_000),
  DEPLOY_GRACE_MS: z.coerce.number().int().positive().default(60_000),
  // How long after a reply the server waits for the browser to ask for its
  // preview before starting it itself (a closed tab, a dropped connection).
  REPLY_PREVIEW_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
  CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(10),
});

export type Env = z.infer<typeof envSchema> & { BETTER_AUTH_SECRET: string; SETTINGS_ENCRYPTION_KEY: string };

// Kept on globalThis like the other process singletons; tests that change a
// variable drop it (tests/helpers/env.ts).
const globalForEnv = globalThis as unknown as { __env?: Env };

// Parsed lazily: `next build` evaluates modules without runtime configuration,
// so a missing production secret must fail when the server starts, not at build.
export function getEnv(): Env {
  if (globalForEnv.__env) return globalForEnv.__env;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  assertServicesFit(env);
  assertDeployTimesFit(env);
  const secret = env.BETTER_AUTH_SECRET ?? localSecret(env, "auth-secret", "BETTER_AUTH_SECRET");
  const settingsKey = env.SETTINGS_ENCRYPTION_KEY ?? localSecret(env, "settings-key", "SETTINGS_ENCRYPTION_KEY");
  globalForEnv.__env = { ...env, BETTER_AUTH_SECRET: secret, SETTINGS_ENCRYPTION_KEY: settingsKey };
  return globalForEnv.__env;
}

// Each service is real when its key is set and local otherwise, but code and
// previews must live on the same side: the local preview host builds from the
// local git store, and Vercel builds from GitHub. The generator (V0_API_KEY)
// pairs with either.
function assertServicesFit(env: z.infer<typeof envSchema>): void {
  if (Boolean(env.GITHUB_TOKEN) === Boolean(env.VERCEL_TOKEN)) return;
  const [set, unset] = env.GITHUB_TOKEN ? ["GITHUB_TOKEN", "VERCEL_TOKEN"] : ["VERCEL_TOKEN", "GITHUB_TOKEN"];
  throw new Error(
    `Invalid environment configuration: ${set} is set but ${unset} is not. ` +
      "GITHUB_TOKEN and VERCEL_TOKEN go together: set both to use GitHub and Vercel, or neither to use the local git store " +
      "and local previews (the local preview host builds from the local git store; Vercel builds from GitHub).",
  );
}

// The fallback deployment is created after DEPLOY_GRACE_MS; a cycle that gives
// up first never gets there.
function assertDeployTimesFit(env: z.infer<typeof envSchema>): void {
  if (env.DEPLOY_GRACE_MS < env.DEPLOY_TIMEOUT_MS) return;
  throw new Error(
    `Invalid environment configuration: DEPLOY_GRACE_MS (${env.DEPLOY_GRACE_MS}) must be less than DEPLOY_TIMEOUT_MS (${env.DEPLOY_TIMEOUT_MS}), ` +
      "or a cycle gives up before it would create the deployment the Git integration didn't.",
  );
}

// In development a secret is generated once into DATA_DIR and kept; in
// production it must come from the environment.
function localSecret(env: z.infer<typeof envSchema>, fileName: string, variable: string): string {
  if (env.NODE_ENV === "production") {
    throw new Error(`${variable} is required in production. Generate one with \`openssl rand -base64 32\` and set it in the environment.`);
  }
  const file = path.resolve(env.DATA_DIR, fileName);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first; its secret wins.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(file, "utf8").trim();
  }
}
