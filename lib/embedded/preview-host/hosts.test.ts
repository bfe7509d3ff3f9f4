import { describe, expect, it } from "vitest";
import { claimProjectLabels, deploymentLabel, resolveHost } from "./hosts";
import { newId } from "./store";

describe("preview host names", () => {
  it("are DNS labels, whatever the project name", () => {
    const long = claimProjectLabels(newId("prj"), "a".repeat(100));
    expect(long.stagingLabel.length).toBeLessThanOrEqual(63);
    expect(long.stagingLabel).toBe(`${long.productionLabel}-preview`);
    expect(claimProjectLabels(newId("prj"), "my.app_v2").productionLabel).toBe("my-app-v2");
    const id = newId("dpl");
    expect(deploymentLabel(id)).toMatch(/^dpl-[a-z0-9]+$/);
    expect(deploymentLabel(id).length).toBeLessThanOrEqual(63);
  });

  it("never collide: between projects, with staging hosts, or with deployments", () => {
    const shop = newId("prj");
    expect(claimProjectLabels(shop, "shop")).toEqual({ productionLabel: "shop", stagingLabel: "shop-preview" });
    const shopPreview = claimProjectLabels(newId("prj"), "shop-preview");
    expect(shopPreview.productionLabel).not.toBe("shop-preview");
    const dotted = claimProjectLabels(newId("prj"), "shop.");
    expect(dotted.productionLabel).not.toBe("shop");
    expect(claimProjectLabels(newId("prj"), "dpl-fake").productionLabel).toBe("app-dpl-fake");

    expect(resolveHost("shop.localhost:3100")).toEqual({ projectId: shop, kind: "production" });
    expect(resolveHost("SHOP-PREVIEW.localhost")).toEqual({ projectId: shop, kind: "staging" });
    expect(resolveHost("dpl-abc123.localhost:3100")).toEqual({ deploymentId: "dpl_abc123" });
    expect(resolveHost("shop.example.com")).toBeNull();
    expect(resolveHost(undefined)).toBeNull();
  });
});
