import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as removeSetting, PUT as putSetting } from "@/app/api/apps/[appId]/settings/[name]/route";
import { GET as listSettings, POST as addSetting } from "@/app/api/apps/[appId]/settings/route";
import { getDb } from "@/lib/db/client";
import { type App, appSettings } from "@/lib/db/schema";
import { recordNeededSettings } from "@/lib/db/settings";
import { pendingSettingsApply } from "@/lib/deploy/apply-settings";
import { appEnvironment } from "@/lib/settings/environment";
import { MAX_SETTINGS } from "@/lib/settings/names";
import { chatTurn, syncApp } from "@/tests/helpers/apps";
import { callRoute, errorOf } from "@/tests/helpers/route";
import { signUp, type TestUser } from "@/tests/helpers/session";

let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let app: App;
const SECRET = "sk_live_51Route0Secret0Value0Nobody0Sees";

beforeAll(async () => {
  owner = await signUp();
  other = await signUp();
  admin = await signUp("admin@example.com");
  app = await chatTurn(owner, "a todo app");
});

// Every console line the routes write, to prove no value is among them.
const logged: string[] = [];
for (const level of ["log", "info", "warn", "error"] as const) {
  const original = console[level];
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    original(...args);
  });
}
afterEach(async () => {
  await pendingSettingsApply(app.id);
  expect(logged.join("\n")).not.toContain(SECRET);
});

const list = (user: TestUser, appId = app.id) => callRoute(listSettings, { cookie: user.cookie, params: { appId } });
const put = (user: TestUser, name: string, value: unknown, appId = app.id) =>
  callRoute(putSetting, { method: "PUT", cookie: user.cookie, params: { appId, name }, body: { value } });
const add = (user: TestUser, body: unknown) => callRoute(addSetting, { method: "POST", cookie: user.cookie, params: { appId: app.id }, body });
const remove = (user: TestUser, name: string) => callRoute(removeSetting, { method: "DELETE", cookie: user.cookie, params: { appId: app.id, name } });

type Listed = { settings: { name: string; label: string; public: boolean; needed: boolean; set: boolean; updatedAt: string | null; updatedBy: string | null }[]; appliesTo: { preview: boolean; liveNeedsPublish: boolean } };

describe("settings routes", () => {
  it("lists needed settings first, then by name, with labels and never a value", async () => {
    await recordNeededSettings({ appId: app.id, names: ["STRIPE_SECRET_KEY", "NEXT_PUBLIC_SUPABASE_URL"] });
    expect((await put(owner, "ZED_TOKEN", "not-a-secret-really")).status).toBe(200);
    expect((await put(owner, "STRIPE_SECRET_KEY", SECRET)).status).toBe(200);

    const res = await list(owner);
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    expect(text).not.toContain(SECRET);
    const body = (await res.json()) as Listed;
    expect(body.settings.map((s) => [s.name, s.label, s.public, s.needed, s.set])).toEqual([
      ["NEXT_PUBLIC_SUPABASE_URL", "Supabase address", true, true, false],
      ["STRIPE_SECRET_KEY", "Stripe secret key", false, true, true],
      ["ZED_TOKEN", "ZED_TOKEN", false, false, true],
    ]);
    const stripe = body.settings[1]!;
    expect(stripe.updatedBy).toBe("Test Builder");
    expect(Date.parse(stripe.updatedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.appliesTo).toEqual({ preview: true, liveNeedsPublish: false });

    // Stored sealed, under the current key, and opened only for the hosts.
    const [row] = await getDb().select().from(appSettings).where(eq(appSettings.name, "STRIPE_SECRET_KEY"));
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(row!.keyVersion).toMatch(/^[0-9a-f]{12}$/);
    expect((await appEnvironment(app.id)).find((v) => v.key === "STRIPE_SECRET_KEY")).toEqual({ key: "STRIPE_SECRET_KEY", value: SECRET, secret: true });
  });

  it("answers a save with the setting and, for a secret in a public name, a plain warning", async () => {
    const res = await put(owner, "NEXT_PUBLIC_STRIPE_KEY", "sk_live_51Thisisasecretkeyinpublic");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { setting: Listed["settings"][number]; warning?: string };
    expect(body.setting).toMatchObject({ name: "NEXT_PUBLIC_STRIPE_KEY", public: true, set: true, needed: false });
    expect(body.warning).toMatch(/visible to everyone who opens the app/);
    expect(JSON.stringify(body)).not.toContain("sk_live_51This");

    const publishable = (await (await put(owner, "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "pk_live_51abcdefghijklmnopqrstuvwxyz")).json()) as { warning?: string };
    expect(publishable.warning).toBeUndefined();
  });

  it("adds a setting by name, with or without a value, and refuses a name it already has", async () => {
    const res = await add(owner, { name: "RESEND_API_KEY" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { setting: Listed["settings"][number] }).setting).toMatchObject({ name: "RESEND_API_KEY", label: "Resend API key", set: false });
    expect((await add(owner, { name: "OPENAI_API_KEY", value: "sk-proj-abcdefghijklmnopqrstuv" })).status).toBe(201);
    expect(await errorOf(await add(owner, { name: "RESEND_API_KEY" }))).toMatchObject({ status: 409, code: "conflict" });
  });

  it("removes a value; a name the code still needs stays listed as not set", async () => {
    expect((await remove(owner, "STRIPE_SECRET_KEY")).status).toBe(200);
    expect((await remove(owner, "ZED_TOKEN")).status).toBe(200);
    const body = (await (await list(owner)).json()) as Listed;
    expect(body.settings.find((s) => s.name === "STRIPE_SECRET_KEY")).toMatchObject({ needed: true, set: false });
    expect(body.settings.find((s) => s.name === "ZED_TOKEN")).toBeUndefined();
    expect(await errorOf(await remove(owner, "ZED_TOKEN"))).toMatchObject({ status: 404, code: "not_found" });
  });

  it.each([
    ["a name with a dash", "MY-KEY"],
    ["a name starting with a digit", "1KEY"],
    ["a name with a space", "MY KEY"],
    ["NODE_ENV", "NODE_ENV"],
    ["a VERCEL_ name", "VERCEL_URL"],
    ["CI", "CI"],
    ["PORT", "PORT"],
    ["NEXT_RUNTIME", "NEXT_RUNTIME"],
    ["a name over 128 characters", "K".repeat(129)],
  ])("refuses %s with a 400", async (_label, name) => {
    const error = await errorOf(await put(owner, name, "value"));
    expect(error).toMatchObject({ status: 400, code: "bad_request" });
    expect(error.message).not.toMatch(/undefined|zod|regex/i);
  });

  it("refuses a value that isn't a string, values over the 64 KB total, and more than the most settings", async () => {
    expect(await errorOf(await put(owner, "A_KEY", 42))).toMatchObject({ status: 400, code: "bad_request" });
    expect(await errorOf(await put(owner, "BIG_ONE", "x".repeat(64 * 1024)))).toMatchObject({ status: 413, code: "payload_too_large" });
    expect((await put(owner, "HALF_ONE", "x".repeat(40 * 1024))).status).toBe(200);
    expect(await errorOf(await put(owner, "HALF_TWO", "x".repeat(30 * 1024)))).toMatchObject({ status: 413, code: "payload_too_large" });
    // Replacing a value counts the new one, not both.
    expect((await put(owner, "HALF_ONE", "y".repeat(50 * 1024))).status).toBe(200);
    expect((await remove(owner, "HALF_ONE")).status).toBe(200);

    const existing = ((await (await list(owner)).json()) as Listed).settings.length;
    await getDb()
      .insert(appSettings)
      .values(Array.from({ length: MAX_SETTINGS - existing }, (_, i) => ({ appId: app.id, name: `FILLER_${i}` })));
    expect(await errorOf(await add(owner, { name: "ONE_TOO_MANY" }))).toMatchObject({ status: 400, code: "bad_request" });
    await getDb().delete(appSettings).where(eq(appSettings.needed, false));
  });

  it("keeps another builder out (404) and lets an admin read names but change nothing", async () => {
    expect((await list(other)).status).toBe(404);
    expect((await put(other, "STOLEN", "x")).status).toBe(404);
    expect((await add(other, { name: "STOLEN" })).status).toBe(404);
    expect((await remove(other, "STRIPE_SECRET_KEY")).status).toBe(404);

    expect((await put(owner, "STRIPE_SECRET_KEY", SECRET)).status).toBe(200);
    const asAdmin = await list(admin);
    expect(asAdmin.status).toBe(200);
    const text = await asAdmin.text();
    expect(text).toContain("STRIPE_SECRET_KEY");
    expect(text).not.toContain(SECRET);
    expect((await put(admin, "STRIPE_SECRET_KEY", "x")).status).toBe(404);
    expect((await remove(admin, "STRIPE_SECRET_KEY")).status).toBe(404);
  });

  it("says once the app is live that the live app needs a Publish for changed settings", async () => {
    const preview = await syncApp(app.id);
    expect(preview.status).toBe("ready");
    await pendingSettingsApply(app.id);
    const { publishToProduction } = await import("@/lib/deploy/publish-production");
    const { getAppById } = await import("@/lib/db/queries");
    const { getIntegrations } = await import("@/lib/integrations");
    const live = await publishToProduction(await getIntegrations(), { app: (await getAppById({ id: app.id }))!, startedBy: { kind: "user", userId: owner.id } });
    expect(live.status).toBe("ready");
    expect(((await (await list(owner)).json()) as Listed).appliesTo.liveNeedsPublish).toBe(false);
    expect((await put(owner, "STRIPE_SECRET_KEY", `${SECRET}2`)).status).toBe(200);
    expect(((await (await list(owner)).json()) as Listed).appliesTo.liveNeedsPublish).toBe(true);
  });

  it("tells v0 the app's setting names, never their values, when the chat continues", async () => {
    const { getIntegrations } = await import("@/lib/integrations");
    await recordNeededSettings({ appId: app.id, names: ["STRIPE_SECRET_KEY", "NEXT_PUBLIC_SUPABASE_URL"] });
    expect((await put(owner, "STRIPE_SECRET_KEY", SECRET)).status).toBe(200);
    await pendingSettingsApply(app.id);
    const real = await getIntegrations();
    const sent: { message: string; system?: string }[] = [];
    const chat = { ...real.chat, sendMessage: (input: { chatId: string; message: string; system?: string }) => (sent.push(input), real.chat.sendMessage(input)) };
    await chatTurn(owner, "add a FAQ", app.id, { ...real, chat });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message).toBe("add a FAQ");
    expect(sent[0]!.system).toContain("Set: ");
    expect(sent[0]!.system).toMatch(/STRIPE_SECRET_KEY/);
    expect(sent[0]!.system).toMatch(/Not set yet.*NEXT_PUBLIC_SUPABASE_URL/);
    expect(sent[0]!.system).not.toContain(SECRET);
  });
});

