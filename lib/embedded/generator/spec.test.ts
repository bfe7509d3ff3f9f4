import { describe, expect, it } from "vitest";
import type { AppSpec } from "./app-spec";
import { applyFollowUp, initialSpec, parseSpec, readPrompt } from "./spec";

const kinds = (spec: AppSpec) => spec.sections.map((s) => s.kind);

describe("reading a first prompt", () => {
  it.each<[string, Partial<AppSpec>, string[]]>([
    ["a todo app with a dark theme", { dark: true, title: "My Tasks" }, ["todo"]],
    ["a pricing page for my yoga studio in green", { accent: "green", title: "Yoga Studio" }, ["pricing"]],
    ["a contact form called Say Hello", { title: "Say Hello" }, ["contact"]],
    ["a sign-up form for my newsletter", { title: "Newsletter" }, ["signup", "newsletter"]],
    ["a dashboard", { title: "Dashboard" }, ["stats", "chart", "table"]],
    ["a blog about cooking with testimonials", { title: "Cooking" }, ["items", "testimonials"]],
    ["something nice", { title: "Welcome", dark: false, accent: "indigo" }, ["features", "testimonials", "contact"]],
    ["a website with a todo list", {}, ["todo"]],
  ])("%s", (prompt, expected, sections) => {
    const spec = initialSpec(prompt);
    expect(spec).toMatchObject(expected);
    expect(kinds(spec)).toEqual(sections);
  });

  it("keeps sections in the order asked, with the list's search, chips and tabs", () => {
    const spec = initialSpec("a recipe site with a FAQ, a list of recipes with search and category filters, and a contact form");
    expect(spec.sections).toEqual([{ kind: "faq" }, { kind: "items", search: true, filters: true }, { kind: "contact" }]);
    expect(spec.subject).toMatchObject({ singular: "recipe", plural: "recipes" });
  });

  it("reads the subject from what the list holds, even one it has no words for", () => {
    expect(initialSpec("a shop with a list of kites").subject).toMatchObject({ key: "custom", singular: "kite", plural: "kites" });
    expect(initialSpec("a site with a grid of puppies").subject.key).toBe("pets");
    expect(initialSpec("a bakery website with a menu").subject.key).toBe("bakery");
  });

  it("reads what the app is from before “with”, not from what it has", () => {
    expect(initialSpec("a plant shop with a newsletter and a gallery")).toMatchObject({ title: "Plant Shop", subject: { key: "plants" } });
    expect(kinds(initialSpec("a plant shop with a newsletter and a gallery"))).toEqual(["newsletter", "gallery"]);
  });

  it("leaves out what was asked to be left out", () => {
    expect(kinds(initialSpec("a landing page for my bakery without testimonials"))).toEqual(["items", "features", "contact"]);
    expect(initialSpec("a landing page without a footer").footer).toBe(false);
  });

  it("finds the title: named, quoted, the subject, or the kind of site", () => {
    expect(initialSpec("a bakery site called Salt and Pepper with a dark theme")).toMatchObject({ title: "Salt and Pepper", dark: true });
    expect(initialSpec('a landing page "Sweet Crumbs" in pink')).toMatchObject({ title: "Sweet Crumbs", accent: "pink" });
    expect(initialSpec("a landing page for Sweet Crumbs bakery").title).toBe("Sweet Crumbs");
    expect(initialSpec("a yoga studio site with classes").title).toBe("Yoga Studio");
  });

  it("reads look and feel: colours, a theme switch, fonts, tone and pages", () => {
    expect(initialSpec("a black and gold landing page")).toMatchObject({ dark: true, accent: "amber" });
    expect(initialSpec("a landing page in dark blue")).toMatchObject({ dark: false, accent: "blue" });
    expect(initialSpec("a bakery site with a dark mode toggle")).toMatchObject({ dark: false, darkToggle: true });
    expect(initialSpec("a bakery site with a serif font and a playful tone")).toMatchObject({ font: "serif", tone: "playful" });
    expect(initialSpec("a cafe site with a menu and a team, each on its own page").multiPage).toBe(true);
  });

  it("names what it can't build, and parts it doesn't know", () => {
    expect(readPrompt("a shop with products and a checkout").missing).toEqual(["I can’t take real payments here, so visitors send an order request instead"]);
    expect(readPrompt("a shop with products and a checkout").spec.sections).toEqual([{ kind: "items" }, { kind: "request", form: "order" }]);
    expect(readPrompt("a gym site with classes and a quiz").missing).toEqual(["I didn’t know how to make “quiz”"]);
    expect(readPrompt("a bakery site with a menu, a FAQ and a contact form in green").missing).toEqual([]);
  });
});

describe("following up", () => {
  const recipes = initialSpec("a recipe site called Rosa with a list of recipes and testimonials");

  it("changes the title and nothing else", () => {
    const { spec, changes } = applyFollowUp(recipes, "change the title to Grocery List");
    expect(spec).toEqual({ ...recipes, title: "Grocery List" });
    expect(changes).toEqual([{ what: "title", value: "Grocery List" }]);
  });

  it.each([
    ["change the title to Grocery List and make it blue", "Grocery List"],
    ["make the heading say Hello there", "Hello there"],
    ["call it Shopping", "Shopping"],
    ["rename it to “Bob's List”", "Bob's List"],
    ["the title should be Weekend Jobs please", "Weekend Jobs"],
  ])("understands %j", (message, title) => {
    expect(applyFollowUp(recipes, message).spec.title).toBe(title);
  });

  it("adds a section where asked, and several in the order asked", () => {
    expect(kinds(applyFollowUp(recipes, "add a FAQ below the recipes").spec)).toEqual(["items", "faq", "testimonials"]);
    expect(kinds(applyFollowUp(recipes, "add a gallery at the top").spec)).toEqual(["gallery", "items", "testimonials"]);
    expect(kinds(applyFollowUp(recipes, "add a chart and a table after the recipes").spec)).toEqual(["items", "chart", "table", "testimonials"]);
    expect(kinds(applyFollowUp(recipes, "add a contact form").spec)).toEqual(["items", "testimonials", "contact"]);
  });

  it("removes, moves and renames sections", () => {
    expect(kinds(applyFollowUp(recipes, "remove the testimonials").spec)).toEqual(["items"]);
    expect(kinds(applyFollowUp(recipes, "move the testimonials above the recipes").spec)).toEqual(["testimonials", "items"]);
    expect(applyFollowUp(recipes, "call the list 'Our favourites'").spec.sections[0]).toEqual({ kind: "items", heading: "Our favourites" });
    expect(applyFollowUp(recipes, "rename the testimonials to Kind Words").spec.sections[1]).toEqual({ kind: "testimonials", heading: "Kind Words" });
  });

  it("adds and removes items by name", () => {
    const added = applyFollowUp(recipes, "add a recipe called lemon cake");
    expect(added.spec.addedItems).toEqual([{ title: "Lemon Cake" }]);
    expect(added.changes).toEqual([{ what: "item", title: "Lemon Cake", present: true }]);
    expect(applyFollowUp(added.spec, "remove Lemon Cake").spec.addedItems).toEqual([]);
    expect(applyFollowUp(recipes, "delete the Spiced Lentil Soup recipe").spec.removedItems).toEqual(["Spiced Lentil Soup"]);
  });

  it("switches theme, colour, font, tone and the theme switch", () => {
    expect(applyFollowUp(recipes, "make it dark").spec.dark).toBe(true);
    expect(applyFollowUp(recipes, "make the buttons dark blue").spec).toMatchObject({ dark: false, accent: "blue" });
    expect(applyFollowUp(recipes, "use a monospace font").spec.font).toBe("mono");
    expect(applyFollowUp(recipes, "make the tone more professional").spec.tone).toBe("professional");
    expect(applyFollowUp(recipes, "add a dark mode toggle").spec).toMatchObject({ darkToggle: true, dark: false });
  });

  it("turns list options on", () => {
    expect(applyFollowUp(recipes, "add a search box").spec.sections[0]).toEqual({ kind: "items", search: true });
  });

  it("notes what was asked for but already so, without changing anything", () => {
    const edit = applyFollowUp(recipes, "add testimonials and make it light");
    expect(edit.spec).toBe(recipes);
    expect(edit.unchanged).toEqual([
      { what: "theme", dark: false },
      { what: "section", section: "testimonials", present: true },
    ]);
  });

  it("keeps the app when it can't tell what to change, and says what it can't do", () => {
    expect(applyFollowUp(recipes, "hmm, not sure")).toEqual({ spec: recipes, changes: [], unchanged: [], missing: [] });
    expect(applyFollowUp(recipes, "add a map").missing).toEqual(["I can’t show a live map here, so the address is written out instead"]);
  });

  it("keeps hostile titles as plain text, and reads nothing into them", () => {
    const title = 'Bob\'s "Best" {app} </script> `x` ${1}';
    expect(applyFollowUp(recipes, `change the title to ${title}`).spec).toEqual({ ...recipes, title });
    expect(applyFollowUp(recipes, "change the title to Dark Blue Footer").spec).toEqual({ ...recipes, title: "Dark Blue Footer" });
  });
});

describe("parseSpec", () => {
  it("reads back a stored spec", () => {
    const spec = initialSpec("a dark bakery site in teal with a menu, a FAQ and testimonials");
    expect(parseSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it("reads the first generator's specs as sections", () => {
    expect(parseSpec({ kind: "todo", title: "Old", accent: "chartreuse", sections: ["footer", "testimonials"] })).toMatchObject({
      title: "Old",
      accent: "indigo",
      footer: true,
      sections: [{ kind: "todo" }, { kind: "testimonials" }],
    });
  });

  it("drops sections it doesn't know, and refuses what isn't a spec", () => {
    const spec = initialSpec("a bakery site with a menu");
    expect(parseSpec({ ...spec, sections: [{ kind: "hologram" }, { kind: "menu" }] })!.sections).toEqual([{ kind: "menu" }]);
    expect(parseSpec(null)).toBeNull();
    expect(parseSpec({ kind: "spaceship", title: "x" })).toBeNull();
  });
});
