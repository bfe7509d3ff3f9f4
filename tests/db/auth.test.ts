import { randomUUID } from "node:crypto";
import { toNextJsHandler } from "better-auth/next-js";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GET as listApps } from "@/app/api/apps/route";
import { getAuth, getSessionUser, getSessionUserAndApp } from "@/lib/auth";
import { createApp } from "@/lib/db/queries";
import { getDb } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/schema";
import { callRoute } from "../helpers/route";
import { APP_ORIGIN, sessionCookie, signUp } from "../helpers/session";

const handler = () => toNextJsHandler(getAuth());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return handler().POST(
    new Request(`${APP_ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_ORIGIN, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

describe("sign-up, sign-in, session", () => {
  it("signs up, signs in with the password, and the cookie authenticates a request", async () => {
    const user = await signUp("ada@example.com");
    expect((await getSessionUser(new Headers({ cookie: user.cookie })))?.email).toBe("ada@example.com");

    const signIn = await post("/sign-in/email", { email: "ada@example.com", password: "correct horse battery" });
    expect(signIn.status).toBe(200);
    const cookie = sessionCookie(signIn);
    const res = await callRoute(listApps, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ apps: [] });
  });

  it("signs up from another local port (next dev moves off a busy 3000), never from another site", async () => {
    // better-auth checks the origin of requests that carry cookies, as a browser's do.
    const body = { email: "port@example.com", password: "correct horse battery", name: "Port" };
    const cookie = "theme=dark";
    expect((await post("/sign-up/email", body, { origin: "http://localhost:3001", cookie })).status).toBe(200);
    const foreign = await post("/sign-up/email", { ...body, email: "evil@example.com" }, { origin: "https://evil.example", cookie });
    expect(foreign.status).toBe(403);
  });

  it("refuses a wrong password", async () => {
    await signUp("grace@example.com");
    const res = await post("/sign-in/email", { email: "grace@example.com", password: "wrong password" });
    expect(res.status).toBe(401);
  });

  it("signs out: the old cookie no longer authenticates", async () => {
    const user = await signUp();
    const out = await post("/sign-out", {}, { cookie: user.cookie });
    expect(out.status).toBe(200);
    expect(await getSessionUser(new Headers({ cookie: user.cookie }))).toBeNull();
  });

  it("grants the admin role only to ADMIN_EMAILS", async () => {
    const admin = await signUp("admin@example.com");
    const builder = await signUp("someone@example.com");
    expect((await getSessionUser(new Headers({ cookie: admin.cookie })))?.role).toBe("admin");
    expect((await getSessionUser(new Headers({ cookie: builder.cookie })))?.role).toBe("user");
  });

  it("cannot self-assign the admin role at sign-up", async () => {
    const res = await post("/sign-up/email", {
      email: "sneaky@example.com",
      password: "correct horse battery",
      name: "Sneaky",
      role: "admin",
    });
    const cookie = sessionCookie(res);
    expect((await getSessionUser(new Headers({ cookie })))?.role ?? "user").toBe("user");
  });

  it("rate-limits repeated sign-in attempts from one address", async () => {
    await signUp("limited@example.com");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post(
        "/sign-in/email",
        { email: "limited@example.com", password: "wrong password" },
        { "x-forwarded-for": "203.0.113.7" },
      );
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
  });
});

describe("the session check on every request", () => {
  const userFor = (cookie: string) => getSessionUser(new Headers({ cookie }));
  const DAY = 24 * 60 * 60 * 1000;

  async function sessionOf(userId: string) {
    const [row] = await getDb().select().from(sessions).where(eq(sessions.userId, userId));
    return row;
  }

  it("refuses a cookie whose signature was tampered with, or that has none", async () => {
    const user = await signUp();
    const [name, value] = user.cookie.split("=") as [string, string];
    const [token, signature] = decodeURIComponent(value).split(".") as [string, string];
    const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;

    expect(await userFor(`${name}=${encodeURIComponent(`${token}.${flipped}`)}`)).toBeNull();
    expect(await userFor(`${name}=${token}`)).toBeNull();
    expect(await userFor(`${name}=${encodeURIComponent(`${token}.${signature}extra`)}`)).toBeNull();
    expect(await userFor("")).toBeNull();
  });

  it("finds no one behind any forged cookie, and never throws", async () => {
    const user = await signUp();
    const token = decodeURIComponent(user.cookie.split("=")[1]!).split(".")[0]!;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((signature) => `${token}.${signature}`)), async (value) => {
        expect(await userFor(`better-auth.session_token=${encodeURIComponent(value)}`)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("sees a role change at once: nothing about the user is cached", async () => {
    const user = await signUp();
    expect((await userFor(user.cookie))?.role).toBe("user");
    await getDb().update(users).set({ role: "admin" }).where(eq(users.id, user.id));
    expect((await userFor(user.cookie))?.role).toBe("admin");
  });

  it("lets better-auth renew a session once it is a day old", async () => {
    const user = await signUp();
    const agedExpiry = new Date(Date.now() + 5 * DAY);
    await getDb().update(sessions).set({ expiresAt: agedExpiry }).where(eq(sessions.userId, user.id));

    expect((await userFor(user.cookie))?.id).toBe(user.id);
    expect((await sessionOf(user.id))!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * DAY);
  });

  it("leaves a fresh session's expiry alone", async () => {
    const user = await signUp();
    const before = (await sessionOf(user.id))!.expiresAt.getTime();
    await userFor(user.cookie);
    expect((await sessionOf(user.id))!.expiresAt.getTime()).toBe(before);
  });

  it("refuses an expired session, which better-auth then deletes", async () => {
    const user = await signUp();
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    expect(await userFor(user.cookie)).toBeNull();
    expect(await sessionOf(user.id)).toBeUndefined();
  });
});

describe("the session check with the route's app, in one query", () => {
  const lookup = (cookie: string, appId: string, adminsToo = false) => getSessionUserAndApp(new Headers({ cookie }), { appId, adminsToo });

  it("gives the owner their app, and no one else's", async () => {
    const owner = await signUp();
    const other = await signUp();
    const app = await createApp({ ownerId: owner.id, name: "Bakery" });

    expect(await lookup(owner.cookie, app.id)).toEqual({ user: expect.objectContaining({ id: owner.id }), app });
    expect(await lookup(other.cookie, app.id)).toEqual({ user: expect.objectContaining({ id: other.id }), app: null });
    expect(await lookup(owner.cookie, randomUUID())).toEqual({ user: expect.objectContaining({ id: owner.id }), app: null });
    expect(await lookup("better-auth.session_token=nope", app.id)).toBeNull();
  });

  it("gives an admin any app only where the route lets admins in", async () => {
    const owner = await signUp();
    const admin = await signUp();
    await getDb().update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    const app = await createApp({ ownerId: owner.id, name: "Bakery" });

    expect((await lookup(admin.cookie, app.id, true))?.app?.id).toBe(app.id);
    expect((await lookup(admin.cookie, app.id, false))?.app).toBeNull();
    // A builder is never let in by adminsToo.
    expect((await lookup((await signUp()).cookie, app.id, true))?.app).toBeNull();
  });

  it("reads the app the same way when better-auth renews the session", async () => {
    const owner = await signUp();
    const app = await createApp({ ownerId: owner.id, name: "Bakery" });
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() + 5 * 24 * 60 * 60 * 1000) }).where(eq(sessions.userId, owner.id));

    expect((await lookup(owner.cookie, app.id))?.app?.id).toBe(app.id);
    expect((await lookup((await signUp()).cookie, app.id))?.app).toBeNull();
    await getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, owner.id));
    expect(await lookup(owner.cookie, app.id)).toBeNull();
  });
});
