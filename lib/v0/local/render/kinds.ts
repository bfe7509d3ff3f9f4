import "server-only";

import type { AppSpec } from "../app-spec";
import type { Theme } from "./theme";

// The main content of each kind of app, as component source files.

export function todoList(_spec: AppSpec, t: Theme): string {
  return `"use client";

import { Trash2 } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";

type Todo = { id: number; text: string; done: boolean };

const STORAGE_KEY = "todo-list";
const starter: Todo[] = [
  { id: 1, text: "Plan the week", done: false },
  { id: 2, text: "Tick off a finished task", done: true },
];

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
      // Unreadable saved tasks, or storage denied: start from the examples.
    }
    setLoaded(true);
  }, []);

  useEffect(() => {
    if (!loaded) return;
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(todos));
    } catch {
      // Storage denied (a frame from another site, private browsing) or
      // full: the list still works, it just isn't kept.
    }
  }, [todos, loaded]);

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setTodos((items) => [...items, { id: Math.max(0, ...items.map((i) => i.id)) + 1, text: value, done: false }]);
    setText("");
  }

  function toggle(id: number) {
    setTodos((items) => items.map((i) => (i.id === id ? { ...i, done: !i.done } : i)));
  }

  function remove(id: number) {
    setTodos((items) => items.filter((i) => i.id !== id));
  }

  const left = todos.filter((todo) => !todo.done).length;
  return (
    <section className="mx-auto max-w-xl px-6 py-10">
      <form onSubmit={add} className="flex gap-2">
        <input
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="What needs doing?"
          aria-label="New task"
          className="${t.input}"
        />
        <button type="submit" className="${t.button}">
          Add
        </button>
      </form>
      <ul className="mt-6 space-y-2">
        {todos.map((todo) => (
          <li key={todo.id} className="flex items-center gap-3 rounded-xl border ${t.border} px-4 py-3">
            <input
              type="checkbox"
              checked={todo.done}
              onChange={() => toggle(todo.id)}
              aria-label={"Mark " + todo.text + (todo.done ? " as not done" : " as done")}
              className="h-4 w-4"
            />
            <span className={todo.done ? "flex-1 line-through ${t.muted}" : "flex-1"}>{todo.text}</span>
            <button type="button" onClick={() => remove(todo.id)} aria-label={"Delete " + todo.text} className="${t.muted} hover:text-red-500">
              <Trash2 className="h-4 w-4" aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex items-center justify-between text-sm ${t.muted}">
        <p>{todos.length === 0 ? "Nothing here yet. Add your first task above." : left + " of " + todos.length + " left"}</p>
        {todos.some((todo) => todo.done) && (
          <button type="button" onClick={() => setTodos((items) => items.filter((i) => !i.done))} className="hover:underline">
            Clear finished
          </button>
        )}
      </div>
    </section>
  );
}
`;
}

export function statCard(_spec: AppSpec, t: Theme): string {
  return `import type { LucideIcon } from "lucide-react";

type Props = { label: string; value: string; change: string; icon: LucideIcon };

export function StatCard({ label, value, change, icon: Icon }: Props) {
  const up = change.startsWith("+");
  return (
    <div className="${t.card}">
      <div className="flex items-center justify-between">
        <p className="text-sm ${t.muted}">{label}</p>
        <Icon className="h-5 w-5 ${t.accentText}" aria-hidden />
      </div>
      <p className="mt-2 text-3xl font-bold">{value}</p>
      <p className={up ? "mt-1 text-sm text-emerald-500" : "mt-1 text-sm text-red-500"}>{change} this month</p>
    </div>
  );
}
`;
}

export function dataTable(_spec: AppSpec, t: Theme): string {
  return `"use client";

import { useState } from "react";

type Order = { id: string; customer: string; amount: number; status: "Paid" | "Pending" | "Refunded" };

const orders: Order[] = [
  { id: "1042", customer: "Ava Martin", amount: 120.5, status: "Paid" },
  { id: "1043", customer: "Liam Chen", amount: 89, status: "Pending" },
  { id: "1044", customer: "Sofia Rossi", amount: 240, status: "Paid" },
  { id: "1045", customer: "Noah Smith", amount: 42.25, status: "Refunded" },
  { id: "1046", customer: "Emma Brown", amount: 310, status: "Paid" },
];

export function DataTable() {
  const [query, setQuery] = useState("");
  const [largestFirst, setLargestFirst] = useState(false);
  const rows = orders
    .filter((order) => order.customer.toLowerCase().includes(query.trim().toLowerCase()))
    .sort((a, b) => (largestFirst ? b.amount - a.amount : 0));
  return (
    <div className="${t.card}">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-4">
        <h2 className="text-lg font-semibold">Recent orders</h2>
        <input
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Search customers"
          aria-label="Search customers"
          className="${t.input} max-w-xs"
        />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="${t.muted}">
            <tr>
              <th className="py-2">Order</th>
              <th className="py-2">Customer</th>
              <th className="py-2 text-right">
                <button type="button" onClick={() => setLargestFirst((on) => !on)} className="hover:underline">
                  Amount {largestFirst ? "↓" : ""}
                </button>
              </th>
              <th className="py-2 text-right">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((order) => (
              <tr key={order.id} className="border-t ${t.border}">
                <td className="py-2">#{order.id}</td>
                <td className="py-2">{order.customer}</td>
                <td className="py-2 text-right">\${order.amount.toFixed(2)}</td>
                <td className="py-2 text-right">
                  <span className="rounded-full px-2 py-0.5 text-xs ${t.accentSoft}">{order.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="py-4 text-center ${t.muted}">No customers match “{query}”.</p>}
    </div>
  );
}
`;
}

const BLOG_POSTS = `[
  { title: "Starting small", tag: "Ideas", text: "Why the best projects begin with one simple step, and how to take it." },
  { title: "A week of focus", tag: "Life", text: "What changed when I stopped multitasking for seven days." },
  { title: "Tools I use", tag: "Work", text: "The short list of tools that gets me through every day." },
]`;

const PORTFOLIO_ITEMS = `[
  { title: "Brand refresh", tag: "Design", text: "A new look for a neighbourhood café, from logo to menus." },
  { title: "Booking app", tag: "Product", text: "Online bookings for a busy salon, built in six weeks." },
  { title: "Photo series", tag: "Photography", text: "Portraits of local makers in their workshops." },
]`;

export function postList(spec: AppSpec, t: Theme): string {
  return `"use client";

import { useState } from "react";

type Item = { title: string; tag: string; text: string };

const items: Item[] = ${spec.kind === "blog" ? BLOG_POSTS : PORTFOLIO_ITEMS};

export function PostList() {
  const [tag, setTag] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const tags = Array.from(new Set(items.map((item) => item.tag)));
  const shown = tag ? items.filter((item) => item.tag === tag) : items;
  return (
    <section className="mx-auto max-w-5xl px-6 py-10">
      <div className="mb-6 flex flex-wrap justify-center gap-2">
        <button type="button" onClick={() => setTag(null)} className={tag === null ? "${t.button}" : "rounded-lg px-4 py-2 ${t.muted}"}>
          All
        </button>
        {tags.map((name) => (
          <button key={name} type="button" onClick={() => setTag(name)} className={tag === name ? "${t.button}" : "rounded-lg px-4 py-2 ${t.muted}"}>
            {name}
          </button>
        ))}
      </div>
      <div className="grid gap-6 sm:grid-cols-3">
        {shown.map((item) => (
          <article key={item.title} className="${t.card}">
            <span className="rounded-full px-2 py-0.5 text-xs ${t.accentSoft}">{item.tag}</span>
            <h2 className="mt-3 text-lg font-semibold">{item.title}</h2>
            {open === item.title && <p className="mt-2 ${t.muted}">{item.text}</p>}
            <button type="button" onClick={() => setOpen(open === item.title ? null : item.title)} className="mt-3 text-sm font-medium ${t.accentText} hover:underline">
              {open === item.title ? "Show less" : "${spec.kind === "blog" ? "Read more" : "View project"}"}
            </button>
          </article>
        ))}
      </div>
    </section>
  );
}
`;
}
