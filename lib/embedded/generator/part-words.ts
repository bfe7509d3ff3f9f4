import "server-only";

import type { RequestForm, Section, SectionKind, Subject } from "./app-spec";

// Words for the parts of a request beyond the section itself: which form a
// request form is, the people a team is made of, the measures numbers and
// charts are about, and the buttons a builder names. Pure.

// ── Request forms ───────────────────────────────────────────────────────────

// Longer phrases first where two overlap: "volunteer application" is the
// volunteer form, "book a table" a reservation.
export const REQUEST_WORDS: [RequestForm, RegExp][] = [
  [
    "volunteer",
    /\b(?:volunteer(?:ing)?\s+(?:form|sign[- ]?ups?|applications?|page|section|registration)|sign[- ]?up to volunteer|become a volunteer|volunteer with us)\b/gi,
  ],
  [
    "reservation",
    /\b(?:(?:table |dinner |online )?reservations?(?:\s+(?:form|request|system|page|section))?|reserve (?:a|your) (?:table|spot|place|seat)|book(?:ing)? (?:a|your) table|table bookings?)\b/gi,
  ],
  [
    "appointment",
    /\b(?:(?:online )?appointments?(?:\s+(?:form|request|booking|system|page|section|scheduler))?|(?:free )?consultation\s+(?:form|request|booking)|book (?:an? )?(?:appointment|consultation|viewing|check-?up)s?)\b/gi,
  ],
  [
    "booking",
    /\b(?:online bookings?|booking(?:\s+(?:form|request|system|calendar|page|section|widget))?s?|bookings|book (?:a|an|your) (?:class|session|trip|tour|slot|stay|room|lesson|place|spot|visit|treatment|massage|haircut|cut|service|course|ride|party|event|space|court|pitch|lane)e?s?)\b/gi,
  ],
  ["enrollment", /\b(?:enroll(?:ment)?s?|enrolling)(?:\s+form)?\b/gi],
  ["enrolment", /\b(?:enrolments?|enrols?|admissions?)(?:\s+form)?\b|\bsign[- ]?ups? for (?:a |the |our )?(?:class|course|term)(?:es|s)?\b/gi],
  [
    "registration",
    /\b(?:registrations?(?:\s+(?:form|page|section))?|register(?:\s+(?:form|page))?|sign[- ]?ups? for (?:the |an? |our )?(?:event|race|conference|workshop|tournament|camp|run|retreat|festival|meetup)s?|ticket (?:form|requests?)|get tickets)\b/gi,
  ],
  [
    "application",
    /\b(?:(?:job|adoption|membership|grant|rental|tenancy|scholarship|school|admission|foster(?:ing)?)\s+applications?(?:\s+forms?)?|applications?\s+forms?|(?:adoption|fostering) (?:form|request)s?|apply (?:form|online|here|to (?:adopt|foster|join|work))|(?:careers|jobs) (?:page|section|form))\b/gi,
  ],
  [
    "donation",
    /\b(?:donations?\s+(?:form|pledges?|page|section|box|widget)|donate (?:form|page|section|box)|pledge (?:form|page)|(?:accept|take|collect|receive|ask for) donations|ways? to (?:donate|give)|(?:fundraising|giving) (?:form|page))\b/gi,
  ],
  ["rsvp", /\brsvps?(?:\s+(?:form|page|section))?\b/gi],
  [
    "quote",
    /\b(?:(?:free )?quotes? (?:request )?(?:form|request)s?|request (?:a|for a) (?:free )?quote|get a (?:free )?quote|(?:estimate|quotation) (?:form|request)s?)\b/gi,
  ],
  ["order", /\b(?:order (?:form|request)s?|pre-?orders?(?:\s+form)?|(?:cake|catering|custom|bulk) orders?(?:\s+form)?|place an order)\b/gi],
];

// ── People ──────────────────────────────────────────────────────────────────

const PEOPLE =
  "(?:personal trainers|trainers|coaches|instructors|teachers|tutors|doctors|dentists|nurses|therapists|physiotherapists|physios|vets|veterinarians|stylists|hairdressers|barbers|chefs|bakers|baristas|agents|guides|speakers|mentors|lawyers|attorneys|counsell?ors|consultants|architects|photographers|volunteers|caregivers|carers|midwives|surgeons|pastors|musicians|founders|organi[sz]ers|trustees|board members|leaders|experts|specialists|advis[eo]rs|planners|groomers|walkers|mechanics|electricians|plumbers|cleaners|staff members|staff)";

// One of those people, as in "trainer profiles".
const PERSON =
  "(?:personal trainer|trainer|coach|instructor|teacher|tutor|doctor|dentist|nurse|therapist|physio|vet|stylist|barber|chef|baker|agent|guide|speaker|mentor|lawyer|consultant|volunteer|artist|founder|member|author|host|guide)";

// People named on their own are a team ("with speakers"); others only with
// "our", "meet" or "bios" ("meals and volunteers" is no team).
const BARE_PEOPLE =
  "(?:personal trainers|trainers|coaches|instructors|teachers|tutors|doctors|dentists|therapists|physiotherapists|vets|veterinarians|stylists|hairdressers|barbers|chefs|speakers|mentors|lawyers|attorneys|counsell?ors|surgeons|midwives)";

// "our trainers", "meet the doctors", "teachers with bios", "bios of our
// vets": the team, made of these people.
export const PEOPLE_MENTION = new RegExp(
  String.raw`\b(?:${BARE_PEOPLE}(?:\s+(?:(?:with|and) (?:their |short )?(?:bios|profiles)|bios|profiles|section|page|list))?|(?:meet (?:the |our )?|our )${PEOPLE}(?:\s+(?:with|and) (?:their |short )?(?:bios|profiles))?|${PEOPLE}\s+(?:(?:with|and) (?:their |short )?(?:bios|profiles)|bios|profiles|section|page|list)|(?:bios|profiles) (?:of|for) (?:the |our |all )?${PEOPLE}|${PERSON} (?:bios|profiles)|staff bios|bios)\b`,
  "gi",
);
const PEOPLE_NOUN = new RegExp(String.raw`\b${PEOPLE}\b`, "i");

export function peopleIn(text: string): string | null {
  const one = new RegExp(String.raw`\b(${PERSON}) (?:bios|profiles)\b`, "i").exec(text)?.[1]?.toLowerCase();
  if (one) return /(?:ch|sh|s|x)$/.test(one) ? `${one}es` : `${one}s`;
  const noun = PEOPLE_NOUN.exec(text)?.[0].toLowerCase();
  if (!noun || /^staff(?: members)?$/.test(noun)) return null;
  return noun;
}

// ── Measures ────────────────────────────────────────────────────────────────

type Measure = { noun: RegExp; label: string; money?: boolean };

// What numbers, charts and tables can be about, with the words used when
// the builder gave no verb ("meals" → "meals served").
const MEASURES: Measure[] = [
  { noun: /revenue|turnover/, label: "revenue", money: true },
  { noun: /sales/, label: "sales", money: true },
  { noun: /income|earnings/, label: "income", money: true },
  { noun: /profits?/, label: "profit", money: true },
  { noun: /expenses|costs|spending|spend/, label: "expenses", money: true },
  { noun: /donations|money raised|funds raised|funds/, label: "donations", money: true },
  { noun: /sign[- ]?ups/, label: "sign-ups" },
  { noun: /registrations/, label: "registrations" },
  { noun: /page ?views|views/, label: "page views" },
  { noun: /visitors|visits|traffic/, label: "visitors" },
  { noun: /active users|users/, label: "users" },
  { noun: /subscribers/, label: "subscribers" },
  { noun: /members/, label: "members" },
  { noun: /customers/, label: "customers" },
  { noun: /clients/, label: "clients" },
  { noun: /orders/, label: "orders" },
  { noun: /downloads/, label: "downloads" },
  { noun: /clicks/, label: "clicks" },
  { noun: /leads/, label: "leads" },
  { noun: /conversions/, label: "conversions" },
  { noun: /churn/, label: "churn" },
  { noun: /bookings/, label: "bookings" },
  { noun: /attendance|attendees/, label: "attendance" },
  { noun: /tickets(?: sold)?/, label: "tickets sold" },
  { noun: /students|learners/, label: "students taught" },
  { noun: /graduates/, label: "graduates" },
  { noun: /patients/, label: "patients cared for" },
  { noun: /volunteers/, label: "volunteers" },
  { noun: /people/, label: "people helped" },
  { noun: /meals/, label: "meals served" },
  { noun: /trees/, label: "trees planted" },
  { noun: /families/, label: "families supported" },
  { noun: /children|kids/, label: "children reached" },
  { noun: /animals|pets|dogs|cats/, label: "animals rehomed" },
  { noun: /homes|houses/, label: "homes built" },
  { noun: /books/, label: "books given away" },
  { noun: /hours/, label: "volunteer hours" },
  { noun: /countries/, label: "countries" },
  { noun: /communities|villages|towns/, label: "communities reached" },
  { noun: /schools/, label: "schools supported" },
  { noun: /wells/, label: "wells built" },
  { noun: /vaccines|vaccinations/, label: "vaccines given" },
  { noun: /scholarships/, label: "scholarships awarded" },
  { noun: /acres|hectares/, label: "acres protected" },
  { noun: /tonnes|tons|kilos|kg/, label: "tonnes of waste recycled" },
  { noun: /litres|liters|gallons/, label: "litres of clean water" },
  { noun: /projects/, label: "projects completed" },
  { noun: /events/, label: "events held" },
  { noun: /classes|lessons|sessions/, label: "classes taught" },
  { noun: /beds|nights/, label: "nights of shelter" },
];

export const MEASURE_WORDS = MEASURES.map((m) => m.noun.source).join("|");
const VERB = String.raw`(?!(?:need|feed|seed|speed|breed|indeed)\b)(?:[a-z]{3,}ed|sold|given|built|raised|grown|taught|won|run|fed|kept|made|read)`;
// A measure with the builder's own verb: "trees planted", "people housed".
const MEASURE = new RegExp(String.raw`\b(${MEASURE_WORDS})\b(?:\s+(${VERB}))?`, "gi");
// "meals served, trees planted and volunteers", as a pattern's source.
const MEASURE_PHRASE = String.raw`(?:${MEASURE_WORDS})\b(?:\s+${VERB}\b)?`;
export const MEASURE_LIST = String.raw`${MEASURE_PHRASE}(?:\s*(?:,\s*and|,|and|&)\s*${MEASURE_PHRASE})*`;

export function measuresIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(MEASURE)) {
    const noun = match[1]!.toLowerCase();
    const measure = MEASURES.find((m) => new RegExp(`^(?:${m.noun.source})$`).test(noun))!;
    const label = match[2] ? `${noun} ${match[2].toLowerCase()}` : noun.includes(" ") ? noun : measure.label;
    if (!found.includes(label)) found.push(label);
  }
  return found.slice(0, 4);
}

export function isMoney(label: string): boolean {
  return MEASURES.some((m) => m.money && new RegExp(`^(?:${m.noun.source})\\b`).test(label));
}

// ── Buttons ─────────────────────────────────────────────────────────────────

const QUOTED_LABEL = String.raw`["“'‘]([^"”'’]{1,30})["”'’]`;
const BUTTON_WORD = String.raw`(?:buttons?|call[- ]to[- ]actions?|ctas?)`;
// "a big Donate now button", "a 'Book your table' button".
const BUTTON_BEFORE = new RegExp(String.raw`(?:${QUOTED_LABEL}|((?:[a-zA-Z][\w'-]*\s+){1,5}?))\s*${BUTTON_WORD}\b`, "gi");
// "a button that says Book Now", "a button to enrol".
const BUTTON_AFTER = new RegExp(
  String.raw`\b${BUTTON_WORD}\s+(?:that (?:says|reads)|saying|labell?ed|reading|called|named|with the (?:text|label)|to)\s+(?:${QUOTED_LABEL}|([a-zA-Z][\w'-]*(?:\s+(?!and\b|or\b|with\b|then\b)[a-zA-Z][\w'-]*){0,2}))`,
  "gi",
);
const STOP_WORDS = new Set(
  "a an the with and plus add also include includes including big large prominent bright clear main primary hero sticky some one two has have having featuring put of for to in on at that which where then please want need i it its our my their lots some simple nice".split(" "),
);
// Words before a label that go with it: "a big Donate button".
const LEAD_WORDS = /(?:\b(?:a|an|the|one|two|some|big|large|prominent|bright|clear|main|primary|hero|sticky)\s+)+$/i;
const NOT_A_LABEL = /^(?:toggle|theme|dark|light|mode|switch|back|social|share|icon|menu)$/i;

export type Button = { label: string; index: number; end: number };

// The buttons a message names, labelled as the builder wrote them, and the
// message without them (so "a Donate button" isn't also read as a part).
export function findButtons(text: string): { buttons: Button[]; rest: string } {
  const buttons: Button[] = [];
  let rest = text;
  const take = (index: number, end: number, raw: string | undefined, before: boolean) => {
    if (!raw) return;
    const words = raw.trim().split(/\s+/);
    let start = words.length;
    // Words before the button are its label back to the first stop word;
    // an article stays when a verb precedes it ("Book a class").
    const isArticle = (w: string) => /^(?:a|an|the|your|our|my)$/i.test(w);
    while (start > 0) {
      const word = words[start - 1]!;
      if (!STOP_WORDS.has(word.toLowerCase())) start--;
      else if (isArticle(word) && start >= 2 && start < words.length && !STOP_WORDS.has(words[start - 2]!.toLowerCase())) start--;
      else break;
    }
    const label = words.slice(start).join(" ").replace(/[.,!?;:]+$/, "");
    if (!label || words.slice(start).every((w) => NOT_A_LABEL.test(w))) return;
    buttons.push({ label: /\p{Lu}/u.test(label) ? label : label.charAt(0).toUpperCase() + label.slice(1), index, end });
    // Only the label and the button word are taken out: "an adoption form
    // and a Donate button" keeps its form.
    const labelAt = before && start > 0 ? index + rest.slice(index, end).lastIndexOf(` ${words[start]!}`) + 1 : index;
    const from = labelAt - (LEAD_WORDS.exec(rest.slice(0, labelAt))?.[0].length ?? 0);
    rest = rest.slice(0, from) + " ".repeat(end - from) + rest.slice(end);
  };
  for (const match of text.matchAll(BUTTON_AFTER)) take(match.index, match.index + match[0].length, match[1] ?? match[2], false);
  for (const match of rest.matchAll(BUTTON_BEFORE)) take(match.index, match.index + match[0].length, match[1] ?? match[2], true);
  return { buttons: buttons.sort((a, b) => a.index - b.index), rest };
}

// Where a button leads, from its words: the form its verb names ("Donate",
// "Enroll", "Book a table"), or a section ("See the menu").
const BUTTON_TARGETS: [RegExp, Partial<Section> & { kind: SectionKind }][] = [
  [/\bvolunteer/i, { kind: "request", form: "volunteer" }],
  [/\b(?:donat|give|giving|pledge|sponsor|support us|fund)/i, { kind: "request", form: "donation" }],
  [/\benroll/i, { kind: "request", form: "enrollment" }],
  [/\benrol|\badmission/i, { kind: "request", form: "enrolment" }],
  [/\b(?:apply|adopt|foster|careers|jobs?)\b/i, { kind: "request", form: "application" }],
  [/\b(?:reserve|table)\b/i, { kind: "request", form: "reservation" }],
  [/\b(?:appointment|consult|check-?up|viewing)/i, { kind: "request", form: "appointment" }],
  [/\bbook/i, { kind: "request", form: "booking" }],
  [/\brsvp/i, { kind: "request", form: "rsvp" }],
  [/\b(?:register|tickets?)\b/i, { kind: "request", form: "registration" }],
  [/\b(?:quote|estimate)/i, { kind: "request", form: "quote" }],
  [/\border\b|\bpre-?order/i, { kind: "request", form: "order" }],
  [/\bsubscribe\b/i, { kind: "newsletter" }],
  [/\b(?:sign ?up|join|get started|start|try|trial|waitlist|wait list)\b/i, { kind: "signup" }],
  [/\b(?:contact|get in touch|message|call|email|talk|enquire|ask)\b/i, { kind: "contact" }],
  [/\bmenu\b/i, { kind: "menu" }],
  [/\b(?:pricing|plans|prices)\b/i, { kind: "pricing" }],
  [/\b(?:mission|about)\b/i, { kind: "mission" }],
  [/\b(?:team|people|staff)\b/i, { kind: "team" }],
  [/\b(?:faq|questions)\b/i, { kind: "faq" }],
  [/\b(?:visit|find us|directions|hours)\b/i, { kind: "hours" }],
];

// A booking for a restaurant is a table reservation; for a clinic, an appointment.
export function formFor(form: RequestForm, subject: Subject): RequestForm {
  if (form === "booking" && ["restaurant", "cafe"].includes(subject.key)) return "reservation";
  if (form === "booking" && subject.key === "clinic") return "appointment";
  return form;
}

// Forms close enough that a button for one leads to the other already on
// the page ("Book now" on a page with an appointment form).
const FAMILIES: RequestForm[][] = [
  ["enrolment", "enrollment"],
  ["booking", "appointment", "reservation"],
  ["registration", "rsvp"],
];

export function sameFamily(a: RequestForm, b: RequestForm): boolean {
  return a === b || FAMILIES.some((f) => f.includes(a) && f.includes(b));
}

// What a named button leads to; null when its words name nothing (it then
// leads to the page's first form, see ./spec.ts).
export function buttonTarget(label: string, subject: Subject): (Partial<Section> & { kind: SectionKind }) | null {
  const target = BUTTON_TARGETS.find(([pattern]) => pattern.test(label))?.[1];
  if (!target) return null;
  return target.form ? { ...target, form: formFor(target.form, subject) } : target;
}
