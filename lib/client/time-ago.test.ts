import { describe, expect, it } from "vitest";
import { timeAgo } from "./time-ago";

const now = new Date("2026-05-10T12:00:00.000Z");
const before = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe("timeAgo", () => {
  it.each([
    [5, "just now"],
    [59, "just now"],
    [60, "1 minute ago"],
    [3 * 60 + 30, "3 minutes ago"],
    [2 * 3600, "2 hours ago"],
    [26 * 3600, "yesterday"],
    [3 * 24 * 3600, "3 days ago"],
    [15 * 24 * 3600, "2 weeks ago"],
    [400 * 24 * 3600, "last year"],
  ])("%i seconds ago reads %s", (seconds, text) => {
    expect(timeAgo(before(seconds), now)).toBe(text);
  });

  it("treats a time ahead of the browser's clock as just now", () => {
    expect(timeAgo(new Date(now.getTime() + 5 * 60_000).toISOString(), now)).toBe("just now");
  });
});
