import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { filesFromZip } from "./archive";

const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([p, c]) => [p, strToU8(c)])));
const names = (files: Record<string, string>) => filesFromZip(zip(files)).map((f) => f.name).sort();

describe("filesFromZip", () => {
  it("unwraps a project exported inside one folder", () => {
    expect(names({ "my-project/package.json": "{}", "my-project/app/page.tsx": "x" })).toEqual(["app/page.tsx", "package.json"]);
  });

  it("keeps the paths of a project whose files all live under one folder of its own", () => {
    expect(names({ "app/layout.tsx": "x", "app/page.tsx": "y" })).toEqual(["app/layout.tsx", "app/page.tsx"]);
  });

  it("keeps paths as they are when files sit at the root", () => {
    expect(names({ "package.json": "{}", "app/page.tsx": "x" })).toEqual(["app/page.tsx", "package.json"]);
  });
});
