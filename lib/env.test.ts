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
});
