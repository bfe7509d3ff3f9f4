import { describe, expect, it } from "vitest";
import { inputStatusText } from "./input-status";

describe("the line under the chat input", () => {
  it("says the server's message for an outcome, so it matches the preview header", () => {
    const failedFirst = { state: "failed" as const, message: "Couldn't build the preview. Try describing the change again." };
    const publishFailed = { state: "failed" as const, message: "Couldn't publish this version. Your live app hasn't changed." };
    expect(inputStatusText("done", failedFirst, false, null)).toBe(failedFirst.message);
    expect(inputStatusText("done", publishFailed, false, null)).toBe(publishFailed.message);
    expect(inputStatusText("done", { state: "ready", message: "Your app is live" }, false, null)).toBe("Your app is live");
  });

  it("shows progress first, then a refusal notice", () => {
    const failed = { state: "failed" as const, message: "x" };
    expect(inputStatusText("streaming", failed, false, null)).toBe("Writing your app…");
    expect(inputStatusText("done", { state: "publishing", message: "Publishing…" }, true, null)).toBe("Publishing…");
    expect(inputStatusText("finishing", failed, false, null)).toBe("Updating preview…");
    expect(inputStatusText("done", failed, false, "Your preview is still updating; try again in a moment.")).toMatch(/still updating/);
    expect(inputStatusText("idle", null, false, null)).toBeNull();
  });
});
