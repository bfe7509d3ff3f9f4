import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sealValue } from "@/lib/settings/crypto";
import { appEnvironment, sealContext } from "@/lib/settings/environment";
import { resealUnderCurrentKey } from "@/lib/settings/keys";
import { resetEnvForTests } from "@/tests/helpers/env";
import { signUp } from "@/tests/helpers/session";
import { getDb } from "./client";
import { createApp } from "./queries";
import { appSettings } from "./schema";
import { getSettingsByAppId, recordNeededSettings, saveSettingValue } from "./settings";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

const useKeys = (current: string, previous: string[] = []) => {
  vi.stubEnv("SETTINGS_ENCRYPTION_KEY", current);
  vi.stubEnv("SETTINGS_ENCRYPTION_KEYS_PREVIOUS", previous.join(","));
  resetEnvForTests();
};

async function appWith(values: Record<string, string>) {
  const user = await signUp();
  const app = await createApp({ ownerId: user.id, name: "Shop" });
  for (const [name, value] of Object.entries(values)) {
    await saveSettingValue({ appId: app.id, name, sealed: sealValue(value, sealContext(app.id, name)), valueBytes: value.length, userId: user.id });
  }
  return app;
}

describe("key rotation", () => {
  it("re-seals values under the new key at start, after which the old key can go", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    useKeys(oldKey);
    const app = await appWith({ STRIPE_SECRET_KEY: "sk_test_rotate_me_1", OPENAI_API_KEY: "sk-rotate-me-2222222222" });
    const before = await getDb().select().from(appSettings).where(eq(appSettings.appId, app.id));

    useKeys(newKey, [oldKey]);
    expect(await resealUnderCurrentKey()).toEqual({ resealed: 2, unreadable: 0 });
    const after = await getDb().select().from(appSettings).where(eq(appSettings.appId, app.id));
    expect(new Set(after.map((r) => r.keyVersion)).size).toBe(1);
    expect(after[0]!.keyVersion).not.toBe(before[0]!.keyVersion);
    // Who set it and when stay: the value didn't change.
    expect(after.map((r) => r.valueUpdatedAt?.getTime())).toEqual(before.map((r) => r.valueUpdatedAt?.getTime()));
    expect(await resealUnderCurrentKey()).toEqual({ resealed: 0, unreadable: 0 });

    useKeys(newKey);
    expect((await appEnvironment(app.id)).map((v) => v.value).sort()).toEqual(["sk-rotate-me-2222222222", "sk_test_rotate_me_1"]);
  });

  it("leaves a value whose key is gone as it is, saying so by name only", async () => {
    const lostKey = randomBytes(32).toString("base64");
    useKeys(lostKey);
    const app = await appWith({ RESEND_API_KEY: "re_lost_value_123456" });
    useKeys(randomBytes(32).toString("base64"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // (Values of this file's other apps, sealed under keys this ring lacks, count too.)
    const outcome = await resealUnderCurrentKey();
    expect(outcome.resealed).toBe(0);
    expect(outcome.unreadable).toBeGreaterThanOrEqual(1);
    expect(errors.mock.calls.flat().join(" ")).toContain("RESEND_API_KEY");
    expect(errors.mock.calls.flat().join(" ")).not.toContain("re_lost_value");
    expect((await getSettingsByAppId({ appId: app.id }))[0]).toMatchObject({ name: "RESEND_API_KEY", set: true });
  });
});

describe("needed settings", () => {
  it("follows the latest version: new names added, dropped ones removed unless they have a value", async () => {
    const app = await appWith({ KEPT_KEY: "value-that-stays" });
    await recordNeededSettings({ appId: app.id, names: ["A_KEY", "KEPT_KEY"] });
    const names = async () => (await getSettingsByAppId({ appId: app.id })).map((s) => [s.name, s.needed, s.set]);
    expect(await names()).toEqual([
      ["A_KEY", true, false],
      ["KEPT_KEY", true, true],
    ]);
    await recordNeededSettings({ appId: app.id, names: ["B_KEY"] });
    expect(await names()).toEqual([
      ["B_KEY", true, false],
      ["KEPT_KEY", false, true],
    ]);
    await recordNeededSettings({ appId: app.id, names: [] });
    expect(await names()).toEqual([["KEPT_KEY", false, true]]);
  });
});
