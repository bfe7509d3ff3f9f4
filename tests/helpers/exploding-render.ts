import type { AppSpec } from "@/lib/embedded/generator/app-spec";
import type * as Render from "@/lib/embedded/generator/render";

// The generator's renderer, except that the title "Explode" makes it throw:
// for seeing a reply fail part-way. Use as the factory of vi.mock("./render").
export function explodingRender(actual: typeof Render): typeof Render {
  return {
    ...actual,
    renderFiles: (spec: AppSpec) => {
      if (spec.title === "Explode") throw new Error("renderer broke");
      return actual.renderFiles(spec);
    },
  };
}
