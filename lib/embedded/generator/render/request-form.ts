import "server-only";

import type { RequestForm, Section } from "../app-spec";
import { rolesFor } from "../subjects";
import { type Context, formOf, headingFor, introFor, type Rendered, sectionId, sectionOpen } from "./content";
import { data, literal } from "./theme";

// Forms that collect a request (a booking, an enrolment, a donation pledge…)
// with fields that fit it, check what was typed, and confirm on the page.
// Nothing is sent: the app has no service to receive it yet.

type FieldType = "text" | "email" | "tel" | "date" | "time" | "number" | "select" | "textarea";
type Field = { name: string; label: string; type: FieldType; required: boolean; options?: string[]; min?: number; max?: number; autoComplete?: string };
type FormCopy = { fields: Field[]; submit: string; thanks: string; after: string };

const NAME: Field = { name: "name", label: "Full name", type: "text", required: true, autoComplete: "name" };
const EMAIL: Field = { name: "email", label: "Email", type: "email", required: true, autoComplete: "email" };
const PHONE: Field = { name: "phone", label: "Phone", type: "tel", required: false, autoComplete: "tel" };
const DATE = (label: string): Field => ({ name: "date", label, type: "date", required: true });
const TIME = (label: string): Field => ({ name: "time", label, type: "time", required: true });
const NOTES = (label: string): Field => ({ name: "notes", label, type: "textarea", required: false });

function choice(name: string, label: string, options: string[], required = true): Field {
  return { name, label, type: "select", required, options };
}

function copyFor(ctx: Context, form: RequestForm): FormCopy {
  const titles = ctx.items.map((i) => i.title);
  const Which = `${ctx.one.charAt(0).toUpperCase()}${ctx.one.slice(1)}`;
  const food = ["bakery", "cafe", "restaurant"].includes(ctx.spec.subject.key);
  switch (form) {
    case "booking":
      return {
        fields: [NAME, EMAIL, choice("choice", Which, titles), DATE("Date"), TIME("Time"), NOTES("Anything we should know?")],
        submit: "Request booking",
        thanks: "Thanks, {name}! Your booking for {choice} on {date} at {time} is requested.",
        after: "We’ll email {email} to confirm.",
      };
    case "appointment":
      return {
        fields: [NAME, EMAIL, PHONE, choice("choice", "Reason for the appointment", titles), DATE("Preferred date"), TIME("Preferred time"), NOTES("Anything we should know?")],
        submit: "Request appointment",
        thanks: "Thanks, {name}! Your appointment on {date} at {time} is requested.",
        after: "We’ll email {email} to confirm the time.",
      };
    case "reservation":
      return {
        fields: [
          NAME,
          EMAIL,
          PHONE,
          DATE("Date"),
          TIME("Time"),
          { name: "guests", label: food ? "Party size" : "Number of people", type: "number", required: true, min: 1, max: 20 },
          NOTES("Special requests"),
        ],
        submit: food ? "Reserve a table" : "Request reservation",
        thanks: "Thanks, {name}! Your reservation for {guests} on {date} at {time} is requested.",
        after: "We’ll email {email} to confirm.",
      };
    case "enrolment":
    case "enrollment":
      return {
        fields: [
          NAME,
          EMAIL,
          choice("choice", ctx.spec.subject.key === "classes" ? "Class" : ctx.spec.subject.key === "courses" ? "Course" : Which, titles),
          choice("level", "Experience", ["Complete beginner", "Some experience", "Experienced"]),
          { name: "start", label: "Preferred start date", type: "date", required: false },
          NOTES("Anything we should know?"),
        ],
        submit: form === "enrollment" ? "Enroll" : "Enrol",
        thanks: "Thanks, {name}! You’re enrolled in {choice}.",
        after: "We’ll email {email} with everything you need before you start.",
      };
    case "registration":
      return {
        fields: [
          NAME,
          EMAIL,
          choice("choice", ctx.spec.subject.key === "events" ? "Event" : Which, titles),
          { name: "guests", label: "Number of guests", type: "number", required: true, min: 1, max: 10 },
          NOTES("Access or dietary needs"),
        ],
        submit: "Register",
        thanks: "Thanks, {name}! You’re registered for {choice}, {guests} in your party.",
        after: "We’ll email {email} with the details.",
      };
    case "application": {
      const pets = ctx.spec.subject.key === "pets";
      return {
        fields: [
          NAME,
          EMAIL,
          PHONE,
          pets ? choice("choice", "Which pet would you like to adopt?", titles) : choice("choice", "What are you applying for?", [...rolesFor(ctx.spec.subject)]),
          { name: "about", label: pets ? "Tell us about your home" : "Tell us about yourself", type: "textarea", required: true, min: 20 },
        ],
        submit: "Send application",
        thanks: "Thanks, {name}! Your application for {choice} is in.",
        after: "We read every application and will reply to {email} within a week.",
      };
    }
    case "donation":
      return {
        fields: [
          NAME,
          EMAIL,
          { name: "amount", label: "Amount in dollars", type: "number", required: true, min: 1, max: 100000 },
          choice("frequency", "How often", ["Once", "Monthly"]),
          NOTES("A message with your gift"),
        ],
        submit: "Pledge donation",
        thanks: "Thank you, {name}! You’ve pledged ${amount} ({frequency}).",
        after: "No money has been taken: we’ll email {email} about how to give.",
      };
    case "rsvp":
      return {
        fields: [
          NAME,
          EMAIL,
          choice("attending", "Will you be there?", ["Yes, I’ll be there", "Sorry, I can’t make it"]),
          { name: "guests", label: "Number of guests, including you", type: "number", required: true, min: 1, max: 10 },
          NOTES("Dietary needs"),
        ],
        submit: "Send RSVP",
        thanks: "Thanks, {name}! Your reply is in: {attending}, {guests} in your party.",
        after: "We’ll email {email} nearer the day.",
      };
    case "quote":
      return {
        fields: [NAME, EMAIL, PHONE, choice("choice", "What do you need?", titles), { name: "details", label: "Tell us about the job", type: "textarea", required: true, min: 20 }],
        submit: "Request a quote",
        thanks: "Thanks, {name}! Your quote request for {choice} is in.",
        after: "We’ll email a free quote to {email} within two working days.",
      };
    case "order":
      return {
        fields: [
          NAME,
          EMAIL,
          choice("choice", Which, titles),
          { name: "quantity", label: "Quantity", type: "number", required: true, min: 1, max: 50 },
          DATE(food ? "Collection date" : "Delivery date"),
          NOTES("Notes for your order"),
        ],
        submit: "Send order request",
        thanks: "Thanks, {name}! Your order for {quantity} × {choice} on {date} is requested.",
        after: "No payment is taken online: we’ll email {email} to confirm.",
      };
    case "volunteer":
      return {
        fields: [NAME, EMAIL, PHONE, choice("availability", "When are you free?", ["Weekday mornings", "Weekday evenings", "Weekends", "Whenever you need me"]), NOTES("How would you like to help?")],
        submit: "Sign up to volunteer",
        thanks: "Thank you, {name}! You’re on our volunteer list ({availability}).",
        after: "We’ll email {email} about the next volunteer session.",
      };
  }
}

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function requestFileName(form: RequestForm): string {
  return `${form}-form`;
}

export function requestForm(ctx: Context, section: Section): Rendered {
  const form = formOf(ctx, section.form);
  const id = sectionId(ctx, { kind: "request", form });
  const copy = copyFor(ctx, form);
  const name = `${pascal(form)}Form`;
  const needs = (type: FieldType) => copy.fields.some((f) => f.type === type);
  return {
    file: requestFileName(form),
    name,
    ui: ["button", "card", "input", "label", ...(needs("textarea") ? (["textarea"] as const) : [])],
    source: `"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
${needs("textarea") ? 'import { Textarea } from "@/components/ui/textarea";\n' : ""}
type Field = {
  name: string;
  label: string;
  type: "text" | "email" | "tel" | "date" | "time" | "number" | "select" | "textarea";
  required: boolean;
  options?: string[];
  min?: number;
  max?: number;
  autoComplete?: string;
};
type Values = Record<string, string>;

const fields: Field[] = ${data(copy.fields)};

const EMAIL = /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/;

function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

// What's wrong with one answer, in words a visitor understands; null when fine.
function problem(field: Field, value: string): string | null {
  if (!value) return field.required ? "Please fill in " + field.label.toLowerCase() + "." : null;
  if (field.type === "email" && !EMAIL.test(value)) return "Please enter a valid email address.";
  if (field.type === "tel" && !/^\\+?[\\d\\s()-]{6,}$/.test(value)) return "Please enter a phone number, digits only.";
  if (field.type === "date" && value < today()) return "Please choose a date from today onwards.";
  if (field.type === "number") {
    const n = Number(value);
    if (!Number.isInteger(n) || n < (field.min ?? 1) || n > (field.max ?? 100)) return "Please enter a whole number between " + (field.min ?? 1) + " and " + (field.max ?? 100) + ".";
  }
  if (field.type === "textarea" && field.min && value.length < field.min) return "Please write at least " + field.min + " characters.";
  return null;
}

function shown(field: Field | undefined, value: string): string {
  if (field?.type === "date" && value) return new Date(value + "T00:00:00").toLocaleDateString("en", { dateStyle: "long" });
  return value;
}

function fill(template: string, values: Values): string {
  return template.replace(/\\{(\\w+)\\}/g, (_, key: string) => shown(fields.find((f) => f.name === key), values[key] ?? ""));
}

export function ${name}() {
  const [sent, setSent] = useState<Values | null>(null);
  const [errors, setErrors] = useState<Values>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values: Values = Object.fromEntries(fields.map((field) => [field.name, String(data.get(field.name) ?? "").trim()]));
    const found: Values = {};
    for (const field of fields) {
      const message = problem(field, values[field.name] ?? "");
      if (message) found[field.name] = message;
    }
    setErrors(found);
    const first = fields.find((field) => found[field.name]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>("#${id}-" + first.name)?.focus();
      return;
    }
    setSent(values);
  }

  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "request", section))}
      <Card className="mt-8 max-w-xl">
        <CardContent>
          {sent ? (
            <div role="status">
              <p className="text-lg font-medium">{fill(${literal(copy.thanks)}, sent)}</p>
              <p className="mt-1 text-muted-foreground">{fill(${literal(copy.after)}, sent)}</p>
              <Button type="button" variant="link" className="mt-2 px-0" onClick={() => setSent(null)}>
                Send another
              </Button>
            </div>
          ) : (
            <form onSubmit={onSubmit} className="space-y-4" noValidate>
              {fields.map((field) => {
                const fieldId = "${id}-" + field.name;
                const error = errors[field.name];
                const described = error ? fieldId + "-error" : undefined;
                return (
                  <div key={field.name} className="space-y-2">
                    <Label htmlFor={fieldId}>
                      {field.label}
                      {field.required ? "" : " (optional)"}
                    </Label>
                    {field.type === "select" ? (
                      <select
                        id={fieldId}
                        name={field.name}
                        defaultValue=""
                        aria-invalid={Boolean(error)}
                        aria-describedby={described}
                        className="flex h-10 w-full rounded-md border border-input bg-background px-3 text-foreground aria-invalid:border-destructive"
                      >
                        <option value="" disabled>
                          Choose one…
                        </option>
                        {field.options?.map((option) => (
                          <option key={option}>{option}</option>
                        ))}
                      </select>
                    ) : ${
                      needs("textarea")
                        ? `field.type === "textarea" ? (
                      <Textarea id={fieldId} name={field.name} rows={3} aria-invalid={Boolean(error)} aria-describedby={described} />
                    ) : `
                        : ""
                    }(
                      <Input
                        id={fieldId}
                        name={field.name}
                        type={field.type}
                        min={field.min}
                        max={field.max}
                        autoComplete={field.autoComplete}
                        inputMode={field.type === "number" ? "numeric" : undefined}
                        aria-invalid={Boolean(error)}
                        aria-describedby={described}
                      />
                    )}
                    {error && (
                      <p id={fieldId + "-error"} className="text-sm text-destructive">
                        {error}
                      </p>
                    )}
                  </div>
                );
              })}
              <Button type="submit">{${literal(copy.submit)}}</Button>
            </form>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
`,
  };
}
