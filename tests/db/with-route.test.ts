import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { createApp } from "@/lib/db/queries";
import { AppError, IntegrationError } from "@/lib/errors";
import { callRoute, errorOf } from "../helpers/route";
import { signUp, type TestUser } from "../helpers/session";

let builder: TestUser;
let admin: TestUser;

beforeAll(async () => {
  builder = await signUp();
  admin = await signUp("admin@example.com");
});

afterEach(() => vi.restoreAllMocks());

describe("withRoute", () => {
  it("401 without a session", async () => {
    const handler = withRoute({}, () => Response.json({ ok: true }));
    expect(await errorOf(await callRoute(handler))).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("403 on admin routes for builders, even on their own app", async () => {
    const app = await createApp({ ownerId: builder.id, name: "Mine" });
    const handler = withRoute({ admin: true, loadApp: true }, () => Response.json({ ok: true }));
    const res = await callRoute(handler, { method: "POST", cookie: builder.cookie, params: { appId: app.id } });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("admin routes load any builder's app", async () => {
    const app = await createApp({ ownerId: builder.id, name: "Theirs" });
    const handler = withRoute({ admin: true, loadApp: true }, ({ app }) => Response.json({ name: app.name }));
    const res = await callRoute(handler, { method: "POST", cookie: admin.cookie, params: { appId: app.id } });
    expect(await res.json()).toEqual({ name: "Theirs" });
  });

  it("admins get 404 on builder routes for apps that are not theirs", async () => {
    const app = await createApp({ ownerId: builder.id, name: "Theirs" });
    const handler = withRoute({ loadApp: true }, () => Response.json({ ok: true }));
    const res = await callRoute(handler, { cookie: admin.cookie, params: { appId: app.id } });
    expect(await errorOf(res)).toMatchObject({ status: 404, code: "not_found" });
  });

  it("400 with field messages, 413 past the body limit", async () => {
    const handler = withRoute({ body: z.object({ n: z.number() }), maxBodyBytes: 100 }, () => Response.json({}));
    const bad = await callRoute(handler, { method: "POST", cookie: builder.cookie, body: { n: "one" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty("n");
    const big = await callRoute(handler, { method: "POST", cookie: builder.cookie, body: { n: 1, pad: "x".repeat(200) } });
    expect(await errorOf(big)).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("413 for a chunked body with no length that grows past the limit", async () => {
    const handler = withRoute({ body: z.object({}).passthrough(), maxBodyBytes: 1024 }, () => Response.json({}));
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(512)));
        controller.close();
      },
    });
    const req = new Request("http://localhost:3000/api/test", {
      method: "POST",
      headers: { cookie: builder.cookie, "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    const res = await handler(req, { params: Promise.resolve({}) });
    expect(await errorOf(res)).toMatchObject({ status: 413 });
  });

  it("maps AppError to its status with the plain message", async () => {
    const handler = withRoute({}, () => {
      throw new AppError("conflict", "Your preview is still updating; try again in a moment.", { detail: "row 7 locked" });
    });
    const res = await callRoute(handler, { cookie: builder.cookie });
    const text = await res.text();
    expect(res.status).toBe(409);
    expect(text).not.toContain("row 7");
  });

  it("turns unknown errors into a generic 500 with no stack or detail", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = withRoute({}, () => {
      throw new Error("connect ECONNREFUSED 10.0.0.1:5432 at Socket.<anonymous> (/srv/app/node_modules/x.js:1:1)");
    });
    const res = await callRoute(handler, { cookie: builder.cookie });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal", message: "Something went wrong on our side. Please try again." },
    });
    expect(console.error).toHaveBeenCalled();
  });

  it("hides provider errors behind a plain 502", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = withRoute({}, () => {
      throw new IntegrationError("github", "unavailable", "GitHub 502 on PATCH /repos/acme/app/git/refs/heads%2Fstaging");
    });
    const res = await callRoute(handler, { cookie: builder.cookie });
    const text = await res.text();
    expect(res.status).toBe(502);
    expect(text).not.toMatch(/github|staging/i);
  });
});
