import { describe, expect, it } from "vitest";
import { bundleGeneratedPage } from "@/tests/helpers/bundle-app";
import { renderFiles } from "./render";
import { APP_KINDS, type AppSpec, initialSpec } from "./spec";

const bundlePage = (spec: AppSpec) => bundleGeneratedPage(Object.fromEntries(renderFiles(spec).map((f) => [f.name, f.content])));

describe("rendered apps", () => {
  it.each(APP_KINDS)("a %s app bundles, with every section, and shows its title", async (kind) => {
    const spec = { ...initialSpec(`a ${kind}`), kind, sections: ["features", "testimonials", "pricing", "contact", "footer"] } as AppSpec;
    const code = await bundlePage(spec);
    expect(code).toContain(JSON.stringify(spec.title));
  });

  it("keeps hostile titles as text, never as code", async () => {
    const title = 'Bob\'s "Best" {app} </script> `x` ${1}';
    await expect(bundlePage({ ...initialSpec("a todo app"), title })).resolves.toEqual(expect.any(String));
    const page = renderFiles({ ...initialSpec("a todo app"), title }).find((f) => f.name === "app/page.tsx")!.content;
    expect(page).toContain('{"Bob\'s \\"Best\\" {app} \\u003c/script> `x` ${1}"}');
  });
});
