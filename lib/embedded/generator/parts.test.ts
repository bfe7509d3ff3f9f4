import { describe, expect, it } from "vitest";
import { buildGenerated } from "@/tests/helpers/build-generated";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { describeNewApp } from "./explain";
import { renderFiles } from "./render";
import { readPrompt } from "./spec";

// Requests that name the parts they want: forms of every kind, buttons
// with their own labels, a mission, impact numbers, people with bios, and
// the measure a chart or table is about. Each is built into a real preview
// and every named part is looked for in the prerendered HTML. Subjects and
// wordings differ from ./prompts.test.ts; most name several parts in one
// sentence.

type Part =
  // A form in the section with this id, with these field labels.
  | { form: string; labels: string[] }
  // A link labelled as asked, leading to a section on the page.
  | { button: string }
  // A section, with words about what it's for.
  | { section: string; words?: RegExp }
  // The team, named after these people, with bios.
  | { people: string }
  // The numbers, a chart or a table, about these measures.
  | { measures: string[]; in: "stats" | "chart" | "table" };

type Case = { prompt: string; parts: Part[] };

const form = (id: string, ...labels: string[]): Part => ({ form: id, labels });
const button = (label: string): Part => ({ button: label });
const section = (id: string, words?: RegExp): Part => ({ section: id, words });
const people = (noun: string): Part => ({ people: noun });
const stats = (...measures: string[]): Part => ({ measures, in: "stats" });
const chart = (measure: string): Part => ({ measures: [measure], in: "chart" });
const table = (measure: string): Part => ({ measures: [measure], in: "table" });

const CASES: Case[] = [
  { prompt: "a booking form for my barber shop", parts: [form("booking", "Date", "Time", "Service")] },
  { prompt: "I need a website for my pottery studio where people can book a class, see our instructors and read the FAQ", parts: [form("booking", "Date", "Time"), people("instructors"), section("faq")] },
  { prompt: "Create a site for our trattoria with the dinner menu, a table reservation form and where to find us", parts: [section("menu"), form("reservation", "Party size", "Date", "Time"), section("visit")] },
  { prompt: "a physiotherapy practice site with an appointment request form, our therapists with bios and opening hours", parts: [form("appointment", "Preferred date", "Preferred time"), people("therapists"), section("visit")] },
  { prompt: "A language school website: course list, an enrolment form and a big Enrol now button", parts: [section("courses"), form("enrol", "Course", "Experience"), button("Enrol now")] },
  { prompt: "a coding bootcamp page with an enrollment form, pricing plans and an Enroll today button", parts: [form("enroll", "Experience"), section("pricing"), button("Enroll today")] },
  { prompt: "a tech conference site with our speakers and their bios, the agenda, a registration form and a Register now button", parts: [people("speakers"), section("timeline"), form("register", "Number of guests", "Event"), button("Register now")] },
  { prompt: "a wedding website for Sam and Alex with our story, an RSVP form, a photo gallery and a FAQ", parts: [section("timeline"), form("rsvp", "Will you be there?", "Number of guests, including you"), section("gallery"), section("faq")] },
  { prompt: "a birthday party page with an RSVP form", parts: [form("rsvp", "Will you be there?", "Dietary needs")] },
  { prompt: "a dog rescue site with dogs for adoption, an adoption application form and a Donate button", parts: [section("pets"), form("apply", "Which pet would you like to adopt?", "Tell us about your home"), button("Donate"), form("donate", "Amount in dollars")] },
  { prompt: "a careers page for our design agency with a job application form and a team section", parts: [form("apply", "What are you applying for?", "Tell us about yourself"), section("team")] },
  { prompt: "a food bank website with our mission, impact numbers for meals served and families helped, a volunteer sign-up form and a donation form", parts: [section("mission", /mission/i), stats("meals served", "families helped"), form("volunteer", "When are you free?"), form("donate", "Amount in dollars", "How often")] },
  { prompt: "a nonprofit that plants trees: mission statement, impact stats (trees planted, acres protected, volunteers), our team and a Donate button", parts: [section("mission"), stats("trees planted", "acres protected", "volunteers"), section("team"), button("Donate")] },
  { prompt: "a landscaping company site with services, before and after photos, testimonials and a quote request form", parts: [section("services"), section("gallery"), section("testimonials"), form("quote", "Tell us about the job")] },
  { prompt: "an electrician's website with a get a quote form and reviews", parts: [form("quote", "What do you need?"), section("testimonials")] },
  { prompt: "a cupcake bakery with our menu, a cake order form and opening hours", parts: [section("menu"), form("order", "Quantity", "Collection date"), section("visit")] },
  { prompt: "a coffee roastery with products, an order form for wholesale and a newsletter", parts: [form("order", "Quantity"), section("newsletter")] },
  { prompt: "a community garden site with a volunteer form, upcoming events and a contact form", parts: [form("volunteer", "When are you free?"), section("contact")] },
  { prompt: "a dashboard showing monthly revenue in a chart, a table of sign-ups by week and KPIs", parts: [chart("revenue"), table("sign-ups"), section("stats")] },
  { prompt: "an analytics dashboard with a revenue chart, a sales table and stats for visitors and orders", parts: [chart("revenue"), table("sales"), stats("visitors", "orders")] },
  { prompt: "a SaaS landing page with features, pricing, a sign-ups chart and a Start free trial button", parts: [section("features"), section("pricing"), chart("sign-ups"), button("Start free trial")] },
  { prompt: "a personal trainer website with testimonials, pricing and a Book a session button", parts: [section("testimonials"), section("pricing"), button("Book a session"), form("booking", "Date", "Time")] },
  { prompt: "a yoga retreat site with the schedule, our teachers, a booking form and a FAQ", parts: [section("timeline"), people("teachers"), form("booking", "Date"), section("faq")] },
  { prompt: "a dentist website with our dentists, online appointment booking and a map", parts: [people("dentists"), form("appointment", "Preferred date", "Phone"), section("visit")] },
  { prompt: "a vet clinic site with our vets and their bios, a list of pets we treat and an appointment form", parts: [people("vets"), section("pets"), form("appointment", "Preferred time")] },
  { prompt: "a hotel site with a reservation form and a photo gallery", parts: [form("reservation", "Number of people", "Date"), section("gallery")] },
  { prompt: "a kids summer camp site with an enrolment form for parents, staff bios and pricing", parts: [form("enrol", "Experience"), section("team"), section("pricing")] },
  { prompt: "a church website with our mission, a volunteer sign-up and a donation form", parts: [section("mission"), form("volunteer"), form("donate", "Amount in dollars")] },
  { prompt: "a scholarship fund site with a scholarship application form, our impact and our mission", parts: [form("apply", "Tell us about yourself"), section("stats", /impact/i), section("mission")] },
  { prompt: "A climbing gym site with classes, membership pricing, instructors with bios and a Join now button", parts: [section("classes"), section("pricing"), people("instructors"), button("Join now")] },
  { prompt: "a photography workshop page with upcoming workshops, a registration form, testimonials and an FAQ", parts: [form("register", "Number of guests"), section("testimonials"), section("faq")] },
  { prompt: "a catering company website with menus, a get a quote form, testimonials and a team of chefs", parts: [section("menu"), form("quote"), section("testimonials"), people("chefs")] },
  { prompt: "a book club site with an RSVP form for the next meeting and a mailing list", parts: [form("rsvp", "Number of guests, including you"), section("newsletter")] },
  { prompt: "a tutoring service with our tutors, pricing and a Book a lesson button", parts: [people("tutors"), section("pricing"), button("Book a lesson")] },
  { prompt: "a marathon fundraising page with a donation form, a chart of money raised and our story", parts: [form("donate", "How often"), chart("money raised"), section("timeline")] },
  { prompt: "an animal sanctuary site with our mission, impact numbers (animals rescued, acres protected) and a Sponsor an animal button", parts: [section("mission"), stats("animals rescued", "acres protected"), button("Sponsor an animal"), form("donate")] },
  { prompt: "a real estate agency site with listings, our agents, a book a viewing form and a contact form", parts: [section("listings"), people("agents"), form("appointment"), section("contact")] },
  { prompt: "an online course platform with courses, an enrollment form, a chart of sign-ups and testimonials", parts: [section("courses"), form("enroll", "Course"), chart("sign-ups"), section("testimonials")] },
  { prompt: "a hair salon site with a price list, stylists with bios, an appointment form and a Book now button", parts: [section("menu"), people("stylists"), form("appointment"), button("Book now")] },
  { prompt: "a bike repair shop page with services, a booking form, opening hours and a Get a quote button", parts: [section("services"), form("booking", "Date"), section("visit"), button("Get a quote"), form("quote")] },
  { prompt: "a neighbourhood association site with a mission statement, an RSVP form for meetings and a newsletter", parts: [section("mission"), form("rsvp"), section("newsletter")] },
  { prompt: "a school fundraiser with a pledge form and a chart of donations", parts: [form("donate", "Amount in dollars"), chart("donations")] },
  { prompt: "a pizzeria with the menu, online ordering and a Reserve a table button", parts: [section("menu"), form("order", "Quantity"), button("Reserve a table"), form("reservation", "Party size")] },
  { prompt: "a farm shop with opening hours, a veg box order form and a newsletter sign-up", parts: [section("visit"), form("order", "Quantity"), section("newsletter")] },
  { prompt: "A small charity website with our mission, how many people we've helped, a donate button and a newsletter", parts: [section("mission"), stats("people helped"), button("Donate"), section("newsletter")] },
  { prompt: "I want a page for my photography business with a portfolio gallery, prices and a booking form", parts: [section("gallery"), section("pricing"), form("booking", "Date", "Time")] },
  { prompt: "a gym website with class schedule, trainer profiles, membership prices and a free trial sign-up button", parts: [section("timeline"), people("trainers"), section("pricing"), button("Free trial sign-up")] },
  { prompt: "a startup dashboard showing revenue, sign-ups and churn with a chart and a table", parts: [chart("revenue"), table("sign-ups"), table("churn")] },
  { prompt: "restaurant site with menu, reservations, reviews and a map", parts: [section("menu"), form("reservation", "Party size"), section("testimonials"), section("visit")] },
];

function sectionHtml(html: string, id: string): string | null {
  const start = html.indexOf(`<section id="${id}"`);
  if (start === -1) return null;
  const next = html.indexOf("<section id=", start + 1);
  return html.slice(start, next === -1 ? html.indexOf("</main>", start) : next);
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

function describePart(part: Part): string {
  if ("form" in part) return `form #${part.form} (${part.labels.join(", ")})`;
  if ("button" in part) return `button “${part.button}”`;
  if ("section" in part) return `section #${part.section}`;
  if ("people" in part) return `people: ${part.people}`;
  return `${part.in}: ${part.measures.join(", ")}`;
}

// Whether one part is on the page, as a visitor would find it.
function present(html: string, part: Part): boolean {
  if ("form" in part) {
    const found = sectionHtml(html, part.form);
    if (!found || !/<form[\s>]/.test(found) || !/type="submit"/.test(found)) return false;
    const labels = [...found.matchAll(/<label[^>]*>([\s\S]*?)<\/label>/g)].map((m) => text(m[1]!).trim());
    return part.labels.every((label) => labels.some((l) => l === label || l === `${label} (optional)`));
  }
  if ("button" in part) {
    const escaped = part.button.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const link = new RegExp(`<a[^>]*href="#([^"]+)"[^>]*>${escaped}</a>`).exec(html);
    return Boolean(link && sectionHtml(html, link[1]!));
  }
  if ("section" in part) {
    const found = sectionHtml(html, part.section);
    return Boolean(found && (!part.words || part.words.test(text(found))));
  }
  if ("people" in part) {
    const found = sectionHtml(html, "team");
    const singular = part.people.replace(/s$/, "");
    return Boolean(found && text(found).includes(`Meet our ${part.people}`) && new RegExp(`\\b${singular}\\b.*\\b${singular}\\b.*\\b${singular}\\b`, "i").test(text(found)));
  }
  const found = sectionHtml(html, part.in);
  return Boolean(found && part.measures.every((m) => text(found).toLowerCase().includes(m.toLowerCase())));
}

const tally = { parts: 0, present: 0, missed: [] as string[] };

describe("every part a request names is on the page", () => {
  it("has at least 40 requests, a third of them naming several parts", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(CASES.filter((c) => c.parts.length >= 3).length).toBeGreaterThanOrEqual(CASES.length / 3);
  });

  it.each(CASES.map((c) => [c.prompt, c] as const))("%s", async (_label, c) => {
    const app = readPrompt(c.prompt);
    const site = await buildGenerated(renderFiles(app.spec));
    const html = Object.values(site.pages)
      .map((file) => site.read(file))
      .join("\n");
    for (const part of c.parts) {
      tally.parts++;
      if (present(html, part)) tally.present++;
      else tally.missed.push(`${c.prompt} → ${describePart(part)}`);
    }
    // The reply: plain words, two sentences at most, naming each form built
    // and where its answers would go.
    const reply = describeNewApp(app);
    expect(reply).not.toMatch(TECHNICAL_WORDS);
    expect(reply.split(/(?<=[.!?])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(2);
    if (app.spec.sections.some((s) => s.kind === "request")) expect(reply).toMatch(/once you connect a real service such as .+, submissions would go there/);
    for (const action of app.spec.actions) expect(reply).toContain(`“${action.label}” button that leads to the`);
  });

  // Runs after the requests above (tests in a file run in order).
  it("finds at least 90% of the parts named", () => {
    const share = tally.present / tally.parts;
    console.log(`Parts present: ${tally.present} of ${tally.parts} (${(share * 100).toFixed(1)}%)${tally.missed.length ? `\nMissing:\n  ${tally.missed.join("\n  ")}` : ""}`);
    expect(tally.parts).toBeGreaterThan(100);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
