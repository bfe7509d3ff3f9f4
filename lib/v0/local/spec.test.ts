import { describe, expect, it } from "vitest";
import { applyFollowUp, initialSpec } from "./spec";

describe("initialSpec", () => {
  it.each([
    ["a todo app with a dark theme", { kind: "todo", dark: true, title: "My Tasks" }],
    ["a pricing page for my yoga studio in green", { kind: "pricing", accent: "green", title: "Yoga Studio" }],
    ["a landing page for my bakery", { kind: "landing", title: "Bakery", sections: ["features", "footer"] }],
    ["a contact form called Say Hello", { kind: "form", title: "Say Hello" }],
    ["a dashboard with stat cards and a table of orders", { kind: "dashboard", title: "Dashboard" }],
    ["my photography portfolio", { kind: "portfolio" }],
    ["a blog about cooking with testimonials", { kind: "blog", sections: ["testimonials", "footer"] }],
    ["something nice", { kind: "landing", title: "Welcome", dark: false, accent: "indigo" }],
  ])("%s", (prompt, expected) => {
    expect(initialSpec(prompt)).toMatchObject(expected);
  });
});

describe("applyFollowUp", () => {
  const todo = initialSpec("a todo app");

  it("changes the title and says so", () => {
    const { spec, summary } = applyFollowUp(todo, "change the title to Grocery List");
    expect(spec).toMatchObject({ title: "Grocery List", kind: "todo" });
    expect(summary).toBe("Done: I changed the title to “Grocery List”.");
  });

  it("switches theme and colour", () => {
    expect(applyFollowUp(todo, "make it dark").spec.dark).toBe(true);
    expect(applyFollowUp({ ...todo, dark: true }, "make it light").spec.dark).toBe(false);
    expect(applyFollowUp(todo, "make it blue").spec.accent).toBe("blue");
  });

  it("adds and removes sections", () => {
    const added = applyFollowUp(todo, "add a contact form and testimonials").spec;
    expect(added.sections).toEqual(expect.arrayContaining(["contact", "testimonials", "footer"]));
    expect(added.sections.at(-1)).toBe("footer");
    expect(applyFollowUp(todo, "remove the footer").spec.sections).not.toContain("footer");
  });

  it("keeps the app and explains when it can't tell what to change", () => {
    const { spec, summary } = applyFollowUp(todo, "hmm, not sure");
    expect(spec).toBe(todo);
    expect(summary).toMatch(/I kept your app as it is/);
  });

  it("keeps hostile titles as plain text", () => {
    const title = 'Bob\'s "Best" {app} </script> `x`';
    expect(applyFollowUp(todo, `change the title to ${title}`).spec.title).toBe(title);
  });
});
