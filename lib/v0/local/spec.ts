// The local generator's understanding of an app: a small structured spec,
// inferred from the first prompt and edited by each follow-up. Pure.

export const APP_KINDS = ["landing", "todo", "form", "pricing", "dashboard", "portfolio", "blog"] as const;
export type AppKind = (typeof APP_KINDS)[number];

export const SECTIONS = ["features", "testimonials", "pricing", "contact", "footer"] as const;
export type Section = (typeof SECTIONS)[number];

export const ACCENTS = ["indigo", "blue", "sky", "teal", "emerald", "green", "lime", "amber", "orange", "red", "rose", "pink", "purple", "violet"] as const;
export type Accent = (typeof ACCENTS)[number];

export type AppSpec = {
  kind: AppKind;
  title: string;
  tagline: string;
  dark: boolean;
  accent: Accent;
  sections: Section[];
};

export type SpecChange = { spec: AppSpec; summary: string };

const KIND_WORDS: [AppKind, RegExp][] = [
  ["todo", /\b(todo|to-do|to do|task|tasks|checklist|grocery|shopping list)\b/i],
  ["dashboard", /\b(dashboard|analytics|admin panel|metrics|stats|sales numbers|kpi)\b/i],
  ["pricing", /\b(pricing|prices|plans|subscription|subscriptions)\b/i],
  ["form", /\b(contact form|sign-?up form|signup|sign up|contact|form|newsletter|register|registration|waitlist)\b/i],
  ["blog", /\b(blog|articles|posts|journal)\b/i],
  ["portfolio", /\b(portfolio|gallery|showcase|my work|projects)\b/i],
  ["landing", /\b(landing|homepage|home page|website|site|page)\b/i],
];

const DEFAULT_TITLES: Record<AppKind, string> = {
  landing: "Welcome",
  todo: "My Tasks",
  form: "Get in Touch",
  pricing: "Pricing",
  dashboard: "Dashboard",
  portfolio: "My Portfolio",
  blog: "My Blog",
};

const TAGLINES: Record<AppKind, string> = {
  landing: "Everything you need, beautifully simple.",
  todo: "Keep track of what matters today.",
  form: "We'd love to hear from you.",
  pricing: "Simple plans that grow with you.",
  dashboard: "Your numbers at a glance.",
  portfolio: "A selection of recent work.",
  blog: "Notes, stories and ideas.",
};

const COLOR_ALIASES: Record<string, Accent> = {
  navy: "blue",
  cyan: "sky",
  turquoise: "teal",
  yellow: "amber",
  gold: "amber",
  crimson: "red",
  magenta: "pink",
  lavender: "violet",
  mint: "emerald",
  olive: "lime",
};

const SECTION_WORDS: [Section, RegExp][] = [
  ["footer", /\bfooter\b/i],
  ["contact", /\bcontact( form| section)?\b/i],
  ["pricing", /\b(pricing|prices|plans)\b/i],
  ["testimonials", /\b(testimonials?|reviews?|quotes?)\b/i],
  ["features", /\b(features?|benefits)\b/i],
];

export function initialSpec(prompt: string): AppSpec {
  const kind = KIND_WORDS.find(([, pattern]) => pattern.test(prompt))?.[0] ?? "landing";
  const sections: Section[] = kind === "landing" ? ["features", "footer"] : ["footer"];
  for (const [section, pattern] of SECTION_WORDS) {
    if (pattern.test(prompt) && !sections.includes(section) && !coveredByKind(kind, section)) sections.splice(-1, 0, section);
  }
  return {
    kind,
    title: explicitTitle(prompt) ?? subjectTitle(prompt) ?? DEFAULT_TITLES[kind],
    tagline: TAGLINES[kind],
    dark: /\bdark\b/i.test(prompt) && !/\bnot dark\b/i.test(prompt),
    accent: accentIn(prompt) ?? "indigo",
    sections,
  };
}

// Applies a follow-up to the previous spec and says, in plain words, what changed.
export function applyFollowUp(spec: AppSpec, message: string): SpecChange {
  const next: AppSpec = { ...spec, sections: [...spec.sections] };
  const done: string[] = [];

  const title = explicitTitle(message, true);
  if (title) {
    next.title = title;
    done.push(`changed the title to “${title}”`);
  }
  if (/\b(dark (mode|theme)|make it dark|darker|night)\b/i.test(message) && !spec.dark) {
    next.dark = true;
    done.push("switched to a dark theme");
  } else if (/\b(light (mode|theme)|make it light|lighter|bright)\b/i.test(message) && spec.dark) {
    next.dark = false;
    done.push("switched to a light theme");
  }
  const accent = title ? null : accentIn(message);
  if (accent && accent !== spec.accent) {
    next.accent = accent;
    done.push(`made the accent colour ${accent}`);
  }

  const removing = /\b(remove|delete|drop|get rid of|without|hide)\b/i.test(message);
  const adding = /\b(add|include|put|show|with|also)\b/i.test(message);
  for (const [section, pattern] of SECTION_WORDS) {
    if (!pattern.test(message) || (title && pattern.test(title))) continue;
    const has = next.sections.includes(section);
    if (removing && has) {
      next.sections = next.sections.filter((s) => s !== section);
      done.push(`removed the ${sectionName(section)}`);
    } else if (adding && !removing && !has && !coveredByKind(next.kind, section)) {
      next.sections = section === "footer" ? [...next.sections, section] : insertBeforeFooter(next.sections, section);
      done.push(`added ${article(section)}${sectionName(section)}`);
    }
  }

  const kind = /\b(turn|make|change|switch) (it|this) (into|to) /i.test(message)
    ? KIND_WORDS.find(([, pattern]) => pattern.test(message.replace(/^.*?\b(into|to) /i, "")))?.[0]
    : undefined;
  if (kind && kind !== spec.kind) {
    next.kind = kind;
    next.tagline = TAGLINES[kind];
    done.push(`turned it into ${article(kind)}${kindName(kind)}`);
  }

  if (done.length === 0) {
    return {
      spec,
      summary:
        "I kept your app as it is: I couldn't tell what to change from that. Try something like “change the title to …”, “make it blue”, “make it dark”, or “add a footer”.",
    };
  }
  return { spec: next, summary: `Done: I ${joinList(done)}.` };
}

export function describeNewApp(spec: AppSpec): string {
  const extras = spec.sections.filter((s) => s !== "footer").map(sectionName);
  const look = `${spec.dark ? "a dark" : "a light"} theme with ${spec.accent} accents`;
  return `I built “${spec.title}”, ${article(spec.kind)}${kindName(spec.kind)} with ${look}${extras.length ? `, plus ${joinList(extras)}` : ""}. Ask for any change, like a new title, colour or section.`;
}

function explicitTitle(text: string, followUp = false): string | null {
  const quoted = /\b(?:called|named|titled|title(?:d)?\s+(?:it\s+)?to|name(?:d)?\s+(?:it\s+)?to|rename(?:\s+it)?\s+to)\s+["“'‘]([^"”'’]{1,60})["”'’]/i.exec(text);
  if (quoted) return clean(quoted[1]!);
  const bare = followUp
    ? /\b(?:title|name|heading|header)\s+(?:to|as|into)\s+(.{1,60}?)\s*[.!]?\s*$/i.exec(text) ?? /\brename (?:it )?to\s+(.{1,60}?)\s*[.!]?\s*$/i.exec(text)
    : /\b(?:called|named|titled)\s+(.{1,60}?)(?:\s+(?:with|in|that|for|and)\b|[.,!]|$)/i.exec(text);
  return bare ? clean(bare[1]!) : null;
}

function subjectTitle(prompt: string): string | null {
  const match = /\bfor (?:my|a|an|the|our)\s+(.{2,40}?)(?:\s+(?:with|in|that|using|and|where)\b|[.,!]|$)/i.exec(prompt);
  if (!match) return null;
  const words = match[1]!.replace(/\b(business|company)\b$/i, "$1").trim();
  return words ? titleCase(words) : null;
}

function accentIn(text: string): Accent | null {
  const lower = text.toLowerCase();
  for (const accent of ACCENTS) if (new RegExp(`\\b${accent}\\b`).test(lower)) return accent;
  for (const [word, accent] of Object.entries(COLOR_ALIASES)) if (new RegExp(`\\b${word}\\b`).test(lower)) return accent;
  if (/\bpurple\b/.test(lower)) return "purple";
  return null;
}

function coveredByKind(kind: AppKind, section: Section): boolean {
  return (kind === "pricing" && section === "pricing") || (kind === "form" && section === "contact");
}

function insertBeforeFooter(sections: Section[], section: Section): Section[] {
  const footer = sections.indexOf("footer");
  return footer === -1 ? [...sections, section] : [...sections.slice(0, footer), section, ...sections.slice(footer)];
}

function sectionName(section: Section): string {
  return { features: "features section", testimonials: "testimonials", pricing: "pricing table", contact: "contact form", footer: "footer" }[section];
}

function kindName(kind: AppKind): string {
  return {
    landing: "landing page",
    todo: "to-do list",
    form: "contact form",
    pricing: "pricing page",
    dashboard: "dashboard",
    portfolio: "portfolio",
    blog: "blog",
  }[kind];
}

function article(word: string): string {
  if (word === "testimonials") return "";
  return /^[aeiou]/i.test(word) ? "an " : "a ";
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function clean(title: string): string {
  return title.replace(/\s+/g, " ").replace(/^["“'‘]|["”'’]$/g, "").trim().slice(0, 60);
}

function titleCase(text: string): string {
  return text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}
