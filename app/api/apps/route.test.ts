import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getOne, PATCH } from "@/app/api/apps/[appId]/route";
import { GET as list, POST as create } from "@/app/api/apps/route";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";

let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
});

async function createApp(user: TestUser, name = "Bakery site") {
  const res = await callRoute(create, { method: "POST", cookie: user.cookie, body: { name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { app: { id: string; name: string } }).app;
}

describe("apps API", () => {
  it("creates, lists, reads, renames and deletes the owner's app", async () => {
    const app = await createApp(owner);
    expect(app.name).toBe("Bakery site");

    const listed = (await (await callRoute(list, { cookie: owner.cookie })).json()) as { apps: { id: string }[] };
    expect(listed.apps.map((a) => a.id)).toContain(app.id);

    const read = await callRoute(getOne, { cookie: owner.cookie, params: { appId: app.id } });
    expect(read.status).toBe(200);

    const renamed = await callRoute(PATCH, {
      method: "PATCH",
      cookie: owner.cookie,
      params: { appId: app.id },
      body: { name: "Corner bakery" },
    });
    expect(((await renamed.json()) as { app: { name: string } }).app.name).toBe("Corner bakery");

    const deleted = await callRoute(DELETE, { method: "DELETE", cookie: owner.cookie, params: { appId: app.id } });
    expect(deleted.status).toBe(204);
    expect((await callRoute(getOne, { cookie: owner.cookie, params: { appId: app.id } })).status).toBe(404);
  });

  it("never lists another builder's apps", async () => {
    const mine = await createApp(owner, "Mine");
    const listed = (await (await callRoute(list, { cookie: other.cookie })).json()) as { apps: { id: string }[] };
    expect(listed.apps.map((a) => a.id)).not.toContain(mine.id);
  });

  it.each([
    ["GET", getOne, undefined],
    ["PATCH", PATCH, { name: "Stolen" }],
    ["DELETE", DELETE, undefined],
  ] as const)("answers 404 to another builder on %s, and changes nothing", async (method, handler, body) => {
    const app = await createApp(owner, "Private");
    const res = await callRoute(handler, { method, cookie: other.cookie, params: { appId: app.id }, body });
    expect(await errorOf(res)).toMatchObject({ status: 404, code: "not_found" });
    const still = await callRoute(getOne, { cookie: owner.cookie, params: { appId: app.id } });
    expect(((await still.json()) as { app: { name: string } }).app.name).toBe("Private");
  });

  it.each([
    ["anonymous list", list, { method: "GET" }, 401, "unauthorized"],
    ["anonymous create", create, { method: "POST", body: { name: "x" } }, 401, "unauthorized"],
    ["anonymous read", getOne, { method: "GET", params: { appId: "8f14e45f-ceea-4e6b-9b1b-1b2b3b4b5b6b" } }, 401, "unauthorized"],
  ] as const)("%s → %i", async (_name, handler, options, status, code) => {
    expect(await errorOf(await callRoute(handler, options))).toMatchObject({ status, code });
  });

  it.each([
    ["malformed JSON", "{not json", 400, "bad_request"],
    ["missing name", {}, 400, "bad_request"],
    ["wrong type", { name: 42 }, 400, "bad_request"],
    ["blank name", { name: "   " }, 400, "bad_request"],
    ["unknown field", { name: "ok", ownerId: "someone-else" }, 400, "bad_request"],
    ["array body", [1, 2], 400, "bad_request"],
    ["oversized body", { name: "x".repeat(70_000) }, 413, "payload_too_large"],
  ] as const)("refuses %s with %i", async (_name, body, status, code) => {
    const res = await callRoute(create, { method: "POST", cookie: owner.cookie, body });
    expect(await errorOf(res)).toMatchObject({ status, code });
  });

  it("names the invalid field in a 400", async () => {
    const res = await callRoute(create, { method: "POST", cookie: owner.cookie, body: { name: 42 } });
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields)).toEqual(["name"]);
  });

  it.each(["not-a-uuid", "../../etc/passwd", "8f14e45f-ceea-4e6b-9b1b-1b2b3b4b5b6b"])(
    "answers 404 for unknown app id %s",
    async (appId) => {
      const res = await callRoute(getOne, { cookie: owner.cookie, params: { appId } });
      expect(await errorOf(res)).toMatchObject({ status: 404, code: "not_found" });
    },
  );

  it("refuses cross-site writes", async () => {
    const res = await callRoute(create, {
      method: "POST",
      cookie: owner.cookie,
      body: { name: "CSRF" },
      headers: { origin: "https://evil.example" },
    });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden" });
  });
});
