import "server-only";

import {
  type Accent,
  type AppKind,
  type AppSpec,
  DEFAULT_ACCENT,
  type FirstGenerationSpec,
  type Font,
  parseSpec as parseStoredSpec,
  type Action,
  type RequestForm,
  samePart,
  type Section,
  type SectionKind,
  type Subject,
  type Tone,
} from "./app-spec";
import {
  findCannot,
  findDarkToggle,
  findFont,
  findListNoun,
  findMentions,
  findMove,
  findMultiPage,
  findPlacement,
  findRename,
  findTone,
  findUnknownParts,
  isListOption,
  type ListOption,
  type Mention,
  type Placement,
  findAddedItemStart,
  type Cannot,
} from "./section-words";
import { buttonTarget, findButtons, type Button, sameFamily } from "./part-words";
import { customSubject, findKnownSubject, itemsFor, subjectByKey } from "./subjects";
import {
  findAccent,
  findFormType,
  findInitialTitle,
  findHeadKind,
  findHeadName,
  findKindChange,
  findNewTagline,
  findNewTitle,
  findSubject,
  findTheme,
  phraseFrom,
  titleCase,
} from "./words";

// Kept importable from here, where the preview host's tests look for them.
export { APP_KINDS, type AppSpec } from "./app-spec";

// The generator's understanding of the conversation: the first prompt gives
// a spec, each follow-up edits the previous one. Pure.

export type SpecChange =
  | { what: "kind"; kind: AppKind }
  | { what: "title"; value: string }
  | { what: "tagline"; value: string }
  | { what: "theme"; dark: boolean }
  | { what: "toggle"; on: boolean }
  | { what: "accent"; accent: Accent }
  | { what: "font"; font: Font }
  | { what: "tone"; tone: Tone }
  | { what: "pages"; multi: boolean }
  | { what: "footer"; present: boolean }
  | { what: "section"; section: SectionKind; present: boolean; form?: RequestForm }
  | { what: "button"; label: string; to: SectionKind; form?: RequestForm }
  | { what: "option"; option: ListOption; present: boolean }
  | { what: "moved"; section: SectionKind; placement: Placement }
  | { what: "renamed"; section: SectionKind; heading: string }
  | { what: "item"; title: string; present: boolean };

// `changes` were made; `unchanged` were asked for but already so; `missing`
// names what was asked for but can't be built here, in the reply's words.
export type SpecEdit = { spec: AppSpec; changes: SpecChange[]; unchanged: SpecChange[]; missing: string[] };
export type NewApp = { spec: AppSpec; missing: string[] };

// What each kind of app starts with when the prompt names no sections of
// its own (or none of these).
const KIND_SECTIONS: Record<AppKind, SectionKind[]> = {
  landing: [],
  todo: ["todo"],
  form: ["contact"],
  pricing: ["pricing"],
  dashboard: ["stats", "chart", "table"],
  portfolio: ["gallery", "items"],
  blog: ["items"],
};

const KIND_SUBJECTS: Partial<Record<AppKind, Subject>> = {
  todo: customSubject("task", "tasks"),
  blog: subjectByKey("posts")!,
  portfolio: subjectByKey("projects")!,
};

const DEFAULT_TITLES: Record<AppKind, string> = {
  landing: "Welcome",
  todo: "My Tasks",
  form: "Get in Touch",
  pricing: "Pricing",
  dashboard: "Dashboard",
  portfolio: "My Portfolio",
  blog: "My Blog",
};

export function initialSpec(prompt: string): AppSpec {
  return readPrompt(prompt).spec;
}

// The sections a visitor fills in.
const FORM_KINDS: SectionKind[] = ["request", "signup", "contact", "newsletter"];

export function readPrompt(prompt: string): NewApp {
  // Buttons first: a quoted label ("a 'Join the beta' button") is no title.
  const { buttons, rest } = findButtons(prompt);
  const named = findInitialTitle(rest);
  const toggle = findDarkToggle(named?.rest ?? rest);
  const text = toggle?.rest ?? named?.rest ?? rest;
  const kind = findHeadKind(text) ?? "landing";
  const subject = findSubjectOf(text, named?.value ?? "", kind);
  const mentions = menuTabs(findMentions(text, subject));

  let sections: Section[] = [];
  const wanted = mentions.filter((m) => m.wanted);
  let defaults: SectionKind[] = kind === "form" ? (wanted.some((m) => FORM_KINDS.includes(m.what as SectionKind)) ? [] : [formSection(text)]) : KIND_SECTIONS[kind];
  if (kind === "landing" && !wanted.some((m) => m.what !== "footer")) defaults = subject.key === "custom" ? ["features", "testimonials", "contact"] : ["items", "features", "testimonials", "contact"];
  if (!wanted.some((m) => defaults.includes(m.what as SectionKind))) sections = defaults.map((k) => ({ kind: k }));
  for (const mention of mentions) sections = applyMention(sections, mention, null).sections;

  const unwanted = new Set(mentions.filter((m) => !m.wanted && !m.details).map((m) => m.what));
  sections = sections.filter((s) => !unwanted.has(s.kind));
  const cannot = cannotFor(text, sections);
  for (const { nearest } of cannot) if (nearest && !sections.some((s) => samePart(s, nearest))) sections.push(nearest);
  const actions: Action[] = [];
  for (const button of buttons) {
    const { action, section } = actionFor(button, subject, sections);
    if (section) sections.push(section);
    if (!actions.some((a) => a.label === action.label)) actions.push(action);
  }
  const spec: AppSpec = {
    title: named?.value ?? findSubject(text) ?? findHeadName(text) ?? (kind === "landing" && subject.key !== "custom" ? titleCase(subject.plural) : DEFAULT_TITLES[kind]),
    tagline: "",
    subject,
    dark: findTheme(text) === "dark",
    darkToggle: toggle?.wanted ?? false,
    accent: findAccent(text) ?? DEFAULT_ACCENT,
    font: findFont(text) ?? "sans",
    tone: findTone(text) ?? "friendly",
    multiPage: (findMultiPage(text) ?? false) && sections.length > 1,
    footer: !unwanted.has("footer"),
    sections,
    actions,
    addedItems: [],
    removedItems: [],
  };
  return { spec, missing: missingFrom(text, spec, cannot) };
}

// What can't be built, with the nearest working thing: payments on a page
// that collects donations become a pledge; an email a page can't send needs
// no new form when it has one.
function cannotFor(text: string, sections: Section[]): Cannot[] {
  const donations = /\bdonat|\bpledge|\bfundrais|\bcharity\b/i.test(text) || sections.some((s) => s.form === "donation");
  return findCannot(text).map((c) => {
    if (c.nearest?.form === "order" && donations) return { phrase: "I can’t take real payments here, so the donation form records a pledge instead", nearest: { kind: "request", form: "donation" } };
    if (c.nearest?.kind === "contact" && /emails?/.test(c.phrase) && sections.some((s) => FORM_KINDS.includes(s.kind))) return { ...c, nearest: null };
    return c;
  });
}

// A named button and where it leads: the form or section its words name
// (added when missing), else the page's first form, else a contact form.
function actionFor(button: Button, subject: Subject, sections: Section[]): { action: Action; section: Section | null } {
  const named = buttonTarget(button.label, subject);
  const kin = named?.form ? sections.find((s) => s.kind === "request" && sameFamily(s.form ?? "booking", named.form!)) : undefined;
  const target = kin ?? named ?? sections.find((s) => FORM_KINDS.includes(s.kind)) ?? { kind: "contact" as const };
  const present = sections.find((s) => samePart(s, target));
  const section = present ? null : ({ ...target } as Section);
  return { action: { label: button.label, to: target.kind, ...(target.form ? { form: target.form } : {}) }, section };
}

// "a menu in tabs": the menu is already tabbed; the tabs aren't the list's.
function menuTabs(mentions: Mention[], spec?: AppSpec): Mention[] {
  const menu = mentions.some((m) => m.what === "menu") || spec?.sections.some((s) => s.kind === "menu");
  const list = mentions.some((m) => m.what === "items") || spec?.sections.some((s) => s.kind === "items");
  return menu && !list ? mentions.filter((m) => m.what !== "tabs") : mentions;
}

function formSection(text: string): SectionKind {
  if (/\b(?:newsletter|mailing list|subscribe)\b/i.test(text)) return "newsletter";
  return findFormType(text) === "signup" ? "signup" : "contact";
}

// "a list of kites" → kites; else a subject the generator knows; else what
// the kind of app implies; else plain "items".
function findSubjectOf(text: string, title: string, kind: AppKind): Subject {
  const listNoun = findListNoun(text);
  if (listNoun) return findKnownSubject(listNoun) ?? customSubject(singular(listNoun), listNoun);
  return KIND_SUBJECTS[kind] ?? findKnownSubject(`${text} ${title}`) ?? customSubject("item", "items");
}

function singular(plural: string): string {
  if (/ies$/.test(plural)) return plural.slice(0, -3) + "y";
  if (/(?:ch|sh|x|ss)es$/.test(plural)) return plural.slice(0, -2);
  return plural.replace(/s$/, "");
}

// What was asked for and can't be built, in the reply's words. A phrase
// naming the subject or its items ("with recipes") is known.
function missingFrom(text: string, spec: AppSpec, cannot: Cannot[]): string[] {
  const known = (phrase: string) => new RegExp(`\\b(?:${[spec.subject.singular, spec.subject.plural, spec.subject.topic].join("|")})`, "i").test(phrase) || findColours(phrase);
  const unknown = findUnknownParts(text, spec.subject, known);
  return [...cannot.map((c) => c.phrase), ...(unknown.length ? [`I didn’t know how to make ${joinWithAnd(unknown.map((u) => `“${u}”`))}`] : [])];
}

function findColours(phrase: string): boolean {
  return findAccent(phrase) !== null || findTheme(phrase) !== null || findFont(phrase) !== null || findTone(phrase) !== null;
}

function joinWithAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

// One mention applied to a section list: added (where placed), removed, or
// a list option switched. `placement` is null for a first prompt (order as
// written).
function applyMention(sections: Section[], mention: Mention, placement: Placement | null): { sections: Section[]; change: SpecChange | null; already: boolean } {
  const { what, wanted } = mention;
  if (what === "footer" || what === "measures") return { sections, change: null, already: false };
  if (isListOption(what)) {
    const list = sections.find((s) => s.kind === "items");
    if (!list) {
      if (!wanted) return { sections, change: { what: "option", option: what, present: false }, already: true };
      return { sections: place(sections, { kind: "items", [what]: true }, placement), change: { what: "option", option: what, present: true }, already: false };
    }
    const already = Boolean(list[what]) === wanted;
    return { sections: sections.map((s) => (s === list ? { ...s, [what]: wanted } : s)), change: { what: "option", option: what, present: wanted }, already };
  }
  const target: Section = { kind: what, ...mention.details };
  const existing = sections.find((s) => samePart(s, target));
  const change: SpecChange = { what: "section", section: what, present: wanted, ...(target.form ? { form: target.form } : {}) };
  if (!wanted) return existing ? { sections: sections.filter((s) => s !== existing), change, already: false } : { sections, change, already: true };
  if (existing) {
    // Already there, but now with people, measures or impact named.
    const details = Object.entries(mention.details ?? {}).filter(([key, value]) => JSON.stringify(existing[key as keyof Section]) !== JSON.stringify(value));
    if (!details.length) return { sections, change, already: true };
    return { sections: sections.map((s) => (s === existing ? { ...s, ...Object.fromEntries(details) } : s)), change, already: false };
  }
  return { sections: place(sections, target, placement), change, already: false };
}

function place(sections: Section[], section: Section, placement: Placement | null): Section[] {
  const others = sections.filter((s) => !samePart(s, section));
  if (!placement || placement.where === "bottom") return [...others, section];
  if (!("of" in placement)) return [section, ...others];
  const at = others.findIndex((s) => s.kind === placement.of);
  if (at === -1) return [...others, section];
  const index = placement.where === "before" ? at : at + 1;
  return [...others.slice(0, index), section, ...others.slice(index)];
}

export function applyFollowUp(previous: AppSpec, message: string): SpecEdit {
  const changes: SpecChange[] = [];
  const unchanged: SpecChange[] = [];
  const note = (change: SpecChange, changed: boolean) => (changed ? changes : unchanged).push(change);
  const spec: AppSpec = {
    ...previous,
    sections: previous.sections.map((s) => ({ ...s })),
    actions: [...previous.actions],
    addedItems: [...previous.addedItems],
    removedItems: [...previous.removedItems],
  };
  let text = message;

  // Names the builder typed are taken out first, so their words aren't read
  // as requests ("call the list Dark Blue Footer").
  const rename = findRename(text, spec.subject);
  if (rename) {
    const found = phraseFrom(text, rename.from, rename.start);
    if (found) {
      const target = spec.sections.find((s) => s.kind === rename.section);
      const heading = found.value;
      note({ what: "renamed", section: rename.section, heading }, target?.heading !== heading);
      if (target) target.heading = heading;
      else spec.sections.push({ kind: rename.section, heading });
      text = found.rest;
    }
  }
  const itemStart = findAddedItemStart(text);
  if (itemStart !== null) {
    const found = phraseFrom(text, text.search(/\badd\s/i), itemStart);
    if (found) {
      const exists = itemsFor(spec.subject, spec.addedItems, spec.removedItems).some((i) => i.title.toLowerCase() === found.value.toLowerCase());
      note({ what: "item", title: found.value, present: true }, !exists);
      if (!exists) {
        spec.addedItems.push({ title: found.value });
        spec.removedItems = spec.removedItems.filter((r) => r.toLowerCase() !== found.value.toLowerCase());
      }
      if (!spec.sections.some((s) => s.kind === "items")) spec.sections.push({ kind: "items" });
      text = found.rest;
    }
  }
  if (/\b(?:remove|delete|drop|take out|get rid of)\b/i.test(text)) {
    for (const item of itemsFor(spec.subject, spec.addedItems, spec.removedItems)) {
      const at = text.toLowerCase().indexOf(item.title.toLowerCase());
      if (at === -1) continue;
      spec.addedItems = spec.addedItems.filter((a) => a.title !== item.title);
      if (!previous.addedItems.some((a) => a.title === item.title)) spec.removedItems.push(item.title);
      note({ what: "item", title: item.title, present: false }, true);
      text = text.slice(0, at) + " " + text.slice(at + item.title.length);
    }
  }

  const tagline = findNewTagline(text);
  const title = findNewTitle(tagline?.rest ?? text);
  text = title?.rest ?? tagline?.rest ?? text;
  if (title) {
    note({ what: "title", value: title.value }, title.value !== spec.title);
    spec.title = title.value;
  }
  if (tagline) {
    note({ what: "tagline", value: tagline.value }, tagline.value !== spec.tagline);
    spec.tagline = tagline.value;
  }

  const kind = findKindChange(text);
  if (kind) {
    const sections = kind === "form" ? [formSection(text)] : KIND_SECTIONS[kind];
    const same = sections.length > 0 && sections.every((k, i) => spec.sections[i]?.kind === k) && spec.sections.length === sections.length;
    note({ what: "kind", kind }, !same);
    if (!same) {
      spec.sections = (sections.length ? sections : ["features", "testimonials", "contact"]).map((k) => ({ kind: k as SectionKind }));
      spec.subject = KIND_SUBJECTS[kind] ?? spec.subject;
      if (previous.title === DEFAULT_TITLES[findKindOf(previous)]) spec.title = DEFAULT_TITLES[kind];
    }
    text = "";
  }

  const toggle = findDarkToggle(text);
  if (toggle) {
    note({ what: "toggle", on: toggle.wanted }, toggle.wanted !== spec.darkToggle);
    spec.darkToggle = toggle.wanted;
    text = toggle.rest;
  }
  const named = findButtons(text);
  text = named.rest;
  const font = findFont(text);
  if (font) {
    note({ what: "font", font }, font !== spec.font);
    spec.font = font;
  }
  const tone = findTone(text);
  if (tone && /\b(?:tone|sound|voice|wording|words|copy|text|feel|more|less)\b/i.test(text)) {
    note({ what: "tone", tone }, tone !== spec.tone);
    spec.tone = tone;
  }
  const theme = findTheme(text.replace(/\b\w+\s+(?:font|typeface)\b/gi, " "));
  if (theme) {
    note({ what: "theme", dark: theme === "dark" }, (theme === "dark") !== spec.dark);
    spec.dark = theme === "dark";
  }
  const accent = findAccent(text);
  if (accent) {
    note({ what: "accent", accent }, accent !== spec.accent);
    spec.accent = accent;
  }
  const multi = findMultiPage(text);
  if (multi !== null) {
    note({ what: "pages", multi }, multi !== spec.multiPage);
    spec.multiPage = multi;
  }

  // "move the FAQ above the recipes": the FAQ moves; the recipes are where.
  let placement = findPlacement(text, spec.subject);
  const placementText = placement ? /\b(?:below|under|underneath|beneath|after|above|before|over|at the \w+|first|last)\b.*$/i.exec(text) : null;
  const requestText = placementText ? text.slice(0, placementText.index) : text;
  const moving = placement ? findMove(text, spec.subject) : null;
  if (moving && placement && spec.sections.some((s) => s.kind === moving)) {
    const section = spec.sections.find((s) => s.kind === moving)!;
    const moved = place(spec.sections, section, placement);
    note({ what: "moved", section: moving, placement }, moved.some((s, i) => s !== spec.sections[i]));
    spec.sections = moved;
  } else {
    for (const mention of menuTabs(findMentions(requestText, spec.subject), spec)) {
      if (mention.what === "measures") continue;
      if (mention.what === "footer") {
        note({ what: "footer", present: mention.wanted }, mention.wanted !== spec.footer);
        spec.footer = mention.wanted;
        continue;
      }
      const result = applyMention(spec.sections, mention, placement);
      if (result.change) note(result.change, !result.already);
      spec.sections = result.sections;
      // "add a chart and a table after the list": in the order asked.
      if (placement && placement.where !== "before" && result.change?.what === "section" && result.change.present && !result.already) {
        placement = { where: "after", of: result.change.section };
      }
    }
  }

  for (const button of named.buttons) {
    const { action, section } = actionFor(button, spec.subject, spec.sections);
    if (section) {
      spec.sections.push(section);
      note({ what: "section", section: section.kind, present: true, ...(section.form ? { form: section.form } : {}) }, true);
    }
    const exists = spec.actions.some((a) => a.label === action.label);
    if (!exists) spec.actions.push(action);
    note({ what: "button", label: action.label, to: action.to, ...(action.form ? { form: action.form } : {}) }, !exists);
  }
  const cannot = cannotFor(text, spec.sections);
  for (const { nearest } of cannot) {
    if (!nearest || spec.sections.some((s) => samePart(s, nearest))) continue;
    spec.sections.push(nearest);
    note({ what: "section", section: nearest.kind, present: true, ...(nearest.form ? { form: nearest.form } : {}) }, true);
  }
  const missing = missingFrom(text, spec, cannot);
  return { spec: changes.length ? spec : previous, changes, unchanged, missing };
}

function findKindOf(spec: AppSpec): AppKind {
  const kinds = spec.sections.map((s) => s.kind).join(",");
  return (Object.entries(KIND_SECTIONS).find(([, sections]) => sections.join(",") === kinds)?.[0] as AppKind | undefined) ?? "landing";
}

// A spec stored by the first generator (a kind plus fixed extra sections),
// read as this generator's sections.
function upgradeSpec(old: FirstGenerationSpec): AppSpec {
  const main: SectionKind[] = old.kind === "form" ? [old.formType] : old.kind === "landing" ? [] : KIND_SECTIONS[old.kind];
  const extras = old.sections.flatMap((s): SectionKind[] => (["features", "testimonials", "pricing", "signup", "contact"].includes(s) ? [s as SectionKind] : []));
  const kinds = [...new Set([...main, ...extras])];
  return {
    title: old.title,
    tagline: old.tagline ?? "",
    subject: KIND_SUBJECTS[old.kind] ?? customSubject("item", "items"),
    dark: old.dark,
    darkToggle: false,
    accent: old.accent,
    font: "sans",
    tone: "friendly",
    multiPage: false,
    footer: old.sections.includes("footer"),
    sections: kinds.map((kind) => ({ kind })),
    actions: [],
    addedItems: [],
    removedItems: [],
  };
}

export function parseSpec(value: unknown): AppSpec | null {
  return parseStoredSpec(value, upgradeSpec);
}
