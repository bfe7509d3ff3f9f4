import "server-only";

import type { AppSpec } from "../app-spec";
import { literal, type Theme } from "./theme";

// Page sections a builder can add or remove, as component source files.

export function siteFooter(spec: AppSpec, t: Theme): string {
  return `export function SiteFooter() {
  const year = new Date().getFullYear();
  return (
    <footer className="border-t ${t.border} px-6 py-8">
      <div className="mx-auto flex max-w-5xl flex-col items-center justify-between gap-2 text-sm ${t.muted} sm:flex-row">
        <p>
          © {year} {${literal(spec.title)}}
        </p>
        <p>Made with care.</p>
      </div>
    </footer>
  );
}
`;
}

export function features(_spec: AppSpec, t: Theme): string {
  return `import { ShieldCheck, Sparkles, Zap } from "lucide-react";

const features = [
  { icon: Zap, title: "Fast", text: "Everything loads in a blink, on any device." },
  { icon: ShieldCheck, title: "Reliable", text: "Built to work every time you need it." },
  { icon: Sparkles, title: "Delightful", text: "Thoughtful details that make it a pleasure to use." },
];

export function Features() {
  return (
    <section id="features" className="mx-auto max-w-5xl px-6 py-16">
      <h2 className="mb-8 text-center text-3xl font-semibold">Why people love it</h2>
      <div className="grid gap-6 sm:grid-cols-3">
        {features.map(({ icon: Icon, title, text }) => (
          <div key={title} className="${t.card}">
            <Icon className="mb-3 h-6 w-6 ${t.accentText}" aria-hidden />
            <h3 className="text-lg font-medium">{title}</h3>
            <p className="mt-1 ${t.muted}">{text}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
`;
}

export function testimonials(_spec: AppSpec, t: Theme): string {
  return `import { Star } from "lucide-react";

const quotes = [
  { name: "Maya R.", text: "Exactly what I was looking for. Simple and lovely." },
  { name: "Tom B.", text: "I recommend it to everyone I know." },
];

export function Testimonials() {
  return (
    <section id="testimonials" className="mx-auto max-w-5xl px-6 py-16">
      <h2 className="mb-8 text-center text-3xl font-semibold">What people say</h2>
      <div className="grid gap-6 sm:grid-cols-2">
        {quotes.map((quote) => (
          <figure key={quote.name} className="${t.card}">
            <div className="mb-3 flex gap-1 ${t.accentText}" aria-label="5 out of 5 stars">
              {[1, 2, 3, 4, 5].map((n) => (
                <Star key={n} className="h-4 w-4 fill-current" aria-hidden />
              ))}
            </div>
            <blockquote className="text-lg">“{quote.text}”</blockquote>
            <figcaption className="mt-3 text-sm ${t.muted}">— {quote.name}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
`;
}

export function pricingTable(_spec: AppSpec, t: Theme): string {
  return `"use client";

import { Check } from "lucide-react";
import { useState } from "react";

type Plan = { name: string; monthly: number; perks: string[]; featured?: boolean };

const plans: Plan[] = [
  { name: "Starter", monthly: 9, perks: ["1 project", "Email support"] },
  { name: "Pro", monthly: 29, perks: ["10 projects", "Priority support", "Analytics"], featured: true },
  { name: "Team", monthly: 79, perks: ["Unlimited projects", "Dedicated help", "Team seats"] },
];

export function PricingTable() {
  const [yearly, setYearly] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <section id="pricing" className="mx-auto max-w-5xl px-6 py-16">
      <div className="mb-8 flex flex-wrap items-center justify-center gap-3">
        <h2 className="text-3xl font-semibold">Plans</h2>
        <button type="button" onClick={() => setYearly((on) => !on)} aria-pressed={yearly} className="rounded-full px-3 py-1 text-sm ${t.accentSoft}">
          {yearly ? "Billed yearly (2 months free)" : "Billed monthly"}
        </button>
      </div>
      <div className="grid gap-6 sm:grid-cols-3">
        {plans.map((plan) => (
          <div key={plan.name} className={plan.featured ? "${t.card} ${t.accentRing}" : "${t.card}"}>
            <h3 className="text-lg font-medium">{plan.name}</h3>
            <p className="mt-2 text-4xl font-bold">
              \${yearly ? plan.monthly * 10 : plan.monthly}
              <span className="text-base font-normal ${t.muted}">/{yearly ? "year" : "month"}</span>
            </p>
            <ul className="mt-4 space-y-2">
              {plan.perks.map((perk) => (
                <li key={perk} className="flex items-center gap-2">
                  <Check className="h-4 w-4 ${t.accentText}" aria-hidden /> {perk}
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => setChosen(plan.name)} className="mt-6 w-full ${t.button}">
              {chosen === plan.name ? "Selected" : "Choose " + plan.name}
            </button>
          </div>
        ))}
      </div>
      {chosen && (
        <p className="mt-6 text-center ${t.muted}" role="status">
          Great choice: the {chosen} plan, billed {yearly ? "yearly" : "monthly"}.
        </p>
      )}
    </section>
  );
}
`;
}
