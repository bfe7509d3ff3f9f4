import { describe, expect, it } from "vitest";
import type { Prerender, PrerenderedPage, PrerenderFailure } from "./prerender";
import { STAND_IN_VALUE, settingsFailure } from "./settings-failure";

// Only which paths rendered matters here, not their HTML.
const result = (failures: PrerenderFailure[], rendered: string[] = [], finished = true): Prerender => ({
  pages: new Map(rendered.map((path) => [path, { html: `<p>${path}</p>` } as PrerenderedPage])),
  problems: [],
  failures,
  finished,
});
const reads = new Set(["NEXT_PUBLIC_SITE_URL", "NEXT_PUBLIC_LABEL"]);

describe("settingsFailure", () => {
  it("renders again with stand-ins for the app's settings a failure read without a value, and blames them when that changes the outcome", async () => {
    const asked: Record<string, string>[] = [];
    const lines = await settingsFailure(result([{ path: "/share", error: "siteUrl is required.", unset: ["NEXT_PUBLIC_SITE_URL", "HOSTNAME_HINT"] }], ["/"]), reads, async (standIns) => {
      asked.push(standIns);
      return result([], ["/", "/share"]);
    });
    expect(asked).toEqual([{ NEXT_PUBLIC_SITE_URL: STAND_IN_VALUE }]);
    expect(lines).toEqual(['Error occurred prerendering page "/share": siteUrl is required. (settings it read without a value: NEXT_PUBLIC_SITE_URL)']);
  });

  it("counts failing otherwise as a change", async () => {
    const lines = await settingsFailure(result([{ path: null, error: "siteUrl is required.", unset: ["NEXT_PUBLIC_SITE_URL"] }]), reads, async () =>
      result([{ path: null, error: "Invalid siteUrl", unset: [] }]),
    );
    expect(lines).toEqual(["Error: the app's code failed as it loaded: siteUrl is required. (settings it read without a value: NEXT_PUBLIC_SITE_URL)"]);
  });

  it("blames nothing when the stand-ins change nothing, or the second rendering didn't finish", async () => {
    const windowCrash = result([{ path: "/", error: "window is not defined", unset: ["NEXT_PUBLIC_LABEL"] }]);
    expect(await settingsFailure(windowCrash, reads, async () => windowCrash)).toBeNull();
    expect(await settingsFailure(windowCrash, reads, async () => result([], [], false))).toBeNull();
  });

  it("doesn't render again when no failure read a setting of the app's without a value", async () => {
    let renders = 0;
    const again = async () => {
      renders++;
      return result([]);
    };
    expect(await settingsFailure(result([{ path: "/", error: "boom", unset: ["SOME_TOKEN"] }]), reads, again)).toBeNull();
    expect(await settingsFailure(result([], ["/"]), reads, again)).toBeNull();
    expect(renders).toBe(0);
  });
});
