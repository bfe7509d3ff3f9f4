import type { AppSpec } from "../spec";
import { literal, type Theme } from "./theme";

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
  return `import { Sparkles, ShieldCheck, Zap } from "lucide-react";

const features = [
  { icon: Zap, title: "Fast", text: "Everything loads in a blink, on any device." },
  { icon: ShieldCheck, title: "Reliable", text: "Built to work every time you need it." },
  { icon: Sparkles, title: "Delightful", text: "Thoughtful details that make it a pleasure to use." },
];

export function Features() {
  return (
    <section className="mx-auto max-w-5xl px-6 py-16">
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
  return `const quotes = [
  { name: "Maya R.", text: "Exactly what I was looking for. Simple and lovely." },
  { name: "Tom B.", text: "I recommend it to everyone I know." },
];

export function Testimonials() {
  return (
    <section className="mx-auto max-w-5xl px-6 py-16">
      <h2 className="mb-8 text-center text-3xl font-semibold">What people say</h2>
      <div className="grid gap-6 sm:grid-cols-2">
        {quotes.map((quote) => (
          <figure key={quote.name} className="${t.card}">
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

const plans = [
  { name: "Starter", monthly: 9, perks: ["1 project", "Email support"] },
  { name: "Pro", monthly: 29, perks: ["10 projects", "Priority support", "Analytics"], featured: true },
  { name: "Team", monthly: 79, perks: ["Unlimited projects", "Dedicated help", "Team seats"] },
];

export function PricingTable() {
  const [yearly, setYearly] = useState(false);
  return (
    <section className="mx-auto max-w-5xl px-6 py-16">
      <div className="mb-8 flex items-center justify-center gap-3">
        <h2 className="text-3xl font-semibold">Plans</h2>
        <button type="button" onClick={() => setYearly((y) => !y)} className="rounded-full px-3 py-1 text-sm ${t.accentSoft}">
          {yearly ? "Billed yearly (2 months free)" : "Billed monthly"}
        </button>
      </div>
      <div className="grid gap-6 sm:grid-cols-3">
        {plans.map((plan) => (
          <div key={plan.name} className={"${t.card}" + (plan.featured ? " ring-2 ring-current ${t.accentText}" : "")}>
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
            <button type="button" className="mt-6 w-full ${t.button}">
              Choose {plan.name}
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
`;
}

export function contactForm(_spec: AppSpec, t: Theme): string {
  return `"use client";

import { type FormEvent, useState } from "react";

export function ContactForm() {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const email = String(data.get("email") ?? "").trim();
    if (!name || !/^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(email)) {
      setError("Please enter your name and a valid email address.");
      return;
    }
    setError(null);
    setSent(name);
  }

  return (
    <section className="mx-auto max-w-xl px-6 py-16">
      <h2 className="mb-6 text-3xl font-semibold">Contact us</h2>
      {sent ? (
        <p className="${t.card}" role="status">
          Thanks, {sent}! We'll get back to you soon.
        </p>
      ) : (
        <form onSubmit={onSubmit} className="${t.card} space-y-4" noValidate>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">Name</span>
            <input name="name" className="${t.input}" placeholder="Your name" />
          </label>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">Email</span>
            <input name="email" type="email" className="${t.input}" placeholder="you@example.com" />
          </label>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">Message</span>
            <textarea name="message" rows={4} className="${t.input}" placeholder="How can we help?" />
          </label>
          {error && <p className="text-sm text-red-500">{error}</p>}
          <button type="submit" className="${t.button}">
            Send message
          </button>
        </form>
      )}
    </section>
  );
}
`;
}
