import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { LeftOutFile } from "@/lib/files/types";
import type { DeploymentFailureKind } from "@/lib/vercel/types";

// Why a cycle failed, in the terms its builder message depends on
// (lib/deploy/failure.ts decides it). "settings": the build failed while
// settings the code reads had no value.
export type FailureReason = "no_code" | "unsafe_files" | "conflict" | "settings" | DeploymentFailureKind | "other";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

// ── Auth (better-auth's models, mapped in lib/auth.ts) ──────────────────────

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  role: text("role", { enum: ["user", "admin"] }).notNull().default("user"),
  ...timestamps,
});
export type User = typeof users.$inferSelect;

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    ...timestamps,
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    ...timestamps,
  },
  (t) => [index("accounts_user_id_idx").on(t.userId)],
);

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  ...timestamps,
});

export const rateLimits = pgTable("rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

// ── Apps ────────────────────────────────────────────────────────────────────

export const apps = pgTable(
  "apps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // The app's one v0 chat. Unique, so a chat id maps to exactly one owner.
    chatId: text("chat_id").unique(),
    repoOwner: text("repo_owner"),
    repoName: text("repo_name"),
    repoUrl: text("repo_url"),
    repoOwnerKind: text("repo_owner_kind", { enum: ["org", "personal"] }),
    // Set once the preview project exists, so later cycles skip all project calls.
    vercelProjectId: text("vercel_project_id"),
    vercelProjectName: text("vercel_project_name"),
    // The Current preview's and the live app's stable addresses, written in
    // the same transaction that closes the cycle which changed them.
    stagingUrl: text("staging_url"),
    productionUrl: text("production_url"),
    // When a setting's value last changed (set, replaced or removed): the
    // live app has it once a Publish started after this.
    settingsChangedAt: timestamp("settings_changed_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("apps_owner_id_updated_at_idx").on(t.ownerId, t.updatedAt)],
);
export type App = typeof apps.$inferSelect;

// ── Deployments: every preview update and publish attempt ───────────────────
// See lib/deploy/DEPLOYMENTS_SCHEMA.md for the lock rule and state machine.

const deploymentEnvironments = ["staging", "production"] as const;
const deploymentStatuses = ["deploying", "ready", "failed"] as const;

export const deployments = pgTable(
  "deployments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    environment: text("environment", { enum: deploymentEnvironments }).notNull(),
    status: text("status", { enum: deploymentStatuses }).notNull().default("deploying"),
    deploymentUrl: text("deployment_url"),
    // Staging only: the branch's stable preview address. The live address
    // is the app's (apps.production_url), not a deployment's.
    previewUrl: text("preview_url"),
    commitSha: text("commit_sha"),
    chatId: text("chat_id"),
    versionId: text("version_id"),
    providerDeploymentId: text("provider_deployment_id"),
    progress: text("progress", { enum: ["saving", "building"] }),
    message: text("message"),
    error: text("error"),
    // Why a failed attempt failed, in the builder message's terms ("code" offers "Fix it").
    failureReason: text("failure_reason").$type<FailureReason>(),
    startedBy: text("started_by", { enum: ["user", "admin", "server"] }).notNull().default("user"),
    startedByUserId: text("started_by_user_id").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    // Files of the version that were not committed (too large, or binary that
    // arrived as text); the rest was. Admin detail only.
    leftOutFiles: jsonb("left_out_files").$type<LeftOutFile[]>(),
    // Production only: the working preview (a staging row) this attempt puts
    // live, by Publish or by a rollback. The live version is the source of
    // the latest ready production row.
    sourceDeploymentId: uuid("source_deployment_id").references((): AnyPgColumn => deployments.id, { onDelete: "set null" }),
  },
  (t) => [
    // The lock: at most one cycle (preview update or publish) per app.
    uniqueIndex("deployments_one_in_flight_per_app").on(t.appId).where(sql`${t.status} = 'deploying'`),
    index("deployments_ready_by_app_env").on(t.appId, t.environment, t.finishedAt.desc()).where(sql`${t.status} = 'ready'`),
    index("deployments_latest_by_app").on(t.appId, t.startedAt.desc()),
  ],
);
// The database's record of one attempt; the provider's own deployment is
// `Deployment` in lib/vercel/types.ts.
export type DeploymentRecord = typeof deployments.$inferSelect;

// ── App settings: the environment variables an app reads ────────────────────
// One row per name an app needs (detected in its latest committed version)
// or has a value for. The value is sealed (lib/settings/crypto.ts): AES-256-GCM
// under the key `key_version` names; all four columns are null when unset.

export const appSettings = pgTable(
  "app_settings",
  {
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // Read by the latest committed version's code or named in its env files.
    needed: boolean("needed").notNull().default(false),
    keyVersion: text("key_version"),
    nonce: text("nonce"),
    ciphertext: text("ciphertext"),
    tag: text("tag"),
    // The value's size in bytes, so the 64 KB total is checked without opening values.
    valueBytes: integer("value_bytes").notNull().default(0),
    valueUpdatedAt: timestamp("value_updated_at", { withTimezone: true }),
    valueUpdatedBy: text("value_updated_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("app_settings_app_id_name").on(t.appId, t.name)],
);
export type AppSettingRow = typeof appSettings.$inferSelect;

// ── Local v0 stand-in's chat store (unused when V0_API_KEY is set) ──────────

export const localChats = pgTable("local_chats", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  ...timestamps,
});

export const localChatMessages = pgTable(
  "local_chat_messages",
  {
    id: text("id").primaryKey(),
    chatId: text("chat_id")
      .notNull()
      .references(() => localChats.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    experimentalContent: jsonb("experimental_content"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("local_chat_messages_chat_id_idx").on(t.chatId, t.createdAt)],
);

export const localChatVersions = pgTable(
  "local_chat_versions",
  {
    id: text("id").primaryKey(),
    chatId: text("chat_id")
      .notNull()
      .references(() => localChats.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "completed", "failed"] }).notNull(),
    files: jsonb("files").$type<{ name: string; content: string }[]>().notNull(),
    // The generator's structured description of the app, so follow-ups edit it.
    spec: jsonb("spec").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("local_chat_versions_chat_id_idx").on(t.chatId, t.createdAt)],
);

