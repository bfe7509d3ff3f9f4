import "server-only";

import type { Prerender, PrerenderFailure } from "./prerender";

// A page that throws while it is prerendered is usually fine in a browser
// (it touched `window` as it loaded), so it is left to render there. One
// that throws because a setting the app reads has no value throws in the
// browser too: that build fails instead, naming the settings, and the
// builder is asked for them (lib/deploy/run-cycle.ts) rather than shown a
// crashed page.
//
// The blame rests on evidence, not on the error's words ("supabaseUrl is
// required." names no setting): of the names a failure read without a
// value, those the app's own code reads get a stand-in value and the pages
// render again. If that changes how the failure ends (the page renders, or
// fails otherwise), the missing values are what stopped it. A page that
// merely reads an optional setting (`process.env.NEXT_PUBLIC_SITE_URL ??
// "/"`) and fails for another reason fails the same way again, and keeps
// rendering in the browser.

// Shaped like an address, as the values most often checked are.
export const STAND_IN_VALUE = "https://stand-in.invalid";

// The build's log lines for the failures settings are to blame for, or null
// when there are none. `appReads`: the setting names the app's code reads;
// `renderWith` renders the pages again with extra environment values.
export async function settingsFailure(
  first: Prerender,
  appReads: ReadonlySet<string>,
  renderWith: (standIns: Record<string, string>) => Promise<Prerender>,
): Promise<string[] | null> {
  const suspects = first.failures.map((failure) => ({ failure, names: [...new Set(failure.unset)].filter((name) => appReads.has(name)).sort() }));
  const standIns = Object.fromEntries(suspects.flatMap(({ names }) => names).map((name) => [name, STAND_IN_VALUE]));
  if (Object.keys(standIns).length === 0) return null;
  const again = await renderWith(standIns);
  const blamed = suspects.filter(({ failure, names }) => {
    if (names.length === 0) return false;
    const before = outcome(first, failure.path);
    const after = outcome(again, failure.path);
    return after !== null && after !== before;
  });
  if (blamed.length === 0) return null;
  return blamed.map(({ failure, names }) => `${where(failure)}: ${failure.error} (settings it read without a value: ${names.join(", ")})`);
}

// How a path's rendering (or, for null, the loading of the app's code)
// ended; null when the renderer stopped before it said.
function outcome(result: Prerender, path: string | null): string | null {
  if (!result.finished) return null;
  const load = result.failures.find((f) => f.path === null);
  if (load) return `failed to load: ${load.error}`;
  if (path === null) return "loaded";
  const failure = result.failures.find((f) => f.path === path);
  if (failure) return `failed: ${failure.error}`;
  return result.pages.has(path) ? "rendered" : null;
}

// Worded as next build words it, so the build log reads the same either way.
function where(failure: PrerenderFailure): string {
  return failure.path === null ? "Error: the app's code failed as it loaded" : `Error occurred prerendering page "${failure.path}"`;
}
