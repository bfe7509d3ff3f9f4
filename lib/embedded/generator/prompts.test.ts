import { describe, expect, it } from "vitest";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { buildGenerated } from "@/tests/helpers/build-generated";
import type { AppSpec, SectionKind } from "./app-spec";
import { describeEdit, describeNewApp } from "./explain";
import { renderFiles } from "./render";
import { applyFollowUp, readPrompt } from "./spec";

// Prompts as a newcomer might type them, then follow-ups. Each is built
// into a real preview; the prerendered HTML must have every section asked
// for, in order, about the subject, and anything left out must be named in
// the reply.
type Case = {
  messages: string[];
  // The word every section's content must mention.
  about: RegExp;
  sections: SectionKind[];
  absent?: SectionKind[];
  // What the reply must admit to.
  missing?: RegExp[];
  // More things the built HTML must contain.
  html?: (string | RegExp)[];
  check?: (spec: AppSpec) => void;
};

const CASES: Case[] = [
  { messages: ["A recipe sharing site called Grandma Rosa Recipes with a list of recipes and a search box"], about: /recipe/i, sections: ["items"], html: ['type="search"', "Creamy Tomato Pasta"] },
  { messages: ["a bakery website with our menu, opening hours and location, and a contact form"], about: /bake/i, sections: ["menu", "hours", "contact"] },
  { messages: ["an online shop for handmade candles with a grid of products, category filter chips and testimonials"], about: /product/i, sections: ["items", "testimonials"], html: ["aria-pressed"] },
  { messages: ["a yoga studio site with a list of classes, pricing, an FAQ and the team"], about: /class/i, sections: ["items", "pricing", "faq", "team"], html: ["<details"] },
  { messages: ["real estate listings with search and filters, plus a photo gallery"], about: /listing/i, sections: ["items", "gallery"], html: ['type="search"', "aria-pressed"] },
  { messages: ["a conference website with a timeline, stats, a newsletter sign-up and a FAQ"], about: /event/i, sections: ["timeline", "stats", "newsletter", "faq"], absent: ["signup"] },
  { messages: ["a todo app with a dark theme"], about: /task/i, sections: ["todo"], html: ['<html lang="en" class="dark">', 'aria-label="New task"'] },
  { messages: ["a dashboard with stats, a chart and a table of orders"], about: /item/i, sections: ["stats", "chart", "table"], html: ["<table", 'role="img"'] },
  { messages: ["A pet adoption site with a list of pets, category tabs and a sign-up form"], about: /pet/i, sections: ["items", "signup"], html: ['role="tablist"'] },
  { messages: ["my photography portfolio with a gallery and a contact form"], about: /project/i, sections: ["gallery", "contact"] },
  { messages: ["a blog about cooking with testimonials"], about: /post/i, sections: ["items", "testimonials"] },
  { messages: ["A plant shop called Leafy with products, FAQ, testimonials and a newsletter, in green"], about: /plant/i, sections: ["items", "faq", "testimonials", "newsletter"] },
  { messages: ["a landing page for my bakery"], about: /bake/i, sections: ["items", "features", "testimonials", "contact"] },
  { messages: ["a coffee shop with a drinks menu, opening hours and a gallery of photos"], about: /drink/i, sections: ["menu", "hours", "gallery"] },
  { messages: ["A restaurant site with the menu in tabs, reviews and where to find us"], about: /dish/i, sections: ["menu", "testimonials", "hours"], absent: ["items"] },
  { messages: ["a course catalogue with search, a pricing table and a sign-up form"], about: /course/i, sections: ["items", "pricing", "signup"] },
  { messages: ["an events page with upcoming events, a chart of attendance and a contact form"], about: /event/i, sections: ["items", "chart", "contact"] },
  { messages: ["A bookshop website with a list of books, category filters, a team section and opening hours"], about: /book/i, sections: ["items", "team", "hours"] },
  { messages: ["a travel agency site with trips, a timeline of our history, testimonials and a newsletter"], about: /trip/i, sections: ["items", "timeline", "testimonials", "newsletter"] },
  { messages: ["a salon website with a price list, team, opening hours, FAQ and contact form, professional tone"], about: /service/i, sections: ["menu", "team", "hours", "faq", "contact"], check: (s) => expect(s.tone).toBe("professional") },
  { messages: ["a kite shop with a list of kites and a search box"], about: /kite/i, sections: ["items"], html: ["Classic Kite"] },
  { messages: ["a site for my board game cafe with a grid of games, filter chips and stats"], about: /game/i, sections: ["items", "stats"] },
  { messages: ["a music festival site with a list of events, a schedule, an FAQ and an RSVP form"], about: /event/i, sections: ["items", "timeline", "faq", "request"], html: ['id="rsvp"', "Number of guests"] },
  { messages: ["a team directory with team members, stats and a contact form"], about: /team member/i, sections: ["team", "stats", "contact"] },
  { messages: ["Make a florist page: flowers, a photo gallery, pricing and a FAQ please"], about: /plant/i, sections: ["items", "gallery", "pricing", "faq"] },
  { messages: ["a shop with products, a checkout and user accounts"], about: /product/i, sections: ["items", "request", "signup"], missing: [/payments.*order request/, /accounts.*sign up/], html: ["Quantity"] },
  { messages: ["a restaurant site with a menu, a booking calendar and a map"], about: /dish/i, sections: ["menu", "request", "hours"], missing: [/table reservation form/, /map/], html: ['id="reservation"', "Party size"] },
  { messages: ["a landing page for my gym with a weather widget section and a quiz"], about: /class/i, sections: ["items", "features", "testimonials", "contact"], missing: [/weather widget/, /quiz/] },
  { messages: ["a dark plant shop in emerald with plants, tabs, a chart and a newsletter and a dark mode toggle"], about: /plant/i, sections: ["items", "chart", "newsletter"], html: ['class="dark"', "Switch to light theme", 'role="tablist"'] },
  { messages: ["a cafe site with every section on its own page: menu, team, opening hours and contact"], about: /drink/i, sections: ["menu", "team", "hours", "contact"], check: (s) => expect(s.multiPage).toBe(true) },
  // Follow-ups.
  { messages: ["A recipe sharing site called Grandma Rosa Recipes with a list of recipes and a search box", "add a FAQ below the recipes"], about: /recipe/i, sections: ["items", "faq"] },
  { messages: ["a bakery site with a menu, testimonials and a contact form", "remove the testimonials"], about: /bake/i, sections: ["menu", "contact"], absent: ["testimonials"] },
  { messages: ["a recipe site with a list of recipes, testimonials and a contact form", "call the list 'Our favourites'"], about: /recipe/i, sections: ["items", "testimonials", "contact"], html: [">Our favourites<"] },
  { messages: ["a recipe site with a list of recipes", "add a recipe called Lemon Cake"], about: /recipe/i, sections: ["items"], html: ["Lemon Cake"] },
  { messages: ["a bakery site with a menu and a FAQ", "move the FAQ above the menu"], about: /bake/i, sections: ["faq", "menu"] },
  { messages: ["a shop with products and a contact form", "make it dark with a serif font"], about: /product/i, sections: ["items", "contact"], html: ['class="dark"'], check: (s) => expect(s.font).toBe("serif") },
  { messages: ["a yoga studio site with classes and pricing", "add category filters and a search box"], about: /class/i, sections: ["items", "pricing"], html: ['type="search"', "aria-pressed"] },
  { messages: ["a todo app", "add a contact form and a dark mode toggle"], about: /task/i, sections: ["todo", "contact"], html: ["Switch to dark theme"] },
  { messages: ["a bakery site with a menu, team and contact form", "put each section on its own page"], about: /bake/i, sections: ["menu", "team", "contact"], check: (s) => expect(s.multiPage).toBe(true) },
  { messages: ["a pet adoption site with a list of pets", "add a gallery at the top"], about: /pet/i, sections: ["gallery", "items"] },
  { messages: ["a bookshop with a list of books and testimonials", "rename the testimonials to Reader reviews"], about: /book/i, sections: ["items", "testimonials"], html: [">Reader reviews<"] },
  { messages: ["a course site with courses and a FAQ", "add a chart and a table after the courses"], about: /course/i, sections: ["items", "chart", "table", "faq"] },
  { messages: ["a cafe site with a menu", "add online payments and a shopping cart"], about: /drink/i, sections: ["menu", "request"], missing: [/payment/] },
  { messages: ["a recipe site with a list of recipes and testimonials", "remove the Creamy Tomato Pasta recipe and make it purple"], about: /recipe/i, sections: ["items", "testimonials"], check: (s) => expect(s.accent).toBe("purple") },
  { messages: ["a plant shop with plants and a FAQ", "make the tone more playful", "add a timeline at the bottom"], about: /plant/i, sections: ["items", "faq", "timeline"], check: (s) => expect(s.tone).toBe("playful") },
];

const SECTION_IDS: Record<SectionKind, string> = {
  items: "",
  features: "features",
  gallery: "gallery",
  faq: "faq",
  testimonials: "testimonials",
  team: "team",
  stats: "stats",
  pricing: "pricing",
  menu: "menu",
  hours: "visit",
  timeline: "timeline",
  newsletter: "newsletter",
  contact: "contact",
  signup: "sign-up",
  todo: "to-do",
  table: "table",
  chart: "chart",
  request: "booking",
  mission: "mission",
};

function sectionHtml(html: string, id: string): string | null {
  const start = html.indexOf(`<section id="${id}"`);
  if (start === -1) return null;
  const next = html.indexOf("<section id=", start + 1);
  const end = next === -1 ? html.indexOf("</main>", start) : next;
  return html.slice(start, end);
}

function converse(messages: string[]): { spec: AppSpec; replies: string[] } {
  const [first, ...rest] = messages;
  const app = readPrompt(first!);
  let spec = app.spec;
  const replies = [describeNewApp(app)];
  for (const message of rest) {
    const edit = applyFollowUp(spec, message);
    replies.push(describeEdit(edit));
    spec = edit.spec;
  }
  return { spec, replies };
}

describe("prompts become the apps they describe", () => {
  it("covers at least 40 prompts", () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES.map((c) => [c.messages.join(" → "), c] as const))("%s", async (_label, c) => {
    const { spec, replies } = converse(c.messages);
    c.check?.(spec);
    expect(spec.sections.map((s) => s.kind)).toEqual(c.sections);
    for (const kind of c.absent ?? []) expect(spec.sections.map((s) => s.kind)).not.toContain(kind);

    const site = await buildGenerated(renderFiles(spec));
    const pages = Object.values(site.pages).map((file) => site.read(file));
    const all = pages.join("\n");
    const request = spec.sections.find((s) => s.kind === "request");
    const requestIds: Record<string, string> = { rsvp: "rsvp", reservation: "reservation", booking: "booking", order: "order" };
    const idOf = (kind: SectionKind) => (kind === "request" && request?.form ? requestIds[request.form]! : SECTION_IDS[kind] || spec.subject.plural.replace(/\s+/g, "-"));
    for (const kind of c.sections) {
      const html = sectionHtml(all, idOf(kind));
      expect(html, `${kind} is on a page`).not.toBeNull();
      expect(html!.replace(/<[^>]+>/g, " "), `${kind} is about the subject`).toMatch(c.about);
    }
    if (!spec.multiPage) {
      const positions = c.sections.map((kind) => all.indexOf(`<section id="${idOf(kind)}"`));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    } else {
      expect(Object.keys(site.pages).length).toBe(c.sections.length);
      for (const page of pages) expect(page).toMatch(/<nav aria-label="Main">/);
    }
    for (const page of pages) {
      expect(page).toMatch(/<header[\s>]/);
      expect(page).toMatch(/<main id="main">/);
      expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    }
    for (const expected of c.html ?? []) expect(all).toMatch(expected);

    // The reply: one or two plain sentences, naming what was left out.
    const reply = replies.at(-1)!;
    expect(reply).not.toMatch(TECHNICAL_WORDS);
    expect(reply.split(/(?<=[.!?])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(2);
    for (const missing of c.missing ?? []) expect(reply).toMatch(missing);
    if (!c.missing) expect(reply).not.toMatch(/can’t|didn’t know/);
  });
});
