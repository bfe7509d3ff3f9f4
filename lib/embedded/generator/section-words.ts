import "server-only";

import type { Font, RequestForm, Section, SectionKind, Subject, Tone } from "./app-spec";
import { formFor, MEASURE_LIST, MEASURE_WORDS, measuresIn, PEOPLE_MENTION, peopleIn, REQUEST_WORDS } from "./part-words";
import { ITEM_NOUNS } from "./subjects";

// Reading which parts of a page a message asks for, where they go, what
// they're called, and what can't be built here. Heuristics over plain
// English; each reader answers "nothing found" when unsure. Pure.

// What a mention asks of the item list rather than naming a section.
export type ListOption = "search" | "filters" | "tabs";
export type Mentioned = SectionKind | ListOption | "footer" | "measures";

// A chart or table of a measure: "a chart of monthly revenue", "a sign-ups table".
const OF_MEASURE = String.raw`(?:\s+(?:of|showing|for|tracking|with|about|on|by)\s+(?:(?:the|our|monthly|weekly|daily|yearly|annual|total|new|how many|number of|the number of)\s+)*(?:${MEASURE_WORDS})\b)?`;
const MEASURE_BEFORE = String.raw`(?:(?:${MEASURE_WORDS})\s+)?`;

// Longer phrases first where two overlap ("newsletter sign-up" is the
// newsletter, not a sign-up form; "a chart of sign-ups" is a chart). A
// request form's pattern carries which form it is.
const SECTION_WORDS: [Mentioned, RegExp, RequestForm?][] = [
  // "a dashboard showing revenue, sign-ups and churn": what the numbers,
  // charts and tables after it are about (no section of its own).
  ["measures", new RegExp(String.raw`\b(?:showing|shows|show|tracking|track|tracks|monitoring|monitor|displaying|display|reporting on|report on)\s+(?:(?:the|our|my|monthly|weekly|daily|total)\s+)*${MEASURE_LIST}`, "gi")],
  ["chart", new RegExp(String.raw`\b${MEASURE_BEFORE}(?:(?:bar |line |pie )?charts?|graphs?|visuali[sz]ations?)${OF_MEASURE}`, "gi")],
  ["table", new RegExp(String.raw`\b${MEASURE_BEFORE}(?:(?<!(?:book|reserve) (?:a|your) |(?:pricing|price|comparison) )tables?(?!\s+(?:reservations?|bookings?))|spreadsheet|data grid)${OF_MEASURE}`, "gi")],
  // "revenue and sign-ups stats", "impact numbers (meals served, trees
  // planted)": the measures belong to the numbers.
  [
    "stats",
    new RegExp(
      String.raw`(?:(?<!\b(?:of|showing|for|tracking)\s)\b${MEASURE_LIST}\s+)?\b(?:(?:our )?impact(?: numbers| stats| statistics| figures| section| counters?)?|by the numbers|how many ${MEASURE_LIST}|stats|statistics|key (?:numbers|figures)|numbers|figures|metrics|counters?|kpis?)\b(?:\s*(?:for|on|of|showing|tracking|like|such as|including|:|\(|—|-)\s*(?:the\s+|our\s+|how many\s+)?${MEASURE_LIST}\)?)?`,
      "gi",
    ),
  ],
  ["newsletter", /\b(?:newsletter(?:\s+sign[- ]?up(?:\s+form)?)?|mailing list|email updates|subscribe(?: form| box)?)\b/gi],
  ...REQUEST_WORDS.map(([form, pattern]): [Mentioned, RegExp, RequestForm] => ["request", pattern, form]),
  ["mission", /\b(?:mission(?: statement| section)?|our (?:purpose|values|cause|why)|what we stand for|vision(?: statement)?|why we exist)\b/gi],
  ["team", PEOPLE_MENTION],
  ["signup", /\b(?:sign[- ]?ups?(?: form| page)?|wait-?\s?list)\b/gi],
  ["contact", /\b(?:contact(?: form| us| section| page| details)?|get in touch|enquiry form)\b/gi],
  ["search", /\b(?:search(?: box| bar| field)?|find as you type)\b/gi],
  ["filters", /\b(?:filters?|filter chips|categor(?:y|ies)(?: chips| filters?| buttons)?|tags?|chips)\b/gi],
  ["tabs", /\btabs?\b/gi],
  ["gallery", /\b(?:(?:image|photo|picture) )?galler(?:y|ies)\b|\b(?:photos|images|pictures)\b/gi],
  ["faq", /\b(?:faqs?|frequently asked questions|questions and answers|q ?& ?a|accordion)\b/gi],
  ["testimonials", /\b(?:testimonials?|reviews?|customer quotes|quotes|what (?:people|customers|clients) say)\b/gi],
  ["team", /\b(?:team(?: section| members?| page)?|our staff|staff|meet the \w+|about us)\b/gi],
  ["pricing", /\b(?:pricing(?: table| plans?| page)?|plans|price plans|tiers|subscriptions?|memberships?(?: prices| rates)?|(?:our )?prices|rates|packages)\b/gi],
  ["footer", /\bfooter\b/gi],
  ["menu", /\b(?<!navigation |nav )(?:(?:food |drinks? |lunch |dinner )?menus?|price list|prices list|list of prices)\b/gi],
  ["hours", /\b(?:opening (?:hours|times)|business hours|hours|location|address|where to find us|find us|directions|visit us)\b/gi],
  ["timeline", /\b(?:timeline|our (?:history|story)|history|milestones|roadmap|schedule|agenda)\b/gi],
  ["todo", /\b(?:to-?do(?:s| list| app)?|to do list|task list|tasks|checklist|shopping list|grocery list)\b/gi],
  ["features", /\b(?:features?(?: section| list)?|benefits|why choose us|highlights)\b/gi],
  // The item list itself, named without its subject.
  ["items", /\b(?:(?:list|grid|catalog(?:ue)?|collection|directory|index) of|listing of|item list|card grid|cards)\b/gi],
];

// `details` are what the words say about the section beyond its kind: the
// form, the people, the measures.
export type Mention = { what: Mentioned; index: number; end: number; wanted: boolean; details?: Partial<Section> };

const REMOVE_WORDS =
  /\b(?:remove|delete|drop|get rid of|without|hide|take (?:out|away|off)|no|lose|ditch|don['’]t (?:want|need)|do not (?:want|need)|skip)\b/gi;
const ADD_WORDS =
  /\b(?:add|include|put|show|with|also|plus|has|have|having|(?<!n['’]t |not )(?:want|need)|insert|give it|bring back|create|make|build|featuring|keep)\b/gi;

// Everything a message mentions, in the order written. A mention is wanted
// unless the nearest verb before it removes it, so "remove the footer and
// add testimonials" does both. `subject` lets "the recipes" name the list.
export function findMentions(text: string, subject: Subject | null): Mention[] {
  const removals = [...text.matchAll(REMOVE_WORDS)].map((m) => m.index + m[0].length);
  const additions = [...text.matchAll(ADD_WORDS)].map((m) => m.index + m[0].length);
  const patterns = [...SECTION_WORDS];
  if (subject) patterns.push(["items", new RegExp(`\\b(?:${escape(subject.plural)}|${escape(subject.singular)} (?:list|grid|cards))\\b`, "gi")]);
  patterns.push(["items", ITEM_NOUNS]);
  const found: (Mention & { form?: RequestForm })[] = [];
  for (const [what, pattern, form] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const index = match.index;
      const end = index + match[0].length;
      if (found.some((m) => index < m.end && end > m.index)) continue;
      const lastBefore = (ends: number[]) => Math.max(-1, ...ends.filter((e) => e <= index));
      found.push({ what, index, end, wanted: lastBefore(removals) === -1 || lastBefore(removals) < lastBefore(additions), ...(form ? { form } : {}) });
    }
  }
  const sorted = found.sort((a, b) => a.index - b.index);
  let named: string[] = [];
  return sorted.map(({ form, ...mention }, i) => {
    if (mention.what === "measures") named = measuresIn(text.slice(mention.index, mention.end));
    // The words up to the next mention belong to it: "a team of doctors".
    const own = text.slice(mention.index, mention.end);
    // "monthly revenue in a chart": the words before, back to the last comma.
    const before = text.slice(sorted[i - 1]?.end ?? 0, mention.index).split(/[,;:]|\band\b/).at(-1)!;
    const details = detailsOf(mention.what, own, text.slice(mention.end, sorted[i + 1]?.index ?? text.length), before, form, subject);
    // Charts, tables and numbers after "showing revenue and sign-ups".
    if (named.length && ["chart", "table", "stats"].includes(mention.what) && !details?.measures) return { ...mention, details: { ...details, measures: named } };
    return details ? { ...mention, details } : mention;
  });
}

function detailsOf(what: Mentioned, own: string, after: string, before: string, form: RequestForm | undefined, subject: Subject | null): Partial<Section> | null {
  if (what === "request" && form) return { form: subject ? formFor(form, subject) : form };
  if (what === "team") {
    const people = peopleIn(own) ?? peopleIn(after.split(/[,;.]/, 1)[0]!);
    return people ? { people } : null;
  }
  if (what === "chart" || what === "table") {
    const measures = measuresIn(own).length ? measuresIn(own) : measuresIn(before);
    return measures.length ? { measures } : null;
  }
  if (what === "stats") {
    const impact = /\bimpact\b/i.test(own);
    const measures = measuresIn(own);
    if (!impact && !measures.length) return null;
    return { ...(impact ? { impact } : {}), ...(measures.length ? { measures } : {}) };
  }
  return null;
}

// The section a phrase names ("the FAQ", "the list", "the recipes").
function sectionNamedBy(phrase: string, subject: Subject): SectionKind | null {
  if (/\blist\b/i.test(phrase) && !/\b(?:to-?do|task|shopping|grocery|mailing|price)\b/i.test(phrase)) return "items";
  const mention = findMentions(phrase, subject).find((m) => m.what !== "measures");
  if (!mention || mention.what === "footer" || mention.what === "measures") return null;
  return isListOption(mention.what) ? "items" : mention.what;
}

export function isListOption(what: Mentioned): what is ListOption {
  return what === "search" || what === "filters" || what === "tabs";
}

// ── Where a section goes ────────────────────────────────────────────────────

export type Placement = { where: "before" | "after"; of: SectionKind } | { where: "top" | "bottom" };

const RELATIVE = /\b(below|under|underneath|beneath|after|above|before|over)\s+(?:the\s+|my\s+|our\s+)?([\w -]{2,40}?)(?=\s*(?:[,.;!?]|$|\band\b|\bthen\b|\bsection\b))/i;
const ABSOLUTE = /\b(?:at the (top|start|beginning|bottom|end)|(first|last))\b/i;

export function findPlacement(text: string, subject: Subject): Placement | null {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const of = sectionNamedBy(relative[2]!, subject);
    if (of) return { where: /^(?:above|before|over)$/i.test(relative[1]!) ? "before" : "after", of };
  }
  const absolute = ABSOLUTE.exec(text);
  if (!absolute) return null;
  return /^(?:top|start|beginning|first)$/i.test(absolute[1] ?? absolute[2]!) ? { where: "top" } : { where: "bottom" };
}

const MOVE = /\b(?:move|put|place|show)\s+(?:the\s+|my\s+|our\s+)?([\w -]{2,40}?)\s+(?=below|under|underneath|beneath|after|above|before|over|at the|first|last)/i;

// "move the FAQ above the recipes": which section moves.
export function findMove(text: string, subject: Subject): SectionKind | null {
  const move = MOVE.exec(text);
  return move ? sectionNamedBy(move[1]!, subject) : null;
}

// ── Renaming a section ──────────────────────────────────────────────────────

const RENAME: RegExp[] = [
  /\b(?:call|name|rename|retitle|title)\s+(?:the|my|our)\s+([\w -]{2,40}?)(?:\s+(?:section|part|heading))?\s+(?:to\s+(?:be\s+)?|as\s+)?(?=["“‘'’]|\p{Lu})/iu,
  /\b(?:change|set|make)\s+(?:the\s+)?([\w -]{2,40}?)\s+(?:heading|title)\s+(?:to\s+(?:be\s+|say\s+|read\s+)?|say\s+|read\s+)/i,
];

export function findRename(text: string, subject: Subject): { section: SectionKind; from: number; start: number } | null {
  for (const pattern of RENAME) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (/^(?:app|page|site|website|it|this)$/i.test(match[1]!.trim())) continue;
    const section = sectionNamedBy(match[1]!, subject);
    if (section) return { section, from: match.index, start: match.index + match[0].length };
  }
  return null;
}

// ── Items ───────────────────────────────────────────────────────────────────

// "add a recipe called Lemon Cake": the name starts after "called".
const ADD_ITEM = /\badd\s+(?:a|an|another|one more|a new)\s+([\w -]{2,30}?)\s+(?:called|named|titled)\s+/i;

export function findAddedItemStart(text: string): number | null {
  const match = ADD_ITEM.exec(text);
  return match ? match.index + match[0].length : null;
}

// "a list of kites" names what the list holds, even when the generator has
// no words for kites.
const LIST_OF = /\b(?:list|grid|catalog(?:ue)?|collection|directory|index|cards?|showcase) of (?:my |our |the |all )?(?:favourite |favorite |best |latest |upcoming )?([a-z][a-z-]{2,20}s)\b/i;

export function findListNoun(text: string): string | null {
  return LIST_OF.exec(text)?.[1]?.toLowerCase() ?? null;
}

// ── Look and feel ───────────────────────────────────────────────────────────

const TOGGLE = /\b(?:(?:dark|light|night)[\s/-]*(?:(?:and|or|\/)\s*(?:dark|light)\s*)?(?:mode|theme)?\s*(?:toggle|switch|switcher|button)|toggle (?:for |between )?(?:dark|light|the theme|themes?)(?:\s*(?:and|or|\/)\s*(?:dark|light))?(?: mode| themes?)?|theme (?:toggle|switch(?:er)?))\b/i;

// The toggle phrase is taken out before the theme is read, so "a dark mode
// toggle" doesn't also make the page dark.
export function findDarkToggle(text: string): { wanted: boolean; rest: string } | null {
  const match = TOGGLE.exec(text);
  if (!match) return null;
  const before = text.slice(0, match.index);
  const wanted = !/\b(?:remove|delete|drop|without|no|get rid of|hide)\b[^,.;]*$/i.test(before);
  return { wanted, rest: before + " " + text.slice(match.index + match[0].length) };
}

const MULTI_PAGE = /\b(?:separate|multiple|several|different|own|individual) pages?\b|\bmulti-?page\b|\bpage for each\b|\beach (?:section )?on (?:its|their) own page\b/i;
const ONE_PAGE = /\b(?:one|single|a single)[ -]page\b|\ball on one page\b/i;

export function findMultiPage(text: string): boolean | null {
  if (MULTI_PAGE.test(text)) return true;
  if (ONE_PAGE.test(text)) return false;
  return null;
}

const FONT_WORDS: [Font, RegExp][] = [
  ["mono", /\b(?:mono(?:space|spaced)?|typewriter|code)\s*(?:font|type|typeface|text|style)?\b/i],
  ["sans", /\bsans(?:-?serif)?\b|\b(?:clean|modern|simple)\s+(?:font|typeface)\b/i],
  ["serif", /\bserif\b|\b(?:elegant|classic|classy|traditional|bookish)\s+(?:font|typeface|type|look)\b/i],
  ["rounded", /\b(?:rounded|round|soft|friendly|playful)\s+(?:font|typeface|type|letters)\b/i],
];

export function findFont(text: string): Font | null {
  for (const [font, pattern] of FONT_WORDS) if (pattern.test(text)) return font;
  return null;
}

const TONE_WORDS: [Tone, RegExp][] = [
  ["professional", /\b(?:professional|formal|serious|corporate|businesslike)\b/i],
  ["playful", /\b(?:playful|fun|funny|cheeky|quirky|casual)\b/i],
  ["friendly", /\b(?:friendly|warm|welcoming|kind)\b/i],
];

// A tone, when the message talks about how the page sounds or feels; not
// "a friendly font" (that's the font).
export function findTone(text: string): Tone | null {
  const withoutFonts = text.replace(/\b\w+\s+(?:font|typeface)\b/gi, " ");
  for (const [tone, pattern] of TONE_WORDS) if (pattern.test(withoutFonts)) return tone;
  return null;
}

// ── What can't be built here ────────────────────────────────────────────────

// What needs a real service, what the reply says, and the nearest working
// thing built instead (added when the page doesn't have one already).
export type Cannot = { phrase: string; nearest: Section | null };

const CANNOT: [RegExp, string, Section | null][] = [
  [
    /\b(?:(?:take|accept|collect) (?:real )?payments?|payments?|pay online|checkout|check out|stripe|paypal|credit cards?|shopping (?:cart|basket)|carts?|baskets?|buy (?:online|now)|sell online|online (?:orders?|ordering))\b/i,
    "I can’t take real payments here, so visitors send an order request instead",
    { kind: "request", form: "order" },
  ],
  [
    /\b(?:log[- ]?ins?|sign[- ]?ins?|user accounts?|accounts?|passwords?|members? area|user profiles?|authentication)\b/i,
    "I can’t add real accounts or logging in here, so visitors sign up with a form instead",
    { kind: "signup" },
  ],
  [/\b(?:maps?|google maps)\b/i, "I can’t show a live map here, so the address is written out instead", { kind: "hours" }],
  [/\b(?:live availability|real-?time availability|availability calendar|calendar sync)\b/i, "I can’t show live availability here, so visitors send a booking request instead", { kind: "request", form: "booking" }],
  [/\b(?:videos?|youtube|livestreams?)\b/i, "I can’t add video here, so there’s a photo gallery instead", { kind: "gallery" }],
  [/\b(?:chat ?bots?|live chat|ai assistant|chat widget)\b/i, "I can’t add a live chat here, so visitors send a message with the contact form instead", { kind: "contact" }],
  [/\b(?:databases?|back-?ends?|uploads?|upload (?:photos|files))\b/i, "I can’t store things on a server here, so what visitors type stays in their own browser", null],
  [/\b(?:translat(?:e|ion|ions)|multi-?lingual|several languages|language switcher)\b/i, "I can’t translate the page into other languages here", null],
  [/\b(?:send (?:real )?emails?|email notifications?|email confirmations?)\b/i, "I can’t send emails from here, so forms show a confirmation on the page instead", { kind: "contact" }],
];

export function findCannot(text: string): Cannot[] {
  return CANNOT.flatMap(([pattern, phrase, nearest]) => (pattern.test(text) ? [{ phrase, nearest }] : []));
}

// "with a weather section": a named section the generator doesn't know.
const NAMED_SECTION = /\b(?:an?|the|some)\s+((?:[a-z-]+\s){0,2}?[a-z-]+)\s+(?:section|area|block|panel)\b/gi;
// What follows "with" is a list of wanted parts: "with recipes, a quiz and a FAQ".
const WANTED_LIST = /(?:\b(?:with|including|featuring|add|plus)\b|:)\s+(.*)$/i;
const SPLIT = /\s*(?:,|;|\band\b|\bplus\b|\bthen\b|\balso\b|&)\s*/i;
const FILLER = /^(?:(?:also|please|maybe|some|an?|the|my|our|its|their|lots of|plenty of)\s+)+/i;
// Words about the look, the title or the layout, read elsewhere.
const NOT_A_PART =
  /\b(?:theme|colou?rs?|accents?|font|typeface|tone|feel|look|style|pages?|dark|light|black|white|bright|called|named|titled|title|name|heading|subtitle|tagline|it|this|that|everything|each|one|below|above|after|before|under|top|bottom|first|last|in|on|for|to|of)\b/i;

// Parts asked for that the generator has no words for, as the builder wrote
// them, so the reply can say so instead of dropping them silently.
export function findUnknownParts(text: string, subject: Subject | null, known: (phrase: string) => boolean): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(NAMED_SECTION)) {
    const phrase = match[1]!.trim();
    if (findMentions(phrase, subject).length || findCannot(phrase).length) continue;
    if (!known(phrase) && !/^(?:new|main|home|landing|single|one|separate|own|whole|first|last|top|bottom|same|other|next)$/i.test(phrase)) unknown.add(`${phrase} section`);
  }
  const list = WANTED_LIST.exec(text)?.[1];
  for (const chunk of list ? list.split(SPLIT) : []) {
    const whole = chunk.replace(/[.!?()]+/g, " ").trim();
    const phrase = `${whole} `.replace(FILLER, "").trim();
    if (!phrase || phrase.split(/\s+/).length > 3 || NOT_A_PART.test(phrase)) continue;
    if (findMentions(whole, subject).length || findMentions(phrase, subject).length || findCannot(phrase).length || known(phrase)) continue;
    if (measuresIn(phrase).length || peopleIn(phrase)) continue;
    if ([...unknown].some((u) => phrase.startsWith(u.replace(/ section$/, "")) || u.startsWith(phrase))) continue;
    unknown.add(phrase);
  }
  return [...unknown];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
