import "server-only";

import type { Accent, AppKind } from "./app-spec";

export type FormType = "contact" | "signup";

// Reading a builder's plain-English message: which app, title and colours
// it asks for (sections: ./section-words.ts). Heuristics, so each reader answers null when unsure
// and the caller keeps what it had. Pure.

// ── Kind of app ─────────────────────────────────────────────────────────────

const KIND_WORDS: [AppKind, RegExp][] = [
  ["todo", /\b(?:to-?dos?|to do|tasks?|checklists?|grocery list|shopping list|reminders?)\b/i],
  ["dashboard", /\b(?:dashboards?|analytics|admin panel|metrics|stats|statistics|kpis?|sales numbers|reports?)\b/i],
  ["pricing", /\b(?:pricing|prices|price list|plans|subscriptions?|tiers)\b/i],
  ["form", /\b(?:forms?|contact|sign-?\s?ups?|register|registration|wait-?\s?list|rsvp|newsletter|mailing list)\b/i],
  ["blog", /\b(?:blogs?|articles|posts|journal)\b/i],
  ["portfolio", /\b(?:portfolios?|gallery|showcase|my work|case studies)\b/i],
  ["landing", /\b(?:landing page|landing|homepage|home page)\b/i],
];

// Apps that can't be a section of another page: named anywhere, they win.
const STANDALONE_KINDS: AppKind[] = ["todo", "dashboard", "blog", "portfolio"];
const GENERIC_APP = /\b(?:website|web site|site|web ?page|page|app|application)\b/i;
// What the app *is* comes before "with …"; what it has comes after.
const HEAD_END = /\s(?:with|including|featuring|plus|that has|which has)\s|[:,]\s/i;

function findKind(text: string): AppKind | null {
  const head = text.split(HEAD_END, 1)[0]!;
  return (
    earliestKind(head) ??
    earliestKind(text, STANDALONE_KINDS) ??
    (GENERIC_APP.test(head) ? "landing" : null) ??
    earliestKind(text)
  );
}

// A first prompt's kind of app comes from what it *is* ("a dashboard with
// …"), never from what it has ("a shop with a newsletter" is no form).
export function findHeadKind(text: string): AppKind | null {
  return earliestKind(text.split(HEAD_END, 1)[0]!);
}

const HEAD_NAME =
  /^\s*(?:(?:make|build|create|design|i want|i need|give me)\s+(?:me\s+)?)?(?:(?:a|an|the|my|our)\s+)?(?!(?:a|an|the|my|our)\s)(?:(?:simple|small|nice|new|online|modern|beautiful|little|dark|light|one-page|single-page)\s+)*([a-z][a-z'&-]*(?:\s+[a-z][a-z'&-]*){0,2}?)\s+(website|web site|site|web ?page|page|app|homepage|shop|store|directory|catalogue|catalog|portal|non-?profit|charity|clinic|school|academy|agency|studio|gym|salon|shelter|firm|foundation|club|cent(?:er|re)|bakery|caf[eé]|restaurant|bistro|roastery|platform|service|fundraiser|sanctuary|bootcamp|company|association)\b/i;

// "a yoga studio site" → "Yoga Studio", "a coffee shop" → "Coffee Shop".
export function findHeadName(text: string): string | null {
  const match = HEAD_NAME.exec(text.split(HEAD_END, 1)[0]!);
  if (!match) return null;
  const name = match[1]!.trim();
  if (earliestKind(name) || /\b(?:landing|one|single|simple|my|new)\b/i.test(name)) return null;
  const kept = /^(?:web ?site|web site|site|web ?page|page|app|homepage)$/i.test(match[2]!) ? name : `${name} ${match[2]}`;
  return titleCase(kept.toLowerCase());
}

function earliestKind(text: string, allowed?: AppKind[]): AppKind | null {
  let best: { kind: AppKind; index: number } | null = null;
  for (const [kind, pattern] of KIND_WORDS) {
    if (allowed && !allowed.includes(kind)) continue;
    const index = text.search(pattern);
    if (index !== -1 && (!best || index < best.index)) best = { kind, index };
  }
  return best?.kind ?? null;
}

const SIGNUP_WORDS = /\b(?:sign-?\s?ups?|register|registration|wait-?\s?list|rsvp|newsletter|mailing list|subscribe|join)\b/i;

export function findFormType(text: string): FormType {
  return SIGNUP_WORDS.test(text) ? "signup" : "contact";
}

// "make it a blog", "turn this site into a shop", but not "make this site darker".
const EXPLICIT_KIND_CHANGE =
  /\b(?:turn|convert|change|switch|make|transform|rebuild|redo)\s+(?:it|(?:this|the) (?:app|page|site|website)|this)\s+(?:in ?to|to|an?)\s+(.+)$|\bswitch\s+to\s+(.+)$/i;
const IMPLICIT_KIND_CHANGE = /\b(?:i (?:want|need|would like)|i['’]d like|give me|build|create|make)\s+(?:me\s+)?(?:an?\s+|the\s+)(.+)$/i;

// "turn it into a blog" names any kind; "I want a blog" or "… instead" only
// a kind that can't be a section, so "I want a contact form" adds one.
export function findKindChange(text: string): AppKind | null {
  const explicit = EXPLICIT_KIND_CHANGE.exec(text);
  const named = explicit ? findKind(explicit[1] ?? explicit[2]!) : null;
  if (named) return named;
  const implicit = IMPLICIT_KIND_CHANGE.exec(text)?.[1] ?? (/\binstead\b/i.test(text) ? text : null);
  if (!implicit) return null;
  return earliestKind(implicit, STANDALONE_KINDS) ?? (/\blanding\b|\bhome ?page\b/i.test(implicit) ? "landing" : null);
}

// ── Colours and theme ───────────────────────────────────────────────────────

const COLOUR_WORDS: Record<string, Accent> = {
  slate: "slate",
  grey: "slate",
  gray: "slate",
  silver: "slate",
  red: "red",
  crimson: "red",
  maroon: "red",
  burgundy: "red",
  "dark red": "red",
  orange: "orange",
  coral: "orange",
  peach: "orange",
  amber: "amber",
  gold: "amber",
  golden: "amber",
  brown: "amber",
  yellow: "yellow",
  lime: "lime",
  olive: "lime",
  "light green": "lime",
  green: "green",
  "dark green": "green",
  "forest green": "green",
  emerald: "emerald",
  mint: "emerald",
  teal: "teal",
  turquoise: "teal",
  cyan: "cyan",
  aqua: "cyan",
  sky: "sky",
  "sky blue": "sky",
  "light blue": "sky",
  "baby blue": "sky",
  blue: "blue",
  "dark blue": "blue",
  "navy blue": "blue",
  navy: "blue",
  indigo: "indigo",
  violet: "violet",
  lavender: "violet",
  lilac: "violet",
  purple: "purple",
  "light purple": "purple",
  fuchsia: "fuchsia",
  magenta: "fuchsia",
  pink: "pink",
  "hot pink": "pink",
  rose: "rose",
};

const colourNames = Object.keys(COLOUR_WORDS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const COLOUR = new RegExp(`\\b(?:${colourNames})\\b`, "i");
// "dark blue" is a colour, not a request for a dark theme.
const notAColour = `(?!\\s+(?:${colourNames})\\b)`;
const DARK = new RegExp(`\\b(?:dark(?:er)?|black|night mode)\\b${notAColour}`, "i");
const LIGHT = new RegExp(`\\b(?:light(?:er)?|white|bright(?:er)?)\\b${notAColour}`, "i");
const NOT_DARK = /\b(?:not|less|too|no)\s+dark\b/i;

export function findAccent(text: string): Accent | null {
  const match = COLOUR.exec(text);
  return match ? COLOUR_WORDS[match[0].toLowerCase().replace(/\s+/g, " ")]! : null;
}

export function findTheme(text: string): "dark" | "light" | null {
  if (NOT_DARK.test(text)) return "light";
  const dark = text.search(DARK);
  const light = text.search(LIGHT);
  if (dark === -1 && light === -1) return null;
  if (light === -1) return "dark";
  if (dark === -1) return "light";
  return dark < light ? "dark" : "light";
}

// ── Titles ──────────────────────────────────────────────────────────────────

export type Found = { value: string; rest: string };

const NAMED = /\b(?:called|named|titled|with the (?:title|name))\s+/i;
// In a first prompt a name ends where lower-case description resumes:
// "called Dinner with Friends" keeps "with", "called Crumbs with a footer" not.
const NAME_END = /\s+(?:with|in|that|for|and|where|which|using|featuring|including|on|about|but)\s+(?![A-Z])|[,!?;(]|\.(?=\s|$)/;
const QUOTED = /^["“‘]([^"”’]{1,80})["”’]|^'(.{1,80}?)'(?![a-z])/i;
const ANY_QUOTED = /["“]([^"”]{1,80})["”]/;

export function findInitialTitle(prompt: string): Found | null {
  const named = NAMED.exec(prompt);
  if (named) {
    const found = phraseAt(prompt, named.index + named[0].length, NAME_END);
    if (found) return { value: asTyped(found.value), rest: prompt.slice(0, named.index) + found.after };
  }
  const quoted = ANY_QUOTED.exec(prompt);
  const value = quoted ? clean(quoted[1]!) : "";
  return value ? { value: asTyped(value), rest: prompt.replace(quoted![0], " ") } : null;
}

const SUBJECT = /\bfor\s+(?:my|a|an|the|our|your)\s+|\babout\s+(?:(?:my|a|an|the|our|your)\s+)?/i;
const CAPITALISED_SUBJECT = /\bfor\s+(?=[A-Z])/;
const GENERIC_TAIL = /\s+(?:website|web site|site|page|app|application|business|company)$/i;

// "a pricing page for my yoga studio" → "Yoga Studio", "a blog about
// cooking" → "Cooking".
export function findSubject(prompt: string): string | null {
  const capitalised = CAPITALISED_SUBJECT.exec(prompt);
  if (capitalised) {
    const run = capitalisedRun(prompt.slice(capitalised.index + capitalised[0].length));
    if (run) return run;
  }
  const subject = SUBJECT.exec(prompt);
  if (!subject) return null;
  const found = phraseAt(prompt, subject.index + subject[0].length, NAME_END);
  const value = found?.value.replace(GENERIC_TAIL, "").trim();
  return value && value.length <= 40 ? titleCase(value) : null;
}

const NEW_TITLE: RegExp[] = [
  /\b(?:change|set|update|make|edit|replace|switch|rename)\b[^.!?]*?\b(?:title|name|heading|headline)\b(?:\s+(?:of|for|on)\s+(?:the|my|this)\s+(?:app|page|site|website))?\s+(?:to be|to say|to read|to|as|into|say|says|read|reads|be)\s+/i,
  /\b(?:title|name|heading|headline)\s+(?:should|must)\s+(?:be|say|read)\s+/i,
  /\b(?:rename|call|name|retitle)\s+(?:it|this|the (?:app|page|site|website))\s+(?:to\s+|as\s+)?/i,
  /\brename\s+to\s+/i,
  /\b(?:title|heading)\s*:\s*/i,
];
const NEW_TAGLINE: RegExp[] = [
  /\b(?:change|set|update|make|edit|replace)\b[^.!?]*?\b(?:subtitle|tagline|slogan|subheading|sub-heading|description|strapline)\b\s+(?:to be|to say|to read|to|as|into|say|says|read|reads|be)\s+/i,
  /\b(?:subtitle|tagline|slogan|subheading|sub-heading|strapline)\s+(?:should|must)\s+(?:be|say|read)\s+/i,
  /\b(?:subtitle|tagline|slogan)\s*:\s*/i,
];
// In a follow-up the new text runs to the end of its clause: "… to Grocery
// List and make it blue" stops before "and make".
const CLAUSE_END =
  /\s*(?:,|;|\band\b|\bthen\b|\bbut\b|\balso\b|\bplus\b)+\s*(?=(?:please\s+)?(?:make|add|remove|change|use|switch|turn|set|put|give|delete|drop|include|rename|show|hide|get rid)\b)|[.!?](?=\s|$)|\s+please\s*$/i;

export function findNewTitle(message: string): Found | null {
  return findAfter(message, NEW_TITLE);
}

export function findNewTagline(message: string): Found | null {
  return findAfter(message, NEW_TAGLINE);
}

// The text a builder gave after a trigger (`from` is where the trigger
// starts, `start` where its value does), and the message without both.
export function phraseFrom(message: string, from: number, start: number): Found | null {
  const found = phraseAt(message, start, CLAUSE_END);
  return found ? { value: asTyped(found.value), rest: message.slice(0, from) + found.after } : null;
}

function findAfter(message: string, triggers: RegExp[]): Found | null {
  for (const trigger of triggers) {
    const match = trigger.exec(message);
    if (!match) continue;
    const found = phraseAt(message, match.index + match[0].length, CLAUSE_END);
    if (!found) continue;
    return { value: asTyped(found.value), rest: message.slice(0, match.index) + found.after };
  }
  return null;
}

// The phrase starting at `start`: a quoted string, or text up to `end`.
function phraseAt(text: string, start: number, end: RegExp): { value: string; after: string } | null {
  const tail = text.slice(start);
  const quoted = QUOTED.exec(tail);
  if (quoted) {
    const value = clean(quoted[1] ?? quoted[2]!);
    return value ? { value, after: " " + tail.slice(quoted[0].length) } : null;
  }
  const stop = end.exec(tail);
  const value = clean(stop ? tail.slice(0, stop.index) : tail);
  return value ? { value, after: " " + (stop ? tail.slice(stop.index) : "") } : null;
}

const CONNECTORS = new Set(["and", "&", "of", "the", "de", "la", "le", "du", "von", "van", "n"]);

// "Sweet Crumbs bakery" → "Sweet Crumbs": capitalised words, and small
// joining words between them.
function capitalisedRun(text: string): string | null {
  const words: string[] = [];
  for (const token of text.split(/\s+/)) {
    const word = token.replace(/[,.!?;:]+$/, "");
    const capitalised = /^[\p{Lu}\d]/u.test(word);
    if (!capitalised && !CONNECTORS.has(word.toLowerCase())) break;
    words.push(word);
    if (word !== token) break;
  }
  while (words.length && CONNECTORS.has(words.at(-1)!.toLowerCase())) words.pop();
  return words.length ? clean(words.join(" ")) : null;
}

function clean(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/^[\s"“'‘]+|[\s"”'’.,!?;:]+$/g, "")
    .trim()
    .slice(0, 60)
    .trim();
}

// A builder's own capitals are kept; all-lower-case text gets title case.
function asTyped(title: string): string {
  return /\p{Lu}/u.test(title) ? title : titleCase(title);
}

const SMALL_WORDS = new Set(["a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "at", "by", "or"]);

export function titleCase(text: string): string {
  return text
    .split(" ")
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.replace(/^\p{Ll}/u, (c) => c.toUpperCase())))
    .join(" ");
}
