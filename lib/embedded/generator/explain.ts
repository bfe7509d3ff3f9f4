import "server-only";

import { type Action, type AppSpec, type Font, type RequestForm, samePart, type Section, type SectionKind, type Subject } from "./app-spec";
import type { ListOption } from "./section-words";
import type { NewApp, SpecChange, SpecEdit } from "./spec";

// What the reply says, in a builder's words: one sentence about what was
// built or changed, and one about anything asked for that wasn't. Pure.

export function describeNewApp({ spec, missing }: NewApp): string {
  const parts = spec.sections.map((s) => sectionPhrase(spec.subject, s));
  const buttons = spec.actions.map((a) => buttonPhrase(spec, a));
  const extras = [spec.darkToggle ? "a dark/light switch" : "", spec.font !== "sans" ? `${fontName(spec.font)} lettering` : ""].filter(Boolean);
  const look = `${spec.dark ? "a dark" : "a light"} theme with ${spec.accent} accents`;
  const pages = spec.multiPage && spec.sections.length > 1 ? ", each on its own page with navigation" : "";
  const built = `I built “${spec.title}” with ${joinList([...parts, ...buttons, ...extras])}${pages}, in ${look}.`;
  const forms = spec.sections.flatMap((s) => (s.kind === "request" ? [s.form ?? "booking"] : []));
  return [built, missingSentence(missing, deliveryNote(spec.subject, forms)) ?? "Ask for any change, like a new section, colour or title."].join(" ");
}

export function describeEdit({ changes, unchanged, missing, spec }: SpecEdit): string {
  const already = unchanged.length ? capitalise(`${joinList(unchanged.map((c) => alreadyPhrase(spec, c)))}.`) : "";
  const added = changes.flatMap((c) => (c.what === "section" && c.present && c.section === "request" ? [c.form ?? "booking"] : []));
  const cannot = missingSentence(missing, deliveryNote(spec.subject, added));
  if (changes.length) return [`Done: I ${joinList(changes.map((c) => changePhrase(spec, c)))}.`, cannot ?? already].filter(Boolean).join(" ");
  if (cannot) return [cannot, "I left everything else as it was."].join(" ");
  if (already) return `${already} I left everything else as it was.`;
  return "I kept your app as it is, because I couldn’t tell what to change from that. Try something like “add a FAQ below the list”, “make it blue”, “make it dark” or “remove the testimonials”.";
}

export const FIXED_TEXT = "I wrote your app’s code again so the preview can build; everything you see stays as it was.";

export const FAILURE_TEXT = "Sorry, something went wrong while I was writing your app, so nothing was changed. Please send your message again.";

// What wasn't built, then where a form's answers would go: one sentence.
function missingSentence(missing: string[], note: string | null = null): string | null {
  const parts = [missing.length ? joinList([...new Set(missing)]) : "", note ?? ""].filter(Boolean);
  return parts.length ? `${capitalise(parts.join("; "))}.` : null;
}

// Where a request form's answers would go once a real service is connected.
function deliveryNote(subject: Subject, forms: RequestForm[]): string | null {
  if (!forms.length) return null;
  const names = joinList(forms.map((f) => `the ${formName(subject, f)}`));
  const service = forms.includes("donation")
    ? "a payment service"
    : forms.some((f) => ["booking", "appointment", "reservation"].includes(f))
      ? "a booking calendar or an email inbox"
      : "an email inbox";
  const one = forms.length === 1;
  return `${names} ${one ? "checks" : "check"} each answer and ${one ? "confirms" : "confirm"} on the page, and once you connect a real service such as ${service}, submissions would go there`;
}

function formName(subject: Subject, form: RequestForm): string {
  const food = ["bakery", "cafe", "restaurant"].includes(subject.key);
  return {
    booking: "booking form",
    appointment: "appointment request form",
    reservation: food ? "table reservation form" : "reservation form",
    enrolment: "enrolment form",
    enrollment: "enrollment form",
    registration: "registration form",
    application: subject.key === "pets" ? "adoption application form" : "application form",
    donation: "donation pledge form",
    rsvp: "RSVP form",
    quote: "quote request form",
    order: "order request form",
    volunteer: "volunteer sign-up form",
  }[form];
}

function sectionName(subject: Subject, part: SectionKind | Section): string {
  const section: Section = typeof part === "string" ? { kind: part } : part;
  const kind = section.kind;
  const food = ["bakery", "cafe", "restaurant"].includes(subject.key);
  if (kind === "request") return formName(subject, section.form ?? "booking");
  if (kind === "team" && section.people) return `section about our ${section.people}, with bios`;
  if (kind === "stats" && section.measures?.length) return `${section.impact ? "impact " : ""}numbers for ${joinList(section.measures)}`;
  if (kind === "stats" && section.impact) return "impact numbers";
  if (kind === "chart" && section.measures?.length) return `bar chart of ${section.measures[0]}`;
  if (kind === "table" && section.measures?.length) return `table of ${joinList(section.measures)} by month`;
  return {
    items: `${subject.singular} list`,
    features: "features section",
    gallery: "photo gallery",
    faq: "FAQ",
    testimonials: "testimonials",
    team: "team section",
    stats: "numbers section",
    pricing: "pricing table",
    menu: food ? "menu" : "price list",
    hours: "opening hours and location",
    timeline: "timeline",
    newsletter: "newsletter sign-up",
    contact: "contact form",
    signup: "sign-up form",
    todo: "to-do list",
    table: `table of ${subject.plural}`,
    chart: "bar chart",
    request: "form",
    mission: "mission statement",
  }[kind];
}

function buttonPhrase(spec: AppSpec, action: Action): string {
  const target = spec.sections.find((s) => samePart(s, { kind: action.to, form: action.form }));
  return `${/^[aeiou]/i.test(action.label) ? "an" : "a"} “${action.label}” button${target ? ` that leads to the ${sectionName(spec.subject, target)}` : ""}`;
}

function sectionPhrase(subject: Subject, section: Section): string {
  const options = [section.search ? "live search" : "", section.filters && !section.tabs ? "category filters" : "", section.tabs ? "category tabs" : ""].filter(Boolean);
  const named = section.heading ? ` called “${section.heading}”` : "";
  return `${withArticle(sectionName(subject, section))}${named}${options.length ? ` with ${joinList(options)}` : ""}`;
}

const OPTION_NAMES: Record<ListOption, string> = { search: "a search box", filters: "category filters", tabs: "category tabs" };

function where(spec: AppSpec, change: Extract<SpecChange, { what: "moved" }>["placement"]): string {
  if (!("of" in change)) return change.where === "top" ? "to the top" : "to the bottom";
  return `${change.where === "before" ? "above" : "below"} the ${sectionName(spec.subject, change.of)}`;
}

function changePhrase(spec: AppSpec, change: SpecChange): string {
  switch (change.what) {
    case "kind":
      return `rebuilt it as ${withArticle(kindName(change.kind))}`;
    case "title":
      return `changed the title to “${change.value}”`;
    case "tagline":
      return `changed the subtitle to “${change.value}”`;
    case "theme":
      return `switched to a ${change.dark ? "dark" : "light"} theme`;
    case "toggle":
      return change.on ? "added a dark/light switch" : "removed the dark/light switch";
    case "accent":
      return `made the accent colour ${change.accent}`;
    case "font":
      return `switched to ${fontName(change.font)} lettering`;
    case "tone":
      return `made the wording more ${change.tone}`;
    case "pages":
      return change.multi ? "put each section on its own page with navigation" : "put everything back on one page";
    case "footer":
      return change.present ? "added a footer" : "removed the footer";
    case "section": {
      const part = { kind: change.section, form: change.form };
      const index = spec.sections.findIndex((s) => samePart(s, part));
      const section = spec.sections[index] ?? part;
      const neighbour = index > 0 ? ` below the ${sectionName(spec.subject, spec.sections[index - 1]!)}` : spec.sections.length > 1 ? " at the top" : "";
      return change.present ? `added ${withArticle(sectionName(spec.subject, section))}${neighbour}` : `removed the ${sectionName(spec.subject, section)}`;
    }
    case "button":
      return `added ${buttonPhrase(spec, { label: change.label, to: change.to, form: change.form })}`;
    case "option":
      return change.present ? `added ${OPTION_NAMES[change.option]} to the ${spec.subject.singular} list` : `removed the ${OPTION_NAMES[change.option].replace(/^an? /, "")}`;
    case "moved":
      return `moved the ${sectionName(spec.subject, change.section)} ${where(spec, change.placement)}`;
    case "renamed":
      return `renamed the ${sectionName(spec.subject, change.section)} to “${change.heading}”`;
    case "item":
      return change.present ? `added the ${spec.subject.singular} “${change.title}”` : `removed the ${spec.subject.singular} “${change.title}”`;
  }
}

function alreadyPhrase(spec: AppSpec, change: SpecChange): string {
  switch (change.what) {
    case "kind":
      return `it’s already ${withArticle(kindName(change.kind))}`;
    case "title":
      return `the title is already “${change.value}”`;
    case "tagline":
      return `the subtitle is already “${change.value}”`;
    case "theme":
      return `it already has a ${change.dark ? "dark" : "light"} theme`;
    case "toggle":
      return change.on ? "it already has a dark/light switch" : "there’s no dark/light switch to remove";
    case "accent":
      return `the accent colour is already ${change.accent}`;
    case "font":
      return `it already uses ${fontName(change.font)} lettering`;
    case "tone":
      return `the wording is already ${change.tone}`;
    case "pages":
      return change.multi ? "each section already has its own page" : "it’s already one page";
    case "footer":
      return change.present ? "it already has a footer" : "there’s no footer to remove";
    case "section": {
      const part = { kind: change.section, form: change.form };
      const section = spec.sections.find((s) => samePart(s, part)) ?? part;
      return change.present ? `it already has ${withArticle(sectionName(spec.subject, section))}` : `there’s no ${sectionName(spec.subject, section)} to remove`;
    }
    case "button":
      return `there’s already a “${change.label}” button`;
    case "option":
      return change.present ? `the ${spec.subject.singular} list already has ${OPTION_NAMES[change.option]}` : `there are no ${OPTION_NAMES[change.option].replace(/^an? /, "")} to remove`;
    case "moved":
      return `the ${sectionName(spec.subject, change.section)} is already there`;
    case "renamed":
      return `the ${sectionName(spec.subject, change.section)} is already called “${change.heading}”`;
    case "item":
      return `there’s already a ${spec.subject.singular} called “${change.title}”`;
  }
}

function kindName(kind: string): string {
  return { landing: "landing page", todo: "to-do list", form: "form", pricing: "pricing page", dashboard: "dashboard", portfolio: "portfolio", blog: "blog" }[kind] ?? kind;
}

function fontName(font: Font): string {
  return { sans: "clean sans-serif", serif: "classic serif", mono: "typewriter-style", rounded: "soft rounded" }[font];
}

function withArticle(noun: string): string {
  if (/^(?:testimonials|opening hours|impact numbers|numbers for)/.test(noun)) return noun;
  if (/^(?:FAQ|RSVP)/.test(noun)) return `an ${noun}`;
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
