import "server-only";

import { z } from "zod";

// The local generator's structured description of an app. Stored with every
// version, so a follow-up edits the spec rather than re-reading old prompts.

export const APP_KINDS = ["landing", "todo", "form", "pricing", "dashboard", "portfolio", "blog"] as const;
export type AppKind = (typeof APP_KINDS)[number];

// What a "form" app asks for: a message, or a place on a list.
export const FORM_TYPES = ["contact", "signup"] as const;
export type FormType = (typeof FORM_TYPES)[number];

// In page order: a section added later still lands in its usual place.
export const SECTIONS = ["features", "testimonials", "pricing", "signup", "contact", "footer"] as const;
export type Section = (typeof SECTIONS)[number];

// Tailwind's chromatic palettes (plus slate for grey), used as class names.
export const ACCENTS = [
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

export type AppSpec = {
  kind: AppKind;
  formType: FormType;
  title: string;
  tagline: string;
  dark: boolean;
  accent: Accent;
  sections: Section[];
};

export const DEFAULT_ACCENT: Accent = "indigo";

export function defaultTitle(kind: AppKind, formType: FormType): string {
  if (kind === "form") return formType === "signup" ? "Join the List" : "Get in Touch";
  return { landing: "Welcome", todo: "My Tasks", pricing: "Pricing", dashboard: "Dashboard", portfolio: "My Portfolio", blog: "My Blog" }[kind];
}

export function defaultTagline(kind: AppKind, formType: FormType): string {
  if (kind === "form") return formType === "signup" ? "Be the first to hear what’s new." : "We’d love to hear from you.";
  return {
    landing: "Everything you need, beautifully simple.",
    todo: "Keep track of what matters today.",
    pricing: "Simple plans that grow with you.",
    dashboard: "Your numbers at a glance.",
    portfolio: "A selection of recent work.",
    blog: "Notes, stories and ideas.",
  }[kind];
}

// A section the app's main content already provides is never added twice.
export function coveredByKind(spec: Pick<AppSpec, "kind" | "formType">, section: Section): boolean {
  if (spec.kind === "pricing") return section === "pricing";
  if (spec.kind === "form") return section === spec.formType;
  return false;
}

export function orderSections(sections: Iterable<Section>): Section[] {
  const wanted = new Set(sections);
  return SECTIONS.filter((s) => wanted.has(s));
}

const storedSpec = z.object({
  kind: z.enum(APP_KINDS),
  formType: z.enum(FORM_TYPES).catch("contact"),
  title: z.string().min(1),
  tagline: z.string().optional(),
  dark: z.boolean().catch(false),
  accent: z.enum(ACCENTS).catch(DEFAULT_ACCENT),
  sections: z.array(z.string()).catch([]),
});

// Specs are read back from the database, possibly written by an older
// generator: unknown values fall back to defaults instead of failing a reply.
export function parseSpec(value: unknown): AppSpec | null {
  const parsed = storedSpec.safeParse(value);
  if (!parsed.success) return null;
  const { kind, formType, title, tagline, dark, accent, sections } = parsed.data;
  const known = sections.filter((s): s is Section => (SECTIONS as readonly string[]).includes(s));
  return {
    kind,
    formType,
    title,
    tagline: tagline ?? defaultTagline(kind, formType),
    dark,
    accent,
    sections: orderSections(known.filter((s) => !coveredByKind({ kind, formType }, s))),
  };
}
