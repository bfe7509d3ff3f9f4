import { describe, expect, it } from "vitest";
import { type AppSpec, parseSpec } from "./app-spec";
import { applyFollowUp, initialSpec } from "./spec";

describe("initialSpec", () => {
  it.each<[string, Partial<AppSpec>]>([
    ["a todo app with a dark theme", { kind: "todo", dark: true, title: "My Tasks", sections: ["footer"] }],
    ["a pricing page for my yoga studio in green", { kind: "pricing", accent: "green", title: "Yoga Studio", sections: ["footer"] }],
    ["a landing page for my bakery", { kind: "landing", title: "Bakery", sections: ["features", "footer"] }],
    ["a contact form called Say Hello", { kind: "form", formType: "contact", title: "Say Hello" }],
    ["a sign-up form for my newsletter", { kind: "form", formType: "signup", title: "Newsletter" }],
    ["a page where people can join the waitlist", { kind: "form", formType: "signup", title: "Join the List" }],
    ["a dashboard with stat cards and a table of orders", { kind: "dashboard", title: "Dashboard" }],
    ["my photography portfolio", { kind: "portfolio" }],
    ["a blog about cooking with testimonials", { kind: "blog", title: "Cooking", sections: ["testimonials", "footer"] }],
    ["something nice", { kind: "landing", title: "Welcome", dark: false, accent: "indigo" }],
    ["an app to keep track of my tasks", { kind: "todo" }],
    ["a website with a todo list", { kind: "todo" }],
  ])("%s", (prompt, expected) => {
    expect(initialSpec(prompt)).toMatchObject(expected);
  });

  it("reads what the app is from before “with”, and what it has from after", () => {
    expect(initialSpec("a landing page for my bakery with pricing")).toMatchObject({ kind: "landing", sections: ["features", "pricing", "footer"] });
    expect(initialSpec("a website for my gym with a contact form")).toMatchObject({ kind: "landing", title: "Gym", sections: ["features", "contact", "footer"] });
    expect(initialSpec("a landing page without a footer").sections).toEqual(["features"]);
  });

  it("never adds a section the main content already is", () => {
    expect(initialSpec("a pricing page with plans").sections).toEqual(["footer"]);
    expect(initialSpec("a contact form with a contact section").sections).toEqual(["footer"]);
  });

  it("finds the title: named, quoted, or the subject", () => {
    expect(initialSpec("a bakery site called Salt and Pepper with a dark theme")).toMatchObject({ title: "Salt and Pepper", dark: true });
    expect(initialSpec("a site called crumbs with a footer").title).toBe("Crumbs");
    expect(initialSpec('a landing page "Sweet Crumbs" in pink')).toMatchObject({ title: "Sweet Crumbs", accent: "pink" });
    expect(initialSpec("a landing page for Sweet Crumbs bakery").title).toBe("Sweet Crumbs");
    expect(initialSpec("a todo app for the Smith family").title).toBe("Smith Family");
  });

  it("maps named colours to Tailwind palettes, and black/white to the theme", () => {
    expect(initialSpec("a black and gold landing page")).toMatchObject({ dark: true, accent: "amber" });
    expect(initialSpec("a navy todo app").accent).toBe("blue");
    expect(initialSpec("a landing page in dark blue")).toMatchObject({ dark: false, accent: "blue" });
    expect(initialSpec("a grey blog").accent).toBe("slate");
  });
});

describe("applyFollowUp", () => {
  const todo = initialSpec("a todo app");

  it("changes the title and nothing else", () => {
    const { spec, changes } = applyFollowUp(todo, "change the title to Grocery List");
    expect(spec).toEqual({ ...todo, title: "Grocery List" });
    expect(changes).toEqual([{ what: "title", value: "Grocery List" }]);
  });

  it.each([
    ["change the title to Grocery List and make it blue", "Grocery List"],
    ["make the heading say Hello there", "Hello there"],
    ["call it Shopping", "Shopping"],
    ["rename it to “Bob's List”", "Bob's List"],
    ["set the name of the app to grocery list.", "Grocery List"],
    ["the title should be Weekend Jobs please", "Weekend Jobs"],
  ])("understands %j", (message, title) => {
    expect(applyFollowUp(todo, message).spec.title).toBe(title);
  });

  it("does several things from one message", () => {
    const { spec } = applyFollowUp(todo, "change the title to Grocery List and make it blue, then add testimonials");
    expect(spec).toMatchObject({ title: "Grocery List", accent: "blue", sections: ["testimonials", "footer"] });
  });

  it("switches theme and colour", () => {
    expect(applyFollowUp(todo, "make it dark").spec.dark).toBe(true);
    expect(applyFollowUp({ ...todo, dark: true }, "make it light").spec.dark).toBe(false);
    expect(applyFollowUp(todo, "make it blue").spec.accent).toBe("blue");
    expect(applyFollowUp(todo, "make the buttons dark blue").spec).toMatchObject({ dark: false, accent: "blue" });
  });

  it("adds and removes sections, each by its own verb, in page order", () => {
    const added = applyFollowUp(todo, "add a contact form and testimonials").spec;
    expect(added.sections).toEqual(["testimonials", "contact", "footer"]);
    expect(applyFollowUp(todo, "remove the footer").spec.sections).toEqual([]);
    expect(applyFollowUp(todo, "no footer please").spec.sections).toEqual([]);
    expect(applyFollowUp(todo, "remove the footer and add testimonials").spec.sections).toEqual(["testimonials"]);
    expect(applyFollowUp(todo, "add a newsletter sign-up").spec.sections).toEqual(["signup", "footer"]);
  });

  it("changes the subtitle", () => {
    expect(applyFollowUp(todo, "change the subtitle to Buy it all").spec.tagline).toBe("Buy it all");
  });

  it("turns the app into another kind, keeping the builder's own title", () => {
    expect(applyFollowUp(todo, "turn it into a pricing page").spec).toMatchObject({ kind: "pricing", title: "Pricing", sections: ["footer"] });
    const named = { ...todo, title: "Acme" };
    expect(applyFollowUp(named, "I want a blog instead").spec).toMatchObject({ kind: "blog", title: "Acme", tagline: "Notes, stories and ideas." });
    expect(applyFollowUp(named, "make it a sign-up form").spec).toMatchObject({ kind: "form", formType: "signup" });
  });

  it("doesn't read “make this site darker” as a new kind of app", () => {
    expect(applyFollowUp(todo, "make this site darker").spec).toEqual({ ...todo, dark: true });
    expect(applyFollowUp(todo, "turn this page into a dashboard").spec.kind).toBe("dashboard");
  });

  it("drops a section the new kind already is", () => {
    const landing = initialSpec("a landing page with pricing");
    expect(applyFollowUp(landing, "turn it into a pricing page").spec.sections).toEqual(["features", "footer"]);
  });

  it("adds a contact form to a page instead of turning the app into one", () => {
    expect(applyFollowUp(todo, "I want a contact form").spec).toMatchObject({ kind: "todo", sections: ["contact", "footer"] });
  });

  it("notes what was asked for but already so, without changing anything", () => {
    const edit = applyFollowUp(todo, "add a footer and make it light");
    expect(edit.spec).toBe(todo);
    expect(edit.changes).toEqual([]);
    expect(edit.unchanged).toEqual([
      { what: "theme", dark: false },
      { what: "section", section: "footer", present: true },
    ]);
  });

  it("keeps the app when it can't tell what to change", () => {
    const edit = applyFollowUp(todo, "hmm, not sure");
    expect(edit).toEqual({ spec: todo, changes: [], unchanged: [] });
  });

  it("keeps hostile titles as plain text, and reads nothing into them", () => {
    const title = 'Bob\'s "Best" {app} </script> `x` ${1}';
    const { spec } = applyFollowUp(todo, `change the title to ${title}`);
    expect(spec).toEqual({ ...todo, title });
    expect(applyFollowUp(todo, "change the title to Dark Blue Footer").spec).toEqual({ ...todo, title: "Dark Blue Footer" });
  });
});

describe("parseSpec", () => {
  it("reads back a stored spec", () => {
    const spec = initialSpec("a dark dashboard in teal with testimonials");
    expect(parseSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it("fills what an older generator didn't store, and drops what it doesn't know", () => {
    expect(parseSpec({ kind: "todo", title: "Old", accent: "chartreuse", sections: ["footer", "gallery"] })).toEqual({
      kind: "todo",
      formType: "contact",
      title: "Old",
      tagline: "Keep track of what matters today.",
      dark: false,
      accent: "indigo",
      sections: ["footer"],
    });
  });

  it("refuses what isn't a spec", () => {
    expect(parseSpec(null)).toBeNull();
    expect(parseSpec({ kind: "spaceship", title: "x" })).toBeNull();
  });
});
