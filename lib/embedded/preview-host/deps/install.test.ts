import { describe, expect, it } from "vitest";
import { explain } from "./install";

describe("install failures, said plainly", () => {
  it("names a package the registry doesn't have", () => {
    const lines = [" ERR_PNPM_FETCH_404  GET https://registry.npmjs.org/@acme%2Fwidgets: Not Found - 404", "", "@acme/widgets is not in the npm registry, or you have no permission to fetch it."];
    expect(explain(lines)[0]).toBe('Installing dependencies failed: "@acme/widgets" doesn\'t exist in the package registry');
  });

  it("names a version no release matches", () => {
    expect(explain([" ERR_PNPM_NO_MATCHING_VERSION  No matching version found for lucide-react@99.0.0 while fetching it from https://registry.npmjs.org/"])[0]).toBe(
      "Installing dependencies failed: no published version matches lucide-react@99.0.0",
    );
  });

  it("says when the registry can't be reached", () => {
    expect(explain([" WARN  GET http://127.0.0.1:9/left-pad error (ECONNREFUSED). Will retry in 2 seconds.", " ERR_PNPM_META_FETCH_FAIL  GET http://127.0.0.1:9/left-pad: request to http://127.0.0.1:9/left-pad failed, reason: connect ECONNREFUSED 127.0.0.1:9"])[0]).toBe(
      "Installing dependencies failed: the package registry couldn't be reached (ECONNREFUSED)",
    );
  });
});
