import "server-only";

import type { AppSpec, RequestForm, Section, SectionKind } from "../app-spec";
import { type Item, itemsFor } from "../subjects";
import type { UiComponent } from "./ui";

// What every section renderer gets: the spec, its items, and the subject's
// nouns in the forms the copy needs.
export type Context = {
  spec: AppSpec;
  items: Item[];
  one: string; // "recipe"
  many: string; // "recipes"
  Many: string; // "Recipes"
  // An identifier from the subject, for components and constants.
  Pascal: string; // "Recipe"
  camelMany: string; // "recipes"
};

export type Rendered = { file: string; name: string; source: string; ui: UiComponent[] };
export type SectionRenderer = (ctx: Context, section: Section) => Rendered;

export function contextFor(spec: AppSpec): Context {
  const words = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const pascal = words(spec.subject.singular).map(capital).join("");
  const Pascal = /^[A-Za-z]/.test(pascal) ? pascal : "Item";
  const camel = words(spec.subject.plural).map((w, i) => (i === 0 ? w.toLowerCase() : capital(w))).join("");
  return {
    spec,
    items: itemsFor(spec.subject, spec.addedItems, spec.removedItems),
    one: spec.subject.singular,
    many: spec.subject.plural,
    Many: capital(spec.subject.plural),
    Pascal,
    camelMany: /^[A-Za-z]/.test(camel) && camel !== Pascal ? camel : "items",
  };
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "item"
  );
}

// Where a section lives: its anchor on one page, its path on many. A
// request form is named after what it asks for ("booking", "donate").
export function sectionId(ctx: Context, part: SectionKind | Pick<Section, "kind" | "form">): string {
  const kind = typeof part === "string" ? part : part.kind;
  if (kind === "items") return slug(ctx.many);
  if (kind === "request") return REQUEST_IDS[formOf(ctx, typeof part === "string" ? undefined : part.form)];
  return { hours: "visit", newsletter: "newsletter", signup: "sign-up", todo: "to-do" }[kind as string] ?? kind;
}

const REQUEST_IDS: Record<RequestForm, string> = {
  booking: "booking",
  appointment: "appointment",
  reservation: "reservation",
  enrolment: "enrol",
  enrollment: "enroll",
  registration: "register",
  application: "apply",
  donation: "donate",
  rsvp: "rsvp",
  quote: "quote",
  order: "order",
  volunteer: "volunteer",
};

// A request section's form; the first one on the page when none is named.
export function formOf(ctx: Context, form: RequestForm | undefined): RequestForm {
  return form ?? ctx.spec.sections.find((s) => s.kind === "request")?.form ?? "booking";
}

const food = (ctx: Context) => ["bakery", "cafe", "restaurant"].includes(ctx.spec.subject.key);

function requestHeading(ctx: Context, form: RequestForm): string {
  const a = /^[aeiou]/i.test(ctx.one) ? "an" : "a";
  switch (form) {
    case "booking":
      return `Book ${a} ${ctx.one}`;
    case "appointment":
      return "Book an appointment";
    case "reservation":
      return food(ctx) ? "Reserve a table" : "Make a reservation";
    case "enrolment":
      return `Enrol in ${a} ${ctx.one}`;
    case "enrollment":
      return `Enroll in ${a} ${ctx.one}`;
    case "registration":
      return ctx.spec.subject.key === "events" ? "Register for an event" : "Register";
    case "application":
      return ctx.spec.subject.key === "pets" ? "Apply to adopt" : "Apply";
    case "donation":
      return "Make a donation";
    case "rsvp":
      return "RSVP";
    case "quote":
      return "Request a quote";
    case "order":
      return "Place an order";
    case "volunteer":
      return "Volunteer with us";
  }
}

function requestIntro(ctx: Context, form: RequestForm): string {
  switch (form) {
    case "booking":
    case "appointment":
      return `Pick a ${ctx.one}, a day and a time, and we’ll confirm your booking.`;
    case "reservation":
      return food(ctx)
        ? `Tell us when you’re coming and how many of you there are; we’ll have a table and our ${ctx.many} ready.`
        : `Reserve your place: tell us the date and how many people.`;
    case "enrolment":
    case "enrollment":
      return `Choose your ${ctx.one} and tell us a little about yourself.`;
    case "registration":
      return `Save your place at one of our ${ctx.many}.`;
    case "application":
      return ctx.spec.subject.key === "pets" ? `Tell us which ${ctx.one} you’d love to give a home to.` : `Tell us about yourself and what you’d like to do with us.`;
    case "donation":
      return `Every gift helps ${ctx.spec.subject.topic}. Pledge an amount and we’ll be in touch.`;
    case "rsvp":
      return ctx.spec.subject.key === "events" ? `Let us know if you can make it to our next ${ctx.one} and who you’re bringing.` : "Let us know if you can make it and who you’re bringing.";
    case "quote":
      return `Tell us what you need and we’ll send a free quote for your ${ctx.one}.`;
    case "order":
      return `Choose your ${ctx.many} and a collection date; we’ll confirm by email.`;
    case "volunteer":
      return `Give a few hours to ${ctx.spec.subject.topic}: tell us when you’re free.`;
  }
}

export function headingFor(ctx: Context, section: Section): string {
  if (section.heading) return section.heading;
  const { tone, title } = ctx.spec;
  switch (section.kind) {
    case "items":
      return tone === "professional" ? ctx.Many : tone === "playful" ? `${ctx.Many} we love` : `Our ${ctx.many}`;
    case "features":
      return `Why people love our ${ctx.many}`;
    case "gallery":
      return `${ctx.Many} in pictures`;
    case "faq":
      return "Frequently asked questions";
    case "testimonials":
      return tone === "playful" ? "Kind words (we blushed)" : "What people say";
    case "team":
      return section.people ? `Meet our ${section.people}` : "Meet the team";
    case "stats":
      return section.impact ? "Our impact" : `${title} in numbers`;
    case "pricing":
      return "Plans and pricing";
    case "menu":
      return food(ctx) ? "Menu" : "Price list";
    case "hours":
      return "Opening hours and location";
    case "timeline":
      return "Our story";
    case "newsletter":
      return "Stay in the loop";
    case "contact":
      return tone === "professional" ? "Contact us" : "Get in touch";
    case "signup":
      return `Join ${title}`;
    case "todo":
      return "To-do list";
    case "table":
      return section.measures?.length ? `${capital(joinAnd(section.measures))} by month` : `All ${ctx.many} at a glance`;
    case "chart":
      return section.measures?.length ? `${capital(section.measures[0]!)} by month` : `New ${ctx.many} each month`;
    case "request":
      return requestHeading(ctx, formOf(ctx, section.form));
    case "mission":
      return "Our mission";
  }
}

// The short line under a section's heading, always about the subject.
export function introFor(ctx: Context, kind: SectionKind, section?: Section): string {
  switch (kind) {
    case "items":
      return `Browse ${ctx.items.length} ${ctx.many}, chosen with care.`;
    case "features":
      return `What makes our ${ctx.many} worth your time.`;
    case "gallery":
      return `A closer look at some of our ${ctx.many}.`;
    case "faq":
      return `Answers to what people ask most about our ${ctx.many}.`;
    case "testimonials":
      return `What people say about our ${ctx.many}.`;
    case "team":
      return `The ${section?.people ?? "people"} who look after our ${ctx.many}.`;
    case "stats":
      return section?.impact ? `What our work for ${ctx.spec.subject.topic} has achieved so far.` : `Our ${ctx.many} by the numbers.`;
    case "pricing":
      return `Simple plans for everyone who loves our ${ctx.many}.`;
    case "menu":
      return `Everything on offer, with prices: ${ctx.many} and more.`;
    case "hours":
      return `Come and see our ${ctx.many} in person.`;
    case "timeline":
      return `How our ${ctx.many} came to be.`;
    case "newsletter":
      return `New ${ctx.many} and news, straight to your inbox. No spam.`;
    case "contact":
      return `Questions about our ${ctx.many}? Send us a message.`;
    case "signup":
      return `Sign up to hear first about new ${ctx.many}.`;
    case "todo":
      return `Keep track of everything to do with your ${ctx.many}.`;
    case "table":
      return section?.measures?.length ? `${capital(joinAnd(section.measures))} across all our ${ctx.many}, month by month.` : `Every ${ctx.one} in one table.`;
    case "chart":
      return section?.measures?.length ? `${capital(section.measures[0]!)} across all our ${ctx.many}, month by month this year.` : `How many new ${ctx.many} arrived each month this year.`;
    case "request":
      return requestIntro(ctx, formOf(ctx, section?.form));
    case "mission":
      return `Why ${ctx.spec.title} does what it does.`;
  }
}

export function taglineFor(ctx: Context): string {
  if (ctx.spec.tagline) return ctx.spec.tagline;
  const topic = ctx.spec.subject.topic;
  if (ctx.spec.sections.length === 1 && ctx.spec.sections[0]!.kind === "todo") return "Keep track of what matters today.";
  switch (ctx.spec.tone) {
    case "professional":
      return `Trusted ${ctx.many} and expert care for ${topic}.`;
    case "playful":
      return `${capital(topic)}, but make it fun!`;
    case "friendly":
      return `Your friendly home for ${topic}.`;
  }
}

// A section's heading, with the id its section is labelled by.
export function sectionOpen(id: string, heading: string, intro: string, center = false): string {
  return `<section id="${id}" aria-labelledby="${id}-heading" className="mx-auto w-full max-w-6xl scroll-mt-20 px-6 py-16">
      <div className="${center ? "mx-auto max-w-2xl text-center" : "max-w-2xl"}">
        <h2 id="${id}-heading" className="text-3xl font-semibold tracking-tight">
          {${JSON.stringify(heading).replace(/</g, "\\u003c")}}
        </h2>
        <p className="mt-2 text-muted-foreground">{${JSON.stringify(intro).replace(/</g, "\\u003c")}}</p>
      </div>`;
}
