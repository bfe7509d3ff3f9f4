import "server-only";

import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

// A setting's value at rest: AES-256-GCM under the key `keyVersion` names,
// with a random 12-byte nonce per value, all base64.
export type SealedValue = { keyVersion: string; nonce: string; ciphertext: string; tag: string };

export type Keyring = { current: { version: string; key: Buffer }; all: Map<string, Buffer> };

const NONCE_BYTES = 12;

// The current key (SETTINGS_ENCRYPTION_KEY) and earlier ones
// (SETTINGS_ENCRYPTION_KEYS_PREVIOUS). A key's version is derived from the
// key itself, so rotating needs no numbering: whatever a value was sealed
// under is found again by its version.
export function settingsKeyring(env = getEnv()): Keyring {
  const current = parseKey(env.SETTINGS_ENCRYPTION_KEY, "SETTINGS_ENCRYPTION_KEY");
  const all = new Map<string, Buffer>();
  for (const [i, text] of env.SETTINGS_ENCRYPTION_KEYS_PREVIOUS.entries()) {
    const key = parseKey(text, `SETTINGS_ENCRYPTION_KEYS_PREVIOUS (key ${i + 1})`);
    all.set(keyVersion(key), key);
  }
  const version = keyVersion(current);
  all.set(version, current);
  return { current: { version, key: current }, all };
}

function parseKey(text: string, variable: string): Buffer {
  const key = Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new Error(`${variable} must be 32 random bytes in base64 (generate one with \`openssl rand -base64 32\`); it decodes to ${key.length} bytes.`);
  }
  return key;
}

export function keyVersion(key: Buffer): string {
  return createHash("sha256").update("app-settings-key:").update(key).digest("hex").slice(0, 12);
}

// `context` (the app and the setting's name) is authenticated with the value,
// so a sealed value moved to another app or name no longer opens.
export function sealValue(value: string, context: string, keyring = settingsKeyring()): SealedValue {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return {
    keyVersion: keyring.current.version,
    nonce: nonce.toString("base64"),
    ciphertext: ciphertext.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
  };
}

// Throws (without the value or key in the message) when the key is unknown
// or the value, nonce, tag or context was changed.
export function openValue(sealed: SealedValue, context: string, keyring = settingsKeyring()): string {
  const key = keyring.all.get(sealed.keyVersion);
  if (!key) throw new Error(`setting sealed under key ${sealed.keyVersion}, which is neither SETTINGS_ENCRYPTION_KEY nor in SETTINGS_ENCRYPTION_KEYS_PREVIOUS`);
  const nonce = Buffer.from(sealed.nonce, "base64");
  const tag = Buffer.from(sealed.tag, "base64");
  if (nonce.length !== NONCE_BYTES || tag.length !== 16) throw new Error("sealed setting is malformed");
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("sealed setting failed authentication (changed, or sealed for another app or name)");
  }
}
