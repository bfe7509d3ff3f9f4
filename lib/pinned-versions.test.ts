import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PINNED_DEPENDENCIES, PINNED_DEV_DEPENDENCIES } from "./pinned-versions";

function installedVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return null;
  }
}

describe("the pinned versions", () => {
  const pinned = Object.entries({ ...PINNED_DEPENDENCIES, ...PINNED_DEV_DEPENDENCIES });

  it("are the versions installed beside this app, for every package installed here", () => {
    for (const [name, version] of pinned) {
      const installed = installedVersion(name);
      if (installed !== null) expect(installed, name).toBe(version);
    }
  });

  // A package this project stops installing (or starts installing) shows
  // up here, so its pin is checked again by hand or by the test above.
  it("name only these packages that this project doesn't install", () => {
    const missing = pinned.filter(([name]) => installedVersion(name) === null).map(([name]) => name);
    expect(missing.sort()).toEqual(["@hookform/resolvers", "date-fns", "framer-motion", "react-hook-form", "recharts"]);
  });
});
