import "server-only";

import type { Section } from "../app-spec";
import { isMoney } from "../part-words";
import { faqFor, menuFor, rolesFor } from "../subjects";
import { type Context, headingFor, introFor, type Rendered, sectionId, sectionOpen } from "./content";
import { data, literal } from "./theme";

// Sections of text and numbers about the subject.

export function features(ctx: Context, section: Section): Rendered {
  const list = [
    { icon: "Sparkles", title: `Hand-picked ${ctx.many}`, text: `Every ${ctx.one} is chosen and checked by people who care.` },
    { icon: "Heart", title: "Made with care", text: `We put the same love into each of our ${ctx.many}, big or small.` },
    { icon: "Smile", title: "Friendly help", text: `Not sure which ${ctx.one} is right? Ask us anything.` },
  ];
  return {
    file: "features",
    name: "Features",
    ui: ["card"],
    source: `import { Heart, Smile, Sparkles } from "lucide-react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const icons = { Heart, Smile, Sparkles };
const features = ${data(list)} as const;

export function Features() {
  return (
    ${sectionOpen(sectionId(ctx, "features"), headingFor(ctx, section), introFor(ctx, "features"))}
      <div className="mt-8 grid gap-6 md:grid-cols-3">
        {features.map((feature) => {
          const Icon = icons[feature.icon];
          return (
            <Card key={feature.title}>
              <CardHeader>
                <Icon className="mb-2 size-6 text-primary" aria-hidden="true" />
                <CardTitle>{feature.title}</CardTitle>
                <CardDescription>{feature.text}</CardDescription>
              </CardHeader>
            </Card>
          );
        })}
      </div>
    </section>
  );
}
`,
  };
}

export function faq(ctx: Context, section: Section): Rendered {
  const questions = faqFor(ctx.spec.subject).map(([question, answer]) => ({ question, answer }));
  return {
    file: "faq",
    name: "Faq",
    ui: ["accordion"],
    source: `import { Accordion, AccordionContent, AccordionItem, AccordionTrigger } from "@/components/ui/accordion";

const questions = ${data(questions)};

export function Faq() {
  return (
    ${sectionOpen(sectionId(ctx, "faq"), headingFor(ctx, section), introFor(ctx, "faq"))}
      <Accordion className="mt-8 max-w-3xl">
        {questions.map((item) => (
          <AccordionItem key={item.question}>
            <AccordionTrigger>{item.question}</AccordionTrigger>
            <AccordionContent>{item.answer}</AccordionContent>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}
`,
  };
}

export function testimonials(ctx: Context, section: Section): Rendered {
  const first = ctx.items[0]?.title ?? ctx.one;
  const quotes = [
    { name: "Maya R.", text: `I found the perfect ${ctx.one} in minutes. The ${first} is a favourite at home now.` },
    { name: "Tom B.", text: `Lovely ${ctx.many} and even lovelier people. I recommend ${ctx.spec.title} to everyone.` },
    { name: "Aisha K.", text: `Every ${ctx.one} I’ve tried has been a delight. I keep coming back.` },
  ];
  return {
    file: "testimonials",
    name: "Testimonials",
    ui: ["card"],
    source: `import { Star } from "lucide-react";
import { Card, CardContent } from "@/components/ui/card";

const quotes = ${data(quotes)};

export function Testimonials() {
  return (
    ${sectionOpen(sectionId(ctx, "testimonials"), headingFor(ctx, section), introFor(ctx, "testimonials"))}
      <div className="mt-8 grid gap-6 md:grid-cols-3">
        {quotes.map((quote) => (
          <Card key={quote.name}>
            <CardContent>
              <figure>
                <div className="mb-3 flex gap-1 text-primary" role="img" aria-label="5 out of 5 stars">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Star key={n} className="size-4 fill-current" aria-hidden="true" />
                  ))}
                </div>
                <blockquote className="text-base">“{quote.text}”</blockquote>
                <figcaption className="mt-3 text-sm text-muted-foreground">{quote.name}</figcaption>
              </figure>
            </CardContent>
          </Card>
        ))}
      </div>
    </section>
  );
}
`,
  };
}

// "trainers" → "trainer", for roles and bios.
function singularOf(plural: string): string {
  if (/ies$/.test(plural)) return plural.slice(0, -3) + "y";
  if (/(?:ch|sh|x|ss)es$/.test(plural)) return plural.slice(0, -2);
  if (/^staff$/.test(plural)) return "staff member";
  return plural.replace(/s$/, "");
}

export function team(ctx: Context, section: Section): Rendered {
  const [a, b, c] = rolesFor(ctx.spec.subject);
  const categories = [...new Set(ctx.items.map((i) => i.category.toLowerCase()))];
  const focus = (i: number) => categories[i % categories.length] ?? ctx.many;
  const one = section.people ? singularOf(section.people) : null;
  const people = one
    ? [
        { name: "Rosa Alvarez", role: `Lead ${one}`, bio: `A ${one} for twelve years, Rosa leads our ${focus(0)} ${ctx.many} and loves a good question.` },
        { name: "Ben Carter", role: `Senior ${one}`, bio: `Ben has been a ${one} here since we opened and looks after our ${focus(1)} ${ctx.many}.` },
        { name: "Mei Lin", role: one.charAt(0).toUpperCase() + one.slice(1), bio: `Mei joined as a ${one} three years ago and specialises in ${focus(2)}.` },
      ]
    : [
        { name: "Rosa Alvarez", role: a, bio: `Has loved ${ctx.many} for as long as she can remember.` },
        { name: "Ben Carter", role: b, bio: `Makes sure every ${ctx.one} is just right.` },
        { name: "Mei Lin", role: c, bio: `Answers your questions about our ${ctx.many}.` },
      ];
  return {
    file: "team",
    name: "Team",
    ui: ["card"],
    source: `import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const people = ${data(people)};

export function Team() {
  return (
    ${sectionOpen(sectionId(ctx, "team"), headingFor(ctx, section), introFor(ctx, "team", section))}
      <div className="mt-8 grid gap-6 sm:grid-cols-3">
        {people.map((person) => (
          <Card key={person.name}>
            <CardHeader>
              <div className="mb-2 flex size-14 items-center justify-center rounded-full bg-accent text-lg font-semibold text-accent-foreground" aria-hidden="true">
                {person.name
                  .split(" ")
                  .map((part) => part[0])
                  .join("")}
              </div>
              <CardTitle>{person.name}</CardTitle>
              <p className="text-sm font-medium text-primary">{person.role}</p>
              <CardDescription>{person.bio}</CardDescription>
            </CardHeader>
          </Card>
        ))}
      </div>
    </section>
  );
}
`,
  };
}

// Believable figures for a named measure, the same every time.
const FIGURES = [12480, 3260, 870, 145];

export function figure(label: string, i: number): string {
  const value = FIGURES[i % FIGURES.length]!;
  return isMoney(label) ? `$${(value * 10).toLocaleString("en-US")}` : `${value.toLocaleString("en-US")}`;
}

export function stats(ctx: Context, section: Section): Rendered {
  const impact = section.impact ? ["people helped", `${ctx.many} shared`, "volunteers", `years of ${ctx.spec.subject.topic}`] : null;
  const measures = section.measures?.length ? section.measures : impact;
  const numbers = measures
    ? measures.map((label, i) => ({ value: i === 3 && !section.measures?.length ? "8" : figure(label, i), label }))
    : [
        { value: `${ctx.items.length * 20}+`, label: `${ctx.many} and counting` },
        { value: "4.9", label: "average rating" },
        { value: "12k", label: "happy visitors" },
        { value: "8", label: `years of ${ctx.spec.subject.topic}` },
      ];
  return {
    file: "stats",
    name: "Stats",
    ui: [],
    source: `const numbers = ${data(numbers)};

export function Stats() {
  return (
    ${sectionOpen(sectionId(ctx, "stats"), headingFor(ctx, section), introFor(ctx, "stats", section))}
      <dl className="mt-8 grid grid-cols-2 gap-6 md:grid-cols-${Math.min(4, numbers.length)}">
        {numbers.map((n) => (
          <div key={n.label} className="rounded-xl border bg-card p-6">
            <dt className="text-sm text-muted-foreground">{n.label}</dt>
            <dd className="mt-1 text-3xl font-bold tracking-tight text-primary">{n.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
`,
  };
}

export function pricing(ctx: Context, section: Section): Rendered {
  const plans = [
    { name: "Starter", monthly: 9, perks: [`Access to 10 ${ctx.many}`, "Email help"], featured: false },
    { name: "Plus", monthly: 19, perks: [`Access to every ${ctx.one}`, "Priority help", "Members’ newsletter"], featured: true },
    { name: "Family", monthly: 29, perks: [`Every ${ctx.one}, for up to 5 people`, "Priority help", "Early access"], featured: false },
  ];
  return {
    file: "pricing",
    name: "Pricing",
    ui: ["button", "card", "badge"],
    source: `"use client";

import { Check } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

const plans = ${data(plans)};

export function Pricing() {
  const [yearly, setYearly] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    ${sectionOpen(sectionId(ctx, "pricing"), headingFor(ctx, section), introFor(ctx, "pricing"))}
      <Button type="button" variant="outline" size="sm" className="mt-6" aria-pressed={yearly} onClick={() => setYearly((on) => !on)}>
        {yearly ? "Paying yearly: 2 months free" : "Paying monthly"}
      </Button>
      <div className="mt-8 grid gap-6 md:grid-cols-3">
        {plans.map((plan) => (
          <Card key={plan.name} className={plan.featured ? "border-primary ring-2 ring-primary" : undefined}>
            <CardHeader>
              {plan.featured && <Badge>Most popular</Badge>}
              <CardTitle>{plan.name}</CardTitle>
              <p className="text-4xl font-bold">
                \${yearly ? plan.monthly * 10 : plan.monthly}
                <span className="text-base font-normal text-muted-foreground">/{yearly ? "year" : "month"}</span>
              </p>
            </CardHeader>
            <CardContent>
              <ul className="space-y-2">
                {plan.perks.map((perk) => (
                  <li key={perk} className="flex items-center gap-2">
                    <Check className="size-4 text-primary" aria-hidden="true" />
                    {perk}
                  </li>
                ))}
              </ul>
            </CardContent>
            <CardFooter className="mt-auto">
              <Button type="button" className="w-full" variant={plan.featured ? "default" : "outline"} onClick={() => setChosen(plan.name)}>
                {chosen === plan.name ? "Chosen" : "Choose " + plan.name}
              </Button>
            </CardFooter>
          </Card>
        ))}
      </div>
      <p className="mt-6 text-muted-foreground" role="status">
        {chosen ? "You picked the " + chosen + " plan. Online payment isn’t set up yet, so we’ll be in touch to get you started." : ""}
      </p>
    </section>
  );
}
`,
  };
}

export function menu(ctx: Context, section: Section): Rendered {
  const groups = menuFor(ctx.spec.subject, ctx.items);
  return {
    file: "menu",
    name: "Menu",
    ui: ["tabs"],
    source: `import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

const groups = ${data(groups)};

export function Menu() {
  return (
    ${sectionOpen(sectionId(ctx, "menu"), headingFor(ctx, section), introFor(ctx, "menu"))}
      <Tabs defaultValue={groups[0]!.name} className="mt-8">
        <TabsList aria-label={${literal(`${headingFor(ctx, section)} sections`)}}>
          {groups.map((group) => (
            <TabsTrigger key={group.name} value={group.name}>
              {group.name}
            </TabsTrigger>
          ))}
        </TabsList>
        {groups.map((group) => (
          <TabsContent key={group.name} value={group.name}>
            <ul className="divide-y rounded-xl border bg-card">
              {group.dishes.map((dish) => (
                <li key={dish.name} className="flex items-start justify-between gap-6 px-6 py-4">
                  <div>
                    <p className="font-medium">{dish.name}</p>
                    <p className="text-sm text-muted-foreground">{dish.text}</p>
                  </div>
                  <p className="font-semibold tabular-nums">{dish.price}</p>
                </li>
              ))}
            </ul>
          </TabsContent>
        ))}
      </Tabs>
    </section>
  );
}
`,
  };
}

export function hours(ctx: Context, section: Section): Rendered {
  const days = [
    { day: "Monday to Friday", time: "8:00 am – 6:00 pm" },
    { day: "Saturday", time: "9:00 am – 5:00 pm" },
    { day: "Sunday", time: "10:00 am – 4:00 pm" },
  ];
  return {
    file: "opening-hours",
    name: "OpeningHours",
    ui: ["card"],
    source: `import { Clock, MapPin } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

const days = ${data(days)};

export function OpeningHours() {
  return (
    ${sectionOpen(sectionId(ctx, "hours"), headingFor(ctx, section), introFor(ctx, "hours"))}
      <div className="mt-8 grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <Clock className="size-5 text-primary" aria-hidden="true" />
              Opening hours
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="divide-y">
              {days.map((d) => (
                <div key={d.day} className="flex justify-between gap-4 py-2">
                  <dt>{d.day}</dt>
                  <dd className="text-muted-foreground tabular-nums">{d.time}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <MapPin className="size-5 text-primary" aria-hidden="true" />
              Where to find us
            </CardTitle>
          </CardHeader>
          <CardContent>
            <address className="not-italic">
              {${literal(ctx.spec.title)}}
              <br />
              12 Market Street
              <br />
              Springfield, SP1 4AB
            </address>
            <p className="mt-3 text-sm text-muted-foreground">Two minutes from the station, with bike racks outside.</p>
          </CardContent>
        </Card>
      </div>
    </section>
  );
}
`,
  };
}

export function timeline(ctx: Context, section: Section): Rendered {
  const events = [
    { year: "2017", title: "It all began", text: `${ctx.spec.title} started with a handful of ${ctx.many} and a big idea.` },
    { year: "2019", title: "Growing up", text: `More ${ctx.many}, more people, and our first proper home.` },
    { year: "2022", title: "A community", text: `Thousands of people now share their love of ${ctx.spec.subject.topic} with us.` },
    { year: "Today", title: "What’s next", text: `New ${ctx.many} every month, and always room for you.` },
  ];
  return {
    file: "timeline",
    name: "Timeline",
    ui: [],
    source: `const events = ${data(events)};

export function Timeline() {
  return (
    ${sectionOpen(sectionId(ctx, "timeline"), headingFor(ctx, section), introFor(ctx, "timeline"))}
      <ol className="mt-8 space-y-8 border-l-2 border-primary pl-6">
        {events.map((event) => (
          <li key={event.year} className="relative">
            <span className="absolute top-1.5 -left-[33px] size-4 rounded-full border-2 border-background bg-primary" aria-hidden="true" />
            <p className="text-sm font-semibold text-primary">{event.year}</p>
            <h3 className="text-lg font-semibold">{event.title}</h3>
            <p className="text-muted-foreground">{event.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
`,
  };
}

export function mission(ctx: Context, section: Section): Rendered {
  const { title, subject } = ctx.spec;
  const statement = `${title} exists to bring ${subject.topic} to everyone who needs it: openly, generously and close to home.`;
  const values = [
    { title: "People first", text: `Every ${ctx.one} starts with the people it’s for.` },
    { title: "Open to all", text: `No one is turned away from ${subject.topic}.` },
    { title: "In it for good", text: `What we earn goes back into our ${ctx.many}.` },
  ];
  return {
    file: "mission",
    name: "Mission",
    ui: [],
    source: `const values = ${data(values)};

export function Mission() {
  return (
    ${sectionOpen(sectionId(ctx, "mission"), headingFor(ctx, section), introFor(ctx, "mission", section))}
      <blockquote className="mt-8 max-w-3xl border-l-4 border-primary pl-6 text-xl font-medium text-balance">{${literal(statement)}}</blockquote>
      <ul className="mt-8 grid gap-6 sm:grid-cols-3">
        {values.map((value) => (
          <li key={value.title} className="rounded-xl border bg-card p-6">
            <h3 className="font-semibold">{value.title}</h3>
            <p className="mt-1 text-muted-foreground">{value.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
`,
  };
}
