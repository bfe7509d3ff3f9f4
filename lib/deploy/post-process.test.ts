import { describe, expect, it } from "vitest";
import { loadV0Fixture } from "@/tests/fixtures/v0-projects";
import { injectInvariants } from "./post-process";
import { invariantFiles } from "./templates/invariant-files";

describe("injectInvariants", () => {
  it("keeps a v0 project exactly as v0 made it, adding only what no file plays the role of", () => {
    const project = loadV0Fixture("fitness");
    const result = injectInvariants(project);
    for (const [path, content] of Object.entries(project)) expect(result[path], path).toBe(content);
    expect(Object.keys(result).filter((p) => !(p in project))).toEqual(["README.md"]);
  });

  it("adds no next.config.mjs beside the app's next.config.ts (Next.js would read the injected one first)", () => {
    const result = injectInvariants({ "next.config.ts": "export default {}", "postcss.config.js": "module.exports = {}", "app/page.tsx": "" });
    expect(result["next.config.mjs"]).toBeUndefined();
    expect(result["postcss.config.mjs"]).toBeUndefined();
    expect(result["next.config.ts"]).toBe("export default {}");
  });

  it("adds no root app/ folder to an app kept under src/", () => {
    const result = injectInvariants({ "src/app/page.tsx": "", "src/app/layout.tsx": "" });
    expect(Object.keys(result).filter((p) => p.startsWith("app/"))).toEqual([]);
  });

  it("adds the layout and manifest an app lacks, and never touches its own components", () => {
    const page = 'import { Card } from "@/components/ui/card"\n';
    const own = "export function Card() { return null }\n";
    const result = injectInvariants({ "app/page.tsx": page, "components/ui/card.tsx": own });
    expect(result["components/ui/card.tsx"]).toBe(own);
    expect(Object.keys(result).filter((p) => p.startsWith("components/"))).toEqual(["components/ui/card.tsx"]);
    expect(result["app/layout.tsx"]).toBe(invariantFiles["app/layout.tsx"]);
    expect(JSON.parse(result["package.json"] as string).dependencies).toHaveProperty("next");
  });
});
