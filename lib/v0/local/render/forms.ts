import "server-only";

import type { AppSpec } from "../app-spec";
import type { Theme } from "./theme";

// Forms that check what was typed and thank the visitor, as component
// source files. Nothing is sent anywhere: the app has no server to receive it.

const EMAIL_PATTERN = String.raw`/^[^@\s]+@[^@\s]+\.[^@\s]+$/`;

export function contactForm(_spec: AppSpec, t: Theme): string {
  return `"use client";

import { type FormEvent, useState } from "react";

type Errors = { name?: string; email?: string; message?: string };

export function ContactForm() {
  const [sentBy, setSentBy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const email = String(data.get("email") ?? "").trim();
    const message = String(data.get("message") ?? "").trim();
    const found: Errors = {};
    if (!name) found.name = "Please tell us your name.";
    if (!${EMAIL_PATTERN}.test(email)) found.email = "Please enter a valid email address.";
    if (message.length < 10) found.message = "Please write at least a few words.";
    setErrors(found);
    if (Object.keys(found).length === 0) setSentBy(name);
  }

  return (
    <section id="contact" className="mx-auto max-w-xl px-6 py-16">
      <h2 className="mb-6 text-3xl font-semibold">Contact us</h2>
      {sentBy ? (
        <div className="${t.card}" role="status">
          <p className="text-lg font-medium">Thanks, {sentBy}!</p>
          <p className="mt-1 ${t.muted}">We’ve got your message and will get back to you soon.</p>
          <button type="button" onClick={() => setSentBy(null)} className="mt-4 text-sm font-medium ${t.accentText} hover:underline">
            Send another message
          </button>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="${t.card} space-y-4" noValidate>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">Name</span>
            <input name="name" autoComplete="name" className="${t.input}" placeholder="Your name" aria-invalid={Boolean(errors.name)} />
            {errors.name && <span className="mt-1 block text-sm text-red-500">{errors.name}</span>}
          </label>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">Email</span>
            <input name="email" type="email" autoComplete="email" className="${t.input}" placeholder="you@example.com" aria-invalid={Boolean(errors.email)} />
            {errors.email && <span className="mt-1 block text-sm text-red-500">{errors.email}</span>}
          </label>
          <label className="block">
            <span className="mb-1 block text-sm font-medium">Message</span>
            <textarea name="message" rows={4} className="${t.input}" placeholder="How can we help?" aria-invalid={Boolean(errors.message)} />
            {errors.message && <span className="mt-1 block text-sm text-red-500">{errors.message}</span>}
          </label>
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

export function signupForm(_spec: AppSpec, t: Theme): string {
  return `"use client";

import { Mail } from "lucide-react";
import { type FormEvent, useState } from "react";

export function SignupForm() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = email.trim();
    if (!${EMAIL_PATTERN}.test(value)) {
      setError("Please enter a valid email address.");
      return;
    }
    setError(null);
    setJoined(value);
    setEmail("");
  }

  return (
    <section id="signup" className="mx-auto max-w-xl px-6 py-16">
      <div className="${t.card} text-center">
        <Mail className="mx-auto mb-3 h-8 w-8 ${t.accentText}" aria-hidden />
        <h2 className="text-2xl font-semibold">Join the list</h2>
        {joined ? (
          <p className="mt-3 ${t.muted}" role="status">
            You’re on the list! We’ll write to {joined} soon.
          </p>
        ) : (
          <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-2 sm:flex-row" noValidate>
            <input
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              autoComplete="email"
              placeholder="you@example.com"
              aria-label="Email address"
              aria-invalid={error !== null}
              className="${t.input}"
            />
            <button type="submit" className="${t.button} shrink-0">
              Sign up
            </button>
          </form>
        )}
        {error && <p className="mt-2 text-sm text-red-500">{error}</p>}
      </div>
    </section>
  );
}
`;
}
