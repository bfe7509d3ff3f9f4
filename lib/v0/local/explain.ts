import "server-only";

import type { AppKind, AppSpec, FormType, Section } from "./app-spec";
import type { SpecChange, SpecEdit } from "./spec";

// What the reply says, in a builder's words: one or two plain sentences
// about what was built or changed. Pure.

export function describeNewApp(spec: AppSpec): string {
  const extras = spec.sections.filter((s) => s !== "footer").map((s) => withArticle(sectionName(s)));
  const look = `${spec.dark ? "a dark" : "a light"} theme and ${spec.accent} accents`;
  const plus = extras.length ? `, plus ${joinList(extras)}` : "";
  return `I built “${spec.title}”, ${withArticle(kindName(spec.kind, spec.formType))} with ${look}${plus}. Ask for any change, like a new title, colour or section.`;
}

export function describeEdit({ changes, unchanged }: SpecEdit): string {
  const already = unchanged.length ? capitalise(`${joinList(unchanged.map(alreadyPhrase))}.`) : "";
  if (changes.length) return [`Done: I ${joinList(changes.map(changePhrase))}.`, already].filter(Boolean).join(" ");
  if (already) return `${already} I left everything else as it was.`;
  return "I kept your app as it is, because I couldn’t tell what to change from that. Try something like “change the title to …”, “make it blue”, “make it dark”, “add a contact form” or “remove the footer”.";
}

export const FAILURE_TEXT = "Sorry, something went wrong while I was writing your app, so nothing was changed. Please send your message again.";

function changePhrase(change: SpecChange): string {
  switch (change.what) {
    case "kind":
      return `turned it into ${withArticle(kindName(change.kind, change.formType))}`;
    case "title":
      return `changed the title to “${change.value}”`;
    case "tagline":
      return `changed the subtitle to “${change.value}”`;
    case "theme":
      return `switched to a ${change.dark ? "dark" : "light"} theme`;
    case "accent":
      return `made the accent colour ${change.accent}`;
    case "section":
      return change.present ? `added ${withArticle(sectionName(change.section))}` : `removed the ${sectionName(change.section)}`;
  }
}

function alreadyPhrase(change: SpecChange): string {
  switch (change.what) {
    case "kind":
      return `it’s already ${withArticle(kindName(change.kind, change.formType))}`;
    case "title":
      return `the title is already “${change.value}”`;
    case "tagline":
      return `the subtitle is already “${change.value}”`;
    case "theme":
      return `it already has a ${change.dark ? "dark" : "light"} theme`;
    case "accent":
      return `the accent colour is already ${change.accent}`;
    case "section":
      return change.present ? `it already has ${withArticle(sectionName(change.section))}` : `there’s no ${sectionName(change.section)} to remove`;
  }
}

function kindName(kind: AppKind, formType: FormType): string {
  if (kind === "form") return formType === "signup" ? "sign-up form" : "contact form";
  return { landing: "landing page", todo: "to-do list", pricing: "pricing page", dashboard: "dashboard", portfolio: "portfolio", blog: "blog" }[kind];
}

function sectionName(section: Section): string {
  return {
    features: "features section",
    testimonials: "testimonials",
    pricing: "pricing table",
    signup: "sign-up form",
    contact: "contact form",
    footer: "footer",
  }[section];
}

function withArticle(noun: string): string {
  if (noun === "testimonials") return noun;
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
