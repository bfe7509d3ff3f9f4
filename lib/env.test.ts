import { afterEach, describe, expect, it, vi } from "vitest";
import { getEnv, resetEnvForTests } from "./env";

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
});
