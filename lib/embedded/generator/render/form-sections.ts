import "server-only";

import type { Section } from "../app-spec";
import { type Context, headingFor, introFor, type Rendered, sectionId, sectionOpen, slug } from "./content";
import { data, literal } from "./theme";

// Forms that check what was typed and say thank you, and a to-do list.
// Nothing is sent anywhere: the app has no server to receive it.

const EMAIL = String.raw`/^[^@\s]+@[^@\s]+\.[^@\s]+$/`;

// A labelled field whose error is announced and tied to it.
function field(id: string, name: string, label: string, control: "Input" | "Textarea", extra: string): string {
  return `<div className="space-y-2">
            <Label htmlFor="${id}-${name}">${label}</Label>
            <${control} id="${id}-${name}" name="${name}" ${extra} aria-invalid={Boolean(errors.${name})} aria-describedby={errors.${name} ? "${id}-${name}-error" : undefined} />
            {errors.${name} && (
              <p id="${id}-${name}-error" className="text-sm text-destructive">
                {errors.${name}}
              </p>
            )}
          </div>`;
}

export function contactForm(ctx: Context, section: Section): Rendered {
  const id = sectionId(ctx, "contact");
  return {
    file: "contact-form",
    name: "ContactForm",
    ui: ["button", "card", "input", "label", "textarea"],
    source: `"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

type Errors = { name?: string; email?: string; message?: string };

export function ContactForm() {
  const [sentBy, setSentBy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "").trim();
    const message = String(form.get("message") ?? "").trim();
    const found: Errors = {};
    if (!name) found.name = "Please tell us your name.";
    if (!${EMAIL}.test(email)) found.email = "Please enter a valid email address.";
    if (message.length < 10) found.message = "Please write at least a few words.";
    setErrors(found);
    if (Object.keys(found).length === 0) setSentBy(name);
  }

  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "contact"))}
      <Card className="mt-8 max-w-xl">
        <CardContent>
          {sentBy ? (
            <div role="status">
              <p className="text-lg font-medium">Thanks, {sentBy}!</p>
              <p className="mt-1 text-muted-foreground">We’ve got your message and will get back to you soon.</p>
              <Button type="button" variant="link" className="mt-2 px-0" onClick={() => setSentBy(null)}>
                Send another message
              </Button>
            </div>
          ) : (
            <form onSubmit={onSubmit} className="space-y-4" noValidate>
          ${field(id, "name", "Name", "Input", 'autoComplete="name" placeholder="Your name"')}
          ${field(id, "email", "Email", "Input", 'type="email" autoComplete="email" placeholder="you@example.com"')}
          ${field(id, "message", "Message", "Textarea", `rows={4} placeholder=${JSON.stringify(`Ask us anything about our ${ctx.many}`).replace(/</g, "\\u003c")}`)}
              <Button type="submit">Send message</Button>
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

export function signupForm(ctx: Context, section: Section): Rendered {
  const id = sectionId(ctx, "signup");
  const interests = [...new Set(ctx.items.map((i) => i.category))];
  return {
    file: "signup-form",
    name: "SignupForm",
    ui: ["button", "card", "input", "label"],
    source: `"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Errors = { name?: string; email?: string };

const interests = ${data(interests)};

export function SignupForm() {
  const [joined, setJoined] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "").trim();
    const found: Errors = {};
    if (!name) found.name = "Please tell us your name.";
    if (!${EMAIL}.test(email)) found.email = "Please enter a valid email address.";
    setErrors(found);
    if (Object.keys(found).length === 0) setJoined(name);
  }

  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "signup"))}
      <Card className="mt-8 max-w-xl">
        <CardContent>
          {joined ? (
            <p role="status" className="text-lg font-medium">
              Welcome aboard, {joined}! Check your inbox for a confirmation.
            </p>
          ) : (
            <form onSubmit={onSubmit} className="space-y-4" noValidate>
          ${field(id, "name", "Name", "Input", 'autoComplete="name" placeholder="Your name"')}
          ${field(id, "email", "Email", "Input", 'type="email" autoComplete="email" placeholder="you@example.com"')}
              <div className="space-y-2">
                <Label htmlFor="${id}-interest">{${literal(`Which ${ctx.many} interest you most?`)}}</Label>
                <select id="${id}-interest" name="interest" className="flex h-10 w-full rounded-md border border-input bg-background px-3 text-foreground">
                  {interests.map((interest) => (
                    <option key={interest}>{interest}</option>
                  ))}
                </select>
              </div>
              <Button type="submit">Sign up</Button>
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

export function newsletter(ctx: Context, section: Section): Rendered {
  const id = sectionId(ctx, "newsletter");
  return {
    file: "newsletter",
    name: "Newsletter",
    ui: ["button", "input", "label"],
    source: `"use client";

import { Mail } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function Newsletter() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = email.trim();
    if (!${EMAIL}.test(value)) {
      setError("Please enter a valid email address.");
      return;
    }
    setError(null);
    setJoined(value);
    setEmail("");
  }

  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "newsletter"))}
      <div className="mt-8 max-w-xl rounded-xl bg-accent p-6 text-accent-foreground">
        <Mail className="mb-3 size-6" aria-hidden="true" />
        {joined ? (
          <p role="status" className="font-medium">
            You’re subscribed! We’ll write to {joined} soon.
          </p>
        ) : (
          <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row" noValidate>
            <Label htmlFor="${id}-email" className="sr-only">
              Email address
            </Label>
            <Input
              id="${id}-email"
              type="email"
              autoComplete="email"
              placeholder="you@example.com"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={error !== null}
              aria-describedby={error ? "${id}-error" : undefined}
            />
            <Button type="submit" className="shrink-0">
              Subscribe
            </Button>
          </form>
        )}
        {error && (
          <p id="${id}-error" className="mt-2 text-sm font-medium">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
`,
  };
}

export function todoList(ctx: Context, section: Section): Rendered {
  const id = sectionId(ctx, "todo");
  const starter =
    ctx.one === "task"
      ? ["Plan the week", "Water the plants", "Call the bank"]
      : [`Add a new ${ctx.one}`, `Update the ${ctx.many} page`, `Share a favourite ${ctx.one}`];
  const todos = starter.map((text, i) => ({ id: i + 1, text, done: i === 2 }));
  return {
    file: "todo-list",
    name: "TodoList",
    ui: ["button", "input"],
    source: `"use client";

import { Trash2 } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

type Todo = { id: number; text: string; done: boolean };

const STORAGE_KEY = ${literal(`todos-${slug(ctx.spec.title)}`)};
const starter: Todo[] = ${data(todos)};

function isTodo(value: unknown): value is Todo {
  if (typeof value !== "object" || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.id === "number" && typeof item.text === "string" && typeof item.done === "boolean";
}

export function TodoList() {
  const [todos, setTodos] = useState<Todo[]>(starter);
  const [text, setText] = useState("");
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    try {
      const saved: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null");
      if (Array.isArray(saved)) setTodos(saved.filter(isTodo));
    } catch {
      // Unreadable saved tasks, or storage denied (a frame from another
      // site): start from the examples.
    }
    setLoaded(true);
  }, []);

  useEffect(() => {
    if (!loaded) return;
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(todos));
    } catch {
      // Storage denied or full: the list still works, it just isn't kept.
    }
  }, [todos, loaded]);

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setTodos((items) => [...items, { id: Math.max(0, ...items.map((i) => i.id)) + 1, text: value, done: false }]);
    setText("");
  }

  const left = todos.filter((todo) => !todo.done).length;
  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "todo"))}
      <div className="mt-8 max-w-xl">
        <form onSubmit={add} className="flex gap-2">
          <Input id="${id}-new" aria-label="New task" value={text} onChange={(event) => setText(event.target.value)} placeholder="What needs doing?" />
          <Button type="submit">Add</Button>
        </form>
        <ul className="mt-6 space-y-2">
          {todos.map((todo) => (
            <li key={todo.id} className="flex items-center gap-3 rounded-lg border bg-card px-4 py-3">
              <input
                id={"${id}-" + todo.id}
                type="checkbox"
                checked={todo.done}
                onChange={() => setTodos((items) => items.map((i) => (i.id === todo.id ? { ...i, done: !i.done } : i)))}
                className="size-4 accent-primary"
              />
              <label htmlFor={"${id}-" + todo.id} className={todo.done ? "flex-1 text-muted-foreground line-through" : "flex-1"}>
                {todo.text}
              </label>
              <Button type="button" variant="ghost" size="icon" aria-label={"Delete " + todo.text} onClick={() => setTodos((items) => items.filter((i) => i.id !== todo.id))}>
                <Trash2 aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
        <p className="mt-4 text-sm text-muted-foreground" role="status">
          {todos.length === 0 ? "Nothing here yet. Add your first task above." : left + " of " + todos.length + " left"}
        </p>
      </div>
    </section>
  );
}
`,
  };
}
