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

describe("reading forms, buttons, people and measures", () => {
  it.each<[string, object[]]>([
    ["a booking form for my salon", [{ kind: "request", form: "booking" }]],
    ["a bistro site with a booking form", [{ kind: "request", form: "reservation" }]],
    ["a clinic site where patients can book an appointment", [{ kind: "request", form: "appointment" }]],
    ["a restaurant site with a table reservation form", [{ kind: "request", form: "reservation" }]],
    ["a course site with an enrolment form", [{ kind: "request", form: "enrolment" }]],
    ["a course site with an enrollment form", [{ kind: "request", form: "enrollment" }]],
    ["an event site with a registration form", [{ kind: "request", form: "registration" }]],
    ["a pet rescue with an adoption application form", [{ kind: "request", form: "application" }]],
    ["a charity site with a donation form", [{ kind: "request", form: "donation" }]],
    ["a wedding site with an RSVP form", [{ kind: "request", form: "rsvp" }]],
    ["a roofer site with a quote request form", [{ kind: "request", form: "quote" }]],
    ["a bakery with a cake order form", [{ kind: "request", form: "order" }]],
    ["a charity site with a volunteer sign-up form", [{ kind: "request", form: "volunteer" }]],
    ["a charity site with our mission and impact numbers (meals served, trees planted)", [{ kind: "mission" }, { kind: "stats", impact: true, measures: ["meals served", "trees planted"] }]],
    ["a gym site with our trainers with bios", [{ kind: "team", people: "trainers" }]],
    ["a dashboard with a chart of monthly revenue and a sign-ups table", [{ kind: "chart", measures: ["revenue"] }, { kind: "table", measures: ["sign-ups"] }]],
  ])("%s", (prompt, sections) => {
    expect(initialSpec(prompt).sections).toEqual(sections);
  });

  it("reads buttons labelled as asked, leading to the form their words name", () => {
    expect(initialSpec("a dance school with classes and a big Enroll now button").actions).toEqual([{ label: "Enroll now", to: "request", form: "enrollment" }]);
    expect(initialSpec('a startup landing page with a waitlist and a "Join the beta" button')).toMatchObject({
      title: "Welcome",
      actions: [{ label: "Join the beta", to: "signup" }],
    });
    expect(initialSpec("a gym site with a Book a class button").actions).toEqual([{ label: "Book a class", to: "request", form: "booking" }]);
    expect(initialSpec("a salon site with an appointment form and a Book now button").actions).toEqual([{ label: "Book now", to: "request", form: "appointment" }]);
    // No verb it knows: the page's first form.
    expect(initialSpec("a bakery site with a contact form and a Say hi button").actions).toEqual([{ label: "Say hi", to: "contact" }]);
  });

  it("builds the nearest working thing for what needs a service", () => {
    expect(kinds(initialSpec("a cafe site with a menu and a map"))).toEqual(["menu", "hours"]);
    expect(initialSpec("a shop with products and a shopping cart").sections).toEqual([{ kind: "items" }, { kind: "request", form: "order" }]);
    expect(initialSpec("a charity site that takes donations with online payments").sections).toContainEqual({ kind: "request", form: "donation" });
    expect(kinds(initialSpec("a members club site with log-in"))).toContain("signup");
  });

  it("adds, swaps and removes forms and buttons in follow-ups", () => {
    const cafe = initialSpec("a cafe site with a menu");
    const booked = applyFollowUp(cafe, "add a booking form");
    expect(booked.spec.sections).toEqual([{ kind: "menu" }, { kind: "request", form: "reservation" }]);
    expect(applyFollowUp(booked.spec, "remove the reservation form").spec.sections).toEqual([{ kind: "menu" }]);
    const donate = applyFollowUp(cafe, "add a Donate button");
    expect(donate.spec.actions).toEqual([{ label: "Donate", to: "request", form: "donation" }]);
    expect(applyFollowUp(donate.spec, "add a Donate button").changes).toEqual([]);
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
    const forms = initialSpec("a charity with impact numbers for meals served, our volunteers with bios, a volunteer form and a Donate button");
    expect(parseSpec(JSON.parse(JSON.stringify(forms)))).toEqual(forms);
    // Specs stored before buttons existed have none; a broken button is dropped.
    const { actions: _, ...old } = spec;
    expect(parseSpec(old)?.actions).toEqual([]);
    expect(parseSpec({ ...forms, actions: [{ label: "", to: "request" }, { label: "Go", to: "nowhere" }] })?.actions).toEqual([]);
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
