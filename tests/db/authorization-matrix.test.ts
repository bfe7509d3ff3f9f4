// Every route × {anonymous, another builder, the owner, an admin}: the exact
// status each gets. Someone else's app is always 404, never 403. The last
// test fails when a route under app/api has no case here.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteApp, GET as getApp, PATCH as patchApp } from "@/app/api/apps/[appId]/route";
import { GET as getChat } from "@/app/api/apps/[appId]/chat/route";
import { POST as publish } from "@/app/api/apps/[appId]/deploy/production/route";
import { POST as rollback } from "@/app/api/apps/[appId]/deploy/rollback/route";
import { POST as fix } from "@/app/api/apps/[appId]/fix/route";
import { GET as getStatus, POST as adminDeploy } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { DELETE as removeSetting, PUT as putSetting } from "@/app/api/apps/[appId]/settings/[name]/route";
import { GET as listSettings, POST as addSetting } from "@/app/api/apps/[appId]/settings/route";
import { GET as listApps, POST as createApp } from "@/app/api/apps/route";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { POST as chat } from "@/app/api/chat/route";
import { GET as health } from "@/app/api/health/route";
import type { App } from "@/lib/db/schema";
import { chatTurn } from "../helpers/apps";
import { callRoute } from "../helpers/route";
import { signUp, type TestUser } from "../helpers/session";

type Who = "anonymous" | "other" | "owner" | "admin";
let users: Record<Exclude<Who, "anonymous">, TestUser>;
let app: App;

beforeAll(async () => {
  users = { owner: await signUp(), other: await signUp(), admin: await signUp("admin@example.com") };
  app = await chatTurn(users.owner, "a todo app");
});

type Case = {
  route: string;
  call: (cookie: string | undefined) => Promise<Response>;
  expected: Record<Who, number>;
};

const cases: Case[] = [
  { route: "GET /api/apps", call: (cookie) => callRoute(listApps, { cookie }), expected: { anonymous: 401, other: 200, owner: 200, admin: 200 } },
  {
    route: "POST /api/apps",
    call: (cookie) => callRoute(createApp, { method: "POST", cookie, body: { name: "New" } }),
    expected: { anonymous: 401, other: 201, owner: 201, admin: 201 },
  },
  {
    route: "GET /api/apps/[appId]",
    call: (cookie) => callRoute(getApp, { cookie, params: { appId: app.id } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 404 },
  },
  {
    route: "PATCH /api/apps/[appId]",
    call: (cookie) => callRoute(patchApp, { method: "PATCH", cookie, params: { appId: app.id }, body: { name: "Renamed" } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 404 },
  },
  {
    route: "GET /api/apps/[appId]/chat",
    call: (cookie) => callRoute(getChat, { cookie, params: { appId: app.id } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 404 },
  },
  {
    route: "GET /api/apps/[appId]/deploy/staging",
    call: (cookie) => callRoute(getStatus, { cookie, params: { appId: app.id } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 200 },
  },
  {
    route: "POST /api/apps/[appId]/deploy/production (no preview yet)",
    call: (cookie) => callRoute(publish, { method: "POST", cookie, params: { appId: app.id }, body: {} }),
    expected: { anonymous: 401, other: 404, owner: 400, admin: 404 },
  },
  {
    route: "POST /api/apps/[appId]/deploy/rollback (a version that isn't the app's)",
    call: (cookie) =>
      callRoute(rollback, { method: "POST", cookie, params: { appId: app.id }, body: { versionId: "00000000-0000-4000-8000-000000000000" } }),
    expected: { anonymous: 401, other: 404, owner: 404, admin: 404 },
  },
  {
    route: "POST /api/apps/[appId]/deploy/rollback (no version named)",
    call: (cookie) => callRoute(rollback, { method: "POST", cookie, params: { appId: app.id }, body: {} }),
    expected: { anonymous: 401, other: 404, owner: 400, admin: 404 },
  },
  {
    route: "POST /api/apps/[appId]/preview/sync (another chat)",
    call: (cookie) => callRoute(sync, { method: "POST", cookie, params: { appId: app.id }, body: { chatId: "not-this-apps-chat" } }),
    expected: { anonymous: 401, other: 404, owner: 404, admin: 404 },
  },
  {
    route: "POST /api/apps/[appId]/fix (nothing failed)",
    call: (cookie) => callRoute(fix, { method: "POST", cookie, params: { appId: app.id } }),
    expected: { anonymous: 401, other: 404, owner: 400, admin: 404 },
  },
  {
    route: "POST /api/chat (another builder's app)",
    call: (cookie) => callRoute(chat, { method: "POST", cookie, body: { message: "hello", appId: app.id } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 404 },
  },
  {
    route: "POST /api/apps/[appId]/deploy/staging (admin fallback)",
    call: (cookie) => callRoute(adminDeploy, { method: "POST", cookie, params: { appId: app.id }, body: {} }),
    expected: { anonymous: 401, other: 403, owner: 403, admin: 200 },
  },
  {
    route: "GET /api/health (public)",
    call: () => Promise.resolve(health()),
    expected: { anonymous: 200, other: 200, owner: 200, admin: 200 },
  },
  {
    // better-auth's own endpoints (sign-up, sign-in, sign-out, session): a
    // session question is answered for everyone, with null for the anonymous.
    route: "GET /api/auth/[...all] (get-session)",
    call: (cookie) => callRoute(authGet, { cookie, path: "/api/auth/get-session" }),
    expected: { anonymous: 200, other: 200, owner: 200, admin: 200 },
  },
  {
    route: "POST /api/auth/[...all] (sign-in with a wrong password)",
    call: (cookie) => callRoute(authPost, { method: "POST", cookie, path: "/api/auth/sign-in/email", body: { email: "nobody@example.com", password: "not the password" } }),
    expected: { anonymous: 401, other: 401, owner: 401, admin: 401 },
  },
  {
    route: "GET /api/apps/[appId]/settings",
    call: (cookie) => callRoute(listSettings, { cookie, params: { appId: app.id } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 200 },
  },
  {
    route: "PUT /api/apps/[appId]/settings/[name]",
    call: (cookie) => callRoute(putSetting, { method: "PUT", cookie, params: { appId: app.id, name: "MATRIX_KEY" }, body: { value: "v" } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 404 },
  },
  {
    route: "POST /api/apps/[appId]/settings (a name the app has by then)",
    call: (cookie) => callRoute(addSetting, { method: "POST", cookie, params: { appId: app.id }, body: { name: "MATRIX_KEY" } }),
    expected: { anonymous: 401, other: 404, owner: 409, admin: 404 },
  },
  {
    route: "DELETE /api/apps/[appId]/settings/[name]",
    call: (cookie) => callRoute(removeSetting, { method: "DELETE", cookie, params: { appId: app.id, name: "MATRIX_KEY" } }),
    expected: { anonymous: 401, other: 404, owner: 200, admin: 404 },
  },
  {
    route: "DELETE /api/apps/[appId]",
    call: (cookie) => callRoute(deleteApp, { method: "DELETE", cookie, params: { appId: app.id } }),
    expected: { anonymous: 401, other: 404, owner: 204, admin: 404 },
  },
];

describe("authorization matrix", () => {
  // Order matters only for the last case: the owner's DELETE runs last.
  for (const { route, call, expected } of cases) {
    it(route, async () => {
      const order: Who[] = ["anonymous", "other", "admin", "owner"];
      const got: Partial<Record<Who, number>> = {};
      for (const who of order) {
        const res = await call(who === "anonymous" ? undefined : users[who].cookie);
        got[who] = res.status;
        await res.body?.cancel();
      }
      expect(got).toEqual(expected);
    });
  }

  it("has a case for every method of every route under app/api", async () => {
    const api = path.resolve(import.meta.dirname, "../../app/api");
    const files = readdirSync(api, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
    const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    const served: string[] = [];
    for (const file of files) {
      const exported = Object.keys((await import(path.join(api, file))) as Record<string, unknown>);
      const url = `/api/${path.dirname(file)}`.replace(/\/\.$/, "").split(path.sep).join("/");
      served.push(...exported.filter((name) => methods.includes(name)).map((method) => `${method} ${url}`));
    }
    expect(served.length).toBeGreaterThanOrEqual(15);
    const covered = new Set(cases.map((c) => c.route.replace(/ \(.*\)$/, "")));
    expect(served.filter((route) => !covered.has(route))).toEqual([]);
  });
});
