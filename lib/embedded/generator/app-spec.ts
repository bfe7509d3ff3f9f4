import "server-only";

import { z } from "zod";

// The local generator's structured description of an app. Stored with every
// version, so a follow-up edits the spec rather than re-reading old prompts.

// The kinds of app a first prompt can name outright ("a todo app", "a
// blog"); each starts with its own sections (see ./spec.ts).
export const APP_KINDS = ["landing", "todo", "form", "pricing", "dashboard", "portfolio", "blog"] as const;
export type AppKind = (typeof APP_KINDS)[number];

// The parts a page is built from, in no particular order: the page shows
// them in the order the builder asked.
export const SECTION_KINDS = [
  "items",
  "features",
  "gallery",
  "faq",
  "testimonials",
  "team",
  "stats",
  "pricing",
  "menu",
  "hours",
  "timeline",
  "newsletter",
  "contact",
  "signup",
  "todo",
  "table",
  "chart",
  "request",
  "mission",
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

// The forms that collect a request and confirm it on the page (a "request"
// section is one of these). Enrolment keeps the builder's spelling.
export const REQUEST_FORMS = [
  "booking",
  "appointment",
  "reservation",
  "enrolment",
  "enrollment",
  "registration",
  "application",
  "donation",
  "rsvp",
  "quote",
  "order",
  "volunteer",
] as const;
export type RequestForm = (typeof REQUEST_FORMS)[number];

// `heading` is set when the builder renamed the section. The item list can
// carry a live search box, category chips, or category tabs. A request
// section says which form it is; a team can be named people ("trainers",
// with bios); numbers, charts and tables can carry the measures the builder
// named ("meals served", "revenue"), and numbers can be about impact.
export type Section = {
  kind: SectionKind;
  heading?: string;
  search?: boolean;
  filters?: boolean;
  tabs?: boolean;
  form?: RequestForm;
  people?: string;
  measures?: string[];
  impact?: boolean;
};

// A button the builder named ("a Donate button"), labelled as asked, and
// the section it leads to.
export type Action = { label: string; to: SectionKind; form?: RequestForm };

// Two sections are the same part when they're the same kind and, for
// request forms, the same form: a page can have a booking form and a
// donation form, but not two booking forms.
export function samePart(a: Pick<Section, "kind" | "form">, b: Pick<Section, "kind" | "form">): boolean {
  return a.kind === b.kind && (a.kind !== "request" || (a.form ?? "booking") === (b.form ?? "booking"));
}

// Tailwind's chromatic palettes (plus slate for grey).
const ACCENTS = [
  "slate",
  "red",
  "orange",
  "amber",
  "yellow",
  "lime",
  "green",
  "emerald",
  "teal",
  "cyan",
  "sky",
  "blue",
  "indigo",
  "violet",
  "purple",
  "fuchsia",
  "pink",
  "rose",
] as const;
export type Accent = (typeof ACCENTS)[number];

// Font stacks installed on every computer: generated apps fetch no fonts.
const FONTS = ["sans", "serif", "mono", "rounded"] as const;
export type Font = (typeof FONTS)[number];

const TONES = ["friendly", "professional", "playful"] as const;
export type Tone = (typeof TONES)[number];

// What the app is about: a catalog entry's key (see ./subjects.ts) or
// "custom" for a thing only named by the builder, with its nouns.
export type Subject = { key: string; singular: string; plural: string; topic: string };

// An item the builder added by name ("add a recipe called Lemon Cake").
export type AddedItem = { title: string };

export type AppSpec = {
  title: string;
  tagline: string;
  subject: Subject;
  dark: boolean;
  darkToggle: boolean;
  accent: Accent;
  font: Font;
  tone: Tone;
  // Each section on its own page, with navigation between them.
  multiPage: boolean;
  footer: boolean;
  sections: Section[];
  actions: Action[];
  addedItems: AddedItem[];
  removedItems: string[];
};

export const DEFAULT_ACCENT: Accent = "indigo";

const section = z.object({
  kind: z.enum(SECTION_KINDS),
  heading: z.string().min(1).max(80).optional(),
  search: z.boolean().optional(),
  filters: z.boolean().optional(),
  tabs: z.boolean().optional(),
  form: z.enum(REQUEST_FORMS).optional(),
  people: z.string().min(1).max(40).optional(),
  measures: z.array(z.string().min(1).max(40)).max(6).optional(),
  impact: z.boolean().optional(),
});

const action = z.object({ label: z.string().min(1).max(40), to: z.enum(SECTION_KINDS), form: z.enum(REQUEST_FORMS).optional() });

const storedSpec = z.object({
  title: z.string().min(1),
  tagline: z.string().catch(""),
  subject: z.object({ key: z.string(), singular: z.string().min(1), plural: z.string().min(1), topic: z.string().min(1) }),
  dark: z.boolean().catch(false),
  darkToggle: z.boolean().catch(false),
  accent: z.enum(ACCENTS).catch(DEFAULT_ACCENT),
  font: z.enum(FONTS).catch("sans"),
  tone: z.enum(TONES).catch("friendly"),
  multiPage: z.boolean().catch(false),
  footer: z.boolean().catch(true),
  // An unknown section (from a newer generator) is dropped, not fatal.
  sections: z.array(z.unknown()).catch([]),
  actions: z.array(z.unknown()).catch([]),
  addedItems: z.array(z.object({ title: z.string().min(1) })).catch([]),
  removedItems: z.array(z.string()).catch([]),
});

// The first generator stored a kind and a fixed list of extra sections.
const firstGeneration = z.object({
  kind: z.enum(APP_KINDS),
  formType: z.enum(["contact", "signup"]).catch("contact"),
  title: z.string().min(1),
  tagline: z.string().optional(),
  dark: z.boolean().catch(false),
  accent: z.enum(ACCENTS).catch(DEFAULT_ACCENT),
  sections: z.array(z.string()).catch([]),
});

// Specs are read back from the database, possibly written by an older
// generator: unknown values fall back to defaults instead of failing a reply.
// `upgrade` turns a first-generation spec into this shape (see ./spec.ts).
export function parseSpec(value: unknown, upgrade: (old: FirstGenerationSpec) => AppSpec): AppSpec | null {
  const parsed = storedSpec.safeParse(value);
  if (parsed.success) {
    const sections = parsed.data.sections.flatMap((s) => {
      const one = section.safeParse(s);
      return one.success ? [one.data] : [];
    });
    const actions = parsed.data.actions.flatMap((a) => {
      const one = action.safeParse(a);
      return one.success ? [one.data] : [];
    });
    return { ...parsed.data, sections, actions };
  }
  const old = firstGeneration.safeParse(value);
  return old.success ? upgrade(old.data) : null;
}

export type FirstGenerationSpec = z.infer<typeof firstGeneration>;
