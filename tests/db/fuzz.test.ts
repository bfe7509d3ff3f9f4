// Property-based hostile input on every route: whatever arrives (malformed
// JSON, wrong types, huge or odd strings, prototype-pollution keys, random
// ids), the answer is a 4xx JSON error, never a 500.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteApp, GET as getApp, PATCH as patchApp } from "@/app/api/apps/[appId]/route";
import { GET as getChat } from "@/app/api/apps/[appId]/chat/route";
import { POST as publish } from "@/app/api/apps/[appId]/deploy/production/route";
import { GET as getStatus, POST as adminDeploy } from "@/app/api/apps/[appId]/deploy/staging/route";
import { POST as sync } from "@/app/api/apps/[appId]/preview/sync/route";
import { POST as createApp } from "@/app/api/apps/route";
import { POST as chat } from "@/app/api/chat/route";
import { getAppById, getAppsByOwnerId } from "@/lib/db/queries";
import type { App } from "@/lib/db/schema";
import { createAppSchema } from "@/lib/validation/apps";
import { chatRequestSchema } from "@/lib/validation/chat";
import { chatTurn } from "../helpers/apps";
import { callRoute } from "../helpers/route";
import { signUp, type TestUser } from "../helpers/session";

const ALLOWED = new Set([400, 401, 403, 404, 409, 413, 422]);
let owner: TestUser;
let other: TestUser;
let app: App;

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
  app = await chatTurn(owner, "a todo app");
});

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom("__proto__", "constructor", "../../etc/passwd", "\u0000", "<script>alert(1)</script>", "x".repeat(100_000)),
);
const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "message", "chatId", "name", "appId"), fc.anything()),
  fc.record({ message: fc.anything(), appId: fc.anything(), chatId: fc.anything() }, { requiredKeys: [] }),
);
const rawBody = fc.oneof(
  hostileJson.map((v) => JSON.stringify(v) ?? "null"),
  fc.string(),
  fc.constantFrom("{", "[1,", '{"__proto__":{"polluted":1}}', "\u0000", "null", '"'),
);
const appIdParam = fc.oneof(fc.uuid(), hostileString, fc.constant("")); 

async function statusOf(res: Response): Promise<number> {
  const status = res.status;
  const text = await res.text();
  if (status >= 400) {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    expect(body.error?.code).toEqual(expect.any(String));
    expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/); // no stack traces
  }
  return status;
}

describe("fuzzed routes", () => {
  it("POST /api/chat refuses anything that isn't a valid message", async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, async (body) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        fc.pre(!chatRequestSchema.safeParse(parsed ?? {}).success);
        const status = await statusOf(await callRoute(chat, { method: "POST", cookie: owner.cookie, body }));
        expect(ALLOWED).toContain(status);
      }),
      { numRuns: 60 },
    );
  });

  it("app routes with hostile ids and bodies answer 4xx, for owners and strangers alike", async () => {
    const routes = [
      { handler: getApp, method: "GET" },
      { handler: patchApp, method: "PATCH" },
      { handler: deleteApp, method: "DELETE" },
      { handler: getChat, method: "GET" },
      { handler: getStatus, method: "GET" },
      { handler: sync, method: "POST" },
      { handler: publish, method: "POST" },
      { handler: adminDeploy, method: "POST" },
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        appIdParam,
        rawBody,
        fc.constantFrom(() => other.cookie, () => owner.cookie),
        async (route, appId, body, cookie) => {
          const res = await callRoute(route.handler, {
            method: route.method,
            cookie: cookie(),
            params: { appId },
            body: route.method === "GET" ? undefined : body,
          });
          expect(ALLOWED).toContain(await statusOf(res));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("the owner's real app with hostile bodies answers 4xx and is left intact", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(patchApp, sync), rawBody, async (handler, body) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        fc.pre(!(parsed && typeof parsed === "object" && "name" in parsed && typeof (parsed as { name: unknown }).name === "string"));
        const res = await callRoute(handler, { method: handler === patchApp ? "PATCH" : "POST", cookie: owner.cookie, params: { appId: app.id }, body });
        expect(ALLOWED).toContain(await statusOf(res));
      }),
      { numRuns: 60 },
    );
    const still = await callRoute(getApp, { cookie: owner.cookie, params: { appId: app.id } });
    expect(((await still.json()) as { app: { name: string } }).app.name).toBe(app.name);
  });

  it("creating an app with hostile bodies never creates a broken one", async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, async (body) => {
        const before = await getAppsByOwnerId({ ownerId: owner.id });
        const res = await callRoute(createApp, { method: "POST", cookie: owner.cookie, body });
        const status = await statusOf(res.clone());
        const answer = (await res.json()) as { app?: { id: string; name: string } };
        const after = await getAppsByOwnerId({ ownerId: owner.id });
        if (status !== 201) {
          expect(ALLOWED).toContain(status);
          // A refused body leaves no row behind.
          expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
          return;
        }
        // Exactly one new row: the owner's, named as validated, with nothing linked yet.
        const created = after.filter((a) => !before.some((b) => b.id === a.id));
        expect(created).toHaveLength(1);
        const row = created[0]!;
        const expected = createAppSchema.parse(JSON.parse(body)).name;
        expect(row).toMatchObject({ id: answer.app!.id, ownerId: owner.id, name: expected, chatId: null, repoName: null, vercelProjectId: null });
        expect(row.name.length).toBeGreaterThan(0);
        expect(row.name.length).toBeLessThanOrEqual(80);
        expect(await getAppById({ id: row.id })).toEqual(row);
      }),
      { numRuns: 60 },
    );
  });

  it("odd headers don't turn into errors: wrong content type, hostile cookies, cross-site origin", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ "content-type": hostileString.filter((s) => /^[\t\x20-\x7e]*$/.test(s)), cookie: fc.constantFrom("", "x=1", `${owner.cookie}; a=b`, "better-auth.session_token=forged") }),
        async (headers) => {
          const res = await callRoute(sync, { method: "POST", params: { appId: app.id }, body: { chatId: "x" }, headers });
          expect(ALLOWED).toContain(await statusOf(res));
        },
      ),
      { numRuns: 40 },
    );
  });
});
