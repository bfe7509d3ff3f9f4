import "server-only";

import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { getDb } from "@/lib/db/client";
import { getAppById, getAppByIdForOwner, getSessionUserAndAppByToken, getSessionUserByToken } from "@/lib/db/queries";
import { accounts, type App, rateLimits, sessions, users, verifications } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { readSignedSessionToken } from "@/lib/session-token";

// better-auth's defaults, named because getSessionUser's shortcut needs them.
const SESSION_EXPIRES_IN_SECONDS = 7 * 24 * 60 * 60;
const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

function createAuth() {
  const env = getEnv();
  return betterAuth({
    baseURL: env.APP_URL,
    // `next dev` moves to the next free port when 3000 is taken; outside
    // production, sign-in works from whichever local port the app got.
    trustedOrigins: process.env.NODE_ENV === "production" ? [] : ["http://localhost:*", "http://127.0.0.1:*"],
    // better-auth skips its origin check under test runners; ours run it as production does.
    advanced: { disableOriginCheck: false },
    secret: env.BETTER_AUTH_SECRET,
    database: drizzleAdapter(getDb(), {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    session: { expiresIn: SESSION_EXPIRES_IN_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "user", input: false },
      },
    },
    databaseHooks: {
      user: {
        create: {
          // Admins are named by configuration, never by the sign-up form.
          before: async (user) => ({
            data: { ...user, role: env.ADMIN_EMAILS.includes(user.email.toLowerCase()) ? "admin" : "user" },
          }),
        },
      },
    },
    rateLimit: {
      enabled: true,
      // In the database, so every server process counts the same attempts.
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
let instance: Auth | undefined;

// Built on first use so `next build` never needs runtime configuration.
export function getAuth(): Auth {
  instance ??= createAuth();
  return instance;
}

export type SessionUser = { id: string; email: string; name: string; role: "user" | "admin" };

// Every request checks the session, and better-auth's getSession costs about
// 2 ms of CPU each time (its endpoint pipeline plus two built queries). The
// common case, a live session not yet due for renewal, is read here with one
// prepared query instead; it reads the session row each time, so sign-out and
// revocation still take effect at once. Anything that writes (renewing,
// clearing an expired session) goes through better-auth.
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  const token = readSignedSessionToken(headers, getEnv().BETTER_AUTH_SECRET);
  if (!token) return null;
  const row = await getSessionUserByToken({ token });
  if (row && !isDueForRenewal(row.expiresAt)) return toSessionUser(row);
  return renewedSessionUser(headers);
}

// The same check, with the app a route is about read in the same query (a
// status poll is most of a server's traffic): the app if this user may open
// it, their own or, with `adminsToo`, any app for an admin; null otherwise.
export async function getSessionUserAndApp(
  headers: Headers,
  { appId, adminsToo }: { appId: string; adminsToo: boolean },
): Promise<{ user: SessionUser; app: App | null } | null> {
  const token = readSignedSessionToken(headers, getEnv().BETTER_AUTH_SECRET);
  if (!token) return null;
  const row = await getSessionUserAndAppByToken({ token, appId, adminsToo });
  if (row && !isDueForRenewal(row.expiresAt)) return { user: toSessionUser(row), app: row.app };
  const user = await renewedSessionUser(headers);
  if (!user) return null;
  const app = adminsToo && user.role === "admin" ? await getAppById({ id: appId }) : await getAppByIdForOwner({ id: appId, ownerId: user.id });
  return { user, app };
}

async function renewedSessionUser(headers: Headers): Promise<SessionUser | null> {
  const session = await getAuth().api.getSession({ headers });
  return session ? toSessionUser(session.user as typeof session.user & { role?: string }) : null;
}

// better-auth renews a session once it is `updateAge` old; an expired one is
// long past that, so this also sends expired sessions to better-auth.
function isDueForRenewal(expiresAt: Date): boolean {
  return expiresAt.getTime() - SESSION_EXPIRES_IN_SECONDS * 1000 + SESSION_UPDATE_AGE_SECONDS * 1000 <= Date.now();
}

function toSessionUser({ id, email, name, role }: { id: string; email: string; name: string; role?: string | null }): SessionUser {
  return { id, email, name, role: role === "admin" ? "admin" : "user" };
}
