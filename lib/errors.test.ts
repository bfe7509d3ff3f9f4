import { describe, expect, it, vi } from "vitest";
import { AppError, IntegrationError, isAppError, isIntegrationError, markError } from "./errors";

// A production build bundles these classes more than once (instrumentation and
// each route have their own copy). A second copy of a class is what a fresh
// module instance gives, so the guards are tested against one.
async function secondCopy(): Promise<typeof import("./errors")> {
  vi.resetModules();
  return import("./errors");
}

describe("errors are recognised across copies of their module", () => {
  it("an IntegrationError from another copy fails instanceof but passes the guard", async () => {
    const other = await secondCopy();
    const error = new other.IntegrationError("vercel", "conflict", "name taken");
    // eslint-disable-next-line no-restricted-syntax -- showing why the guard exists
    expect(error instanceof IntegrationError).toBe(false);
    expect(isIntegrationError(error)).toBe(true);
    expect(isAppError(error)).toBe(false);
  });

  it("an AppError from another copy passes the guard and keeps its status", async () => {
    const other = await secondCopy();
    const error = new other.AppError("conflict", "still updating");
    // eslint-disable-next-line no-restricted-syntax -- showing why the guard exists
    expect(error instanceof AppError).toBe(false);
    expect(isAppError(error)).toBe(true);
    expect(error.status).toBe(409);
  });

  it("look-alikes without the mark are not taken for them", () => {
    const lookAlike = Object.assign(new Error("x"), { name: "IntegrationError", service: "github", kind: "conflict" });
    expect(isIntegrationError(lookAlike)).toBe(false);
    expect(isAppError({ code: "not_found", message: "x" })).toBe(false);
    expect(isIntegrationError(null)).toBe(false);
  });

  it("marks are per name", () => {
    const error = new Error("x");
    markError(error, "Something");
    expect(isAppError(error)).toBe(false);
  });
});
