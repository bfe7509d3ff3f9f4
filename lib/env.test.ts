import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/tests/helpers/env";
import { getEnv } from "./env";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("environment", () => {
  it("gives up on a deployment before the deploy routes' 800 s limit by default", () => {
    vi.stubEnv("DEPLOY_TIMEOUT_MS", undefined);
    resetEnvForTests();
    expect(getEnv().DEPLOY_TIMEOUT_MS).toBeLessThan(800_000);
  });

  it("refuses a deploy timeout the routes could not outlive, naming the variable", () => {
    vi.stubEnv("DEPLOY_TIMEOUT_MS", "900000");
    resetEnvForTests();
    expect(() => getEnv()).toThrow(/DEPLOY_TIMEOUT_MS/);
  });

  it.each([
    ["GITHUB_TOKEN", "VERCEL_TOKEN"],
    ["VERCEL_TOKEN", "GITHUB_TOKEN"],
  ])("refuses %s without %s at start, naming both variables", (set, unset) => {
    vi.stubEnv(set, "token");
    vi.stubEnv(unset, "");
    resetEnvForTests();
    expect(() => getEnv()).toThrow(new RegExp(`${set} is set but ${unset} is not`));
  });

  it.each([
    ["local git and local previews", { GITHUB_TOKEN: "", VERCEL_TOKEN: "", V0_API_KEY: "" }],
    ["GitHub and Vercel", { GITHUB_TOKEN: "ghp", VERCEL_TOKEN: "vc", V0_API_KEY: "" }],
    ["the real generator with the local stand-ins", { GITHUB_TOKEN: "", VERCEL_TOKEN: "", V0_API_KEY: "v0" }],
    ["everything real", { GITHUB_TOKEN: "ghp", VERCEL_TOKEN: "vc", V0_API_KEY: "v0" }],
  ])("accepts %s", (_label, vars) => {
    for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
    resetEnvForTests();
    expect(() => getEnv()).not.toThrow();
  });

  it("refuses DEPLOY_GRACE_MS at or above DEPLOY_TIMEOUT_MS at start, naming both", () => {
    vi.stubEnv("DEPLOY_TIMEOUT_MS", "60000");
    vi.stubEnv("DEPLOY_GRACE_MS", "60000");
    resetEnvForTests();
    expect(() => getEnv()).toThrow(/DEPLOY_GRACE_MS \(60000\) must be less than DEPLOY_TIMEOUT_MS \(60000\)/);
    vi.stubEnv("DEPLOY_GRACE_MS", "59999");
    resetEnvForTests();
    expect(() => getEnv()).not.toThrow();
  });

  it("requires SETTINGS_ENCRYPTION_KEY in production, and generates one once into DATA_DIR otherwise", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("BETTER_AUTH_SECRET", "set");
    vi.stubEnv("SETTINGS_ENCRYPTION_KEY", "");
    resetEnvForTests();
    expect(() => getEnv()).toThrow(/SETTINGS_ENCRYPTION_KEY is required in production.*openssl rand -base64 32/);

    vi.stubEnv("NODE_ENV", "development");
    resetEnvForTests();
    const generated = getEnv().SETTINGS_ENCRYPTION_KEY;
    expect(Buffer.from(generated, "base64")).toHaveLength(32);
    expect(readFileSync(path.resolve(getEnv().DATA_DIR, "settings-key"), "utf8").trim()).toBe(generated);
    resetEnvForTests();
    expect(getEnv().SETTINGS_ENCRYPTION_KEY).toBe(generated);
    expect(getEnv().BETTER_AUTH_SECRET).not.toBe(generated);
  });
});

