import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Env } from "@/lib/env";
import { keyVersion, openValue, sealValue, settingsKeyring } from "./crypto";

const key = () => randomBytes(32).toString("base64");
const ring = (current: string, previous: string[] = []) => settingsKeyring({ SETTINGS_ENCRYPTION_KEY: current, SETTINGS_ENCRYPTION_KEYS_PREVIOUS: previous } as unknown as Env);
const VALUE = "sk_live_51Hcrypto0round0trip0value";

describe("sealed settings", () => {
  it("round-trips a value, with a fresh 12-byte nonce each time and no plaintext in what is stored", () => {
    const keys = ring(key());
    const a = sealValue(VALUE, "app-setting:1:STRIPE", keys);
    const b = sealValue(VALUE, "app-setting:1:STRIPE", keys);
    expect(openValue(a, "app-setting:1:STRIPE", keys)).toBe(VALUE);
    expect(Buffer.from(a.nonce, "base64")).toHaveLength(12);
    expect(Buffer.from(a.tag, "base64")).toHaveLength(16);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(JSON.stringify(a)).not.toContain("sk_live");
    expect(openValue(sealValue("", "c", keys), "c", keys)).toBe("");
    expect(openValue(sealValue("ünïcødé ✓", "c", keys), "c", keys)).toBe("ünïcødé ✓");
  });

  it("names the key it was sealed under, and opens under a rotated keyring while the old key is listed", () => {
    const oldKey = key();
    const newKey = key();
    const sealed = sealValue(VALUE, "ctx", ring(oldKey));
    expect(sealed.keyVersion).toBe(keyVersion(Buffer.from(oldKey, "base64")));
    const rotated = ring(newKey, [oldKey]);
    expect(rotated.current.version).not.toBe(sealed.keyVersion);
    expect(openValue(sealed, "ctx", rotated)).toBe(VALUE);
    expect(sealValue(VALUE, "ctx", rotated).keyVersion).toBe(rotated.current.version);
    // Once the old key is dropped, its values no longer open; the error names the key version only.
    const error = (() => {
      try {
        openValue(sealed, "ctx", ring(newKey));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/neither SETTINGS_ENCRYPTION_KEY nor in SETTINGS_ENCRYPTION_KEYS_PREVIOUS/);
    expect(error?.message).not.toContain(oldKey);
  });

  it.each([
    ["ciphertext", (s: ReturnType<typeof sealValue>) => ({ ...s, ciphertext: flip(s.ciphertext) })],
    ["tag", (s: ReturnType<typeof sealValue>) => ({ ...s, tag: flip(s.tag) })],
    ["nonce", (s: ReturnType<typeof sealValue>) => ({ ...s, nonce: flip(s.nonce) })],
  ])("refuses a tampered %s", (_part, tamper) => {
    const keys = ring(key());
    const sealed = sealValue(VALUE, "ctx", keys);
    expect(() => openValue(tamper(sealed), "ctx", keys)).toThrow(/failed authentication/);
  });

  it("refuses a value moved to another app or name", () => {
    const keys = ring(key());
    const sealed = sealValue(VALUE, "app-setting:A:STRIPE_SECRET_KEY", keys);
    expect(() => openValue(sealed, "app-setting:B:STRIPE_SECRET_KEY", keys)).toThrow(/failed authentication/);
    expect(() => openValue(sealed, "app-setting:A:OPENAI_API_KEY", keys)).toThrow(/failed authentication/);
  });

  it("refuses a key that isn't 32 bytes, saying how to make one", () => {
    expect(() => ring("too-short")).toThrow(/SETTINGS_ENCRYPTION_KEY must be 32 random bytes in base64 .*openssl rand -base64 32/);
    expect(() => ring(key(), ["short"])).toThrow(/SETTINGS_ENCRYPTION_KEYS_PREVIOUS \(key 1\)/);
  });
});

function flip(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString("base64");
}
