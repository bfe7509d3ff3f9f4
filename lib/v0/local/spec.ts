import "server-only";

import {
  type Accent,
  type AppKind,
  type AppSpec,
  coveredByKind,
  DEFAULT_ACCENT,
  defaultTagline,
  defaultTitle,
  type FormType,
  orderSections,
  type Section,
} from "./app-spec";
import {
  findAccent,
  findFormType,
  findInitialTitle,
  findKind,
  findKindChange,
  findNewTagline,
  findNewTitle,
  findSectionRequests,
  findSubject,
  findTheme,
} from "./words";

// Kept importable from here, where the preview host's tests look for them.
export { APP_KINDS, type AppSpec } from "./app-spec";

// The generator's understanding of the conversation: the first prompt gives
// a spec, each follow-up edits the previous one. Pure.

export type SpecChange =
  | { what: "kind"; kind: AppKind; formType: FormType }
  | { what: "title"; value: string }
  | { what: "tagline"; value: string }
  | { what: "theme"; dark: boolean }
  | { what: "accent"; accent: Accent }
  | { what: "section"; section: Section; present: boolean };

// `changes` were made; `unchanged` were asked for but already so.
export type SpecEdit = { spec: AppSpec; changes: SpecChange[]; unchanged: SpecChange[] };

export function initialSpec(prompt: string): AppSpec {
  const named = findInitialTitle(prompt);
  const text = named?.rest ?? prompt;
  const kind = findKind(text) ?? "landing";
  const formType = kind === "form" ? findFormType(text) : "contact";
  const sections = new Set<Section>(kind === "landing" ? ["features", "footer"] : ["footer"]);
  for (const { section, wanted } of findSectionRequests(text)) {
    if (wanted) sections.add(section);
    else sections.delete(section);
  }
  return {
    kind,
    formType,
    title: named?.value ?? findSubject(text) ?? defaultTitle(kind, formType),
    tagline: defaultTagline(kind, formType),
    dark: findTheme(text) === "dark",
    accent: findAccent(text) ?? DEFAULT_ACCENT,
    sections: orderSections([...sections].filter((s) => !coveredByKind({ kind, formType }, s))),
  };
}

export function applyFollowUp(previous: AppSpec, message: string): SpecEdit {
  const changes: SpecChange[] = [];
  const unchanged: SpecChange[] = [];
  const note = (change: SpecChange, changed: boolean) => (changed ? changes : unchanged).push(change);
  let spec: AppSpec = { ...previous, sections: [...previous.sections] };

  // New wording is taken out first, so its words aren't read as requests.
  const tagline = findNewTagline(message);
  const title = findNewTitle(tagline?.rest ?? message);
  const text = title?.rest ?? tagline?.rest ?? message;

  const kind = findKindChange(text);
  const switched = kind !== null && (kind !== spec.kind || (kind === "form" && findFormType(text) !== spec.formType));
  if (kind) {
    const formType = kind === "form" ? findFormType(text) : "contact";
    note({ what: "kind", kind, formType }, switched);
    if (switched) spec = switchKind(spec, kind, formType);
  }
  if (title) {
    note({ what: "title", value: title.value }, title.value !== spec.title);
    spec.title = title.value;
  }
  if (tagline) {
    note({ what: "tagline", value: tagline.value }, tagline.value !== spec.tagline);
    spec.tagline = tagline.value;
  }

  const theme = findTheme(text);
  if (theme) {
    note({ what: "theme", dark: theme === "dark" }, (theme === "dark") !== spec.dark);
    spec.dark = theme === "dark";
  }
  const accent = findAccent(text);
  if (accent) {
    note({ what: "accent", accent }, accent !== spec.accent);
    spec.accent = accent;
  }

  for (const { section, wanted } of findSectionRequests(text)) {
    if (coveredByKind(spec, section)) {
      // The main content already is this section ("add pricing" to a pricing page).
      if (wanted && !switched) note({ what: "section", section, present: true }, false);
      continue;
    }
    const has = spec.sections.includes(section);
    note({ what: "section", section, present: wanted }, has !== wanted);
    spec.sections = orderSections(wanted ? [...spec.sections, section] : spec.sections.filter((s) => s !== section));
  }

  return { spec: changes.length ? spec : previous, changes, unchanged };
}

// Wording the builder never chose follows the new kind; their own stays.
function switchKind(spec: AppSpec, kind: AppKind, formType: FormType): AppSpec {
  const next = { ...spec, kind, formType };
  if (spec.title === defaultTitle(spec.kind, spec.formType)) next.title = defaultTitle(kind, formType);
  if (spec.tagline === defaultTagline(spec.kind, spec.formType)) next.tagline = defaultTagline(kind, formType);
  next.sections = spec.sections.filter((s) => !coveredByKind(next, s));
  return next;
}
