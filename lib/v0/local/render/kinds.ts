import type { AppSpec } from "../spec";
import type { Theme } from "./theme";

export function todoList(_spec: AppSpec, t: Theme): string {
  return `"use client";

import { Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";

type Todo = { id: number; text: string; done: boolean };

export function TodoList() {
  const [todos, setTodos] = useState<Todo[]>([]);
  const [text, setText] = useState("");

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    setTodos((items) => [...items, { id: Date.now(), text: value, done: false }]);
    setText("");
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
          <li key={todo.id} className="${t.card} flex items-center gap-3 !p-3">
            <input
              type="checkbox"
              checked={todo.done}
              onChange={() => setTodos((items) => items.map((i) => (i.id === todo.id ? { ...i, done: !i.done } : i)))}
              aria-label={"Mark " + todo.text + " as done"}
              className="h-4 w-4"
            />
            <span className={todo.done ? "flex-1 line-through ${t.muted}" : "flex-1"}>{todo.text}</span>
            <button
              type="button"
              onClick={() => setTodos((items) => items.filter((i) => i.id !== todo.id))}
              aria-label={"Delete " + todo.text}
              className="${t.muted} hover:text-red-500"
            >
              <Trash2 className="h-4 w-4" />
            </button>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-sm ${t.muted}">
        {todos.length === 0 ? "Nothing here yet. Add your first task above." : left + " of " + todos.length + " left"}
      </p>
    </section>
  );
}
`;
}

export function statCard(_spec: AppSpec, t: Theme): string {
  return `type Props = { label: string; value: string; change: string };

export function StatCard({ label, value, change }: Props) {
  const up = change.startsWith("+");
  return (
    <div className="${t.card}">
      <p className="text-sm ${t.muted}">{label}</p>
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

const orders = [
  { id: "1042", customer: "Ava Martin", amount: 120.5, status: "Paid" },
  { id: "1043", customer: "Liam Chen", amount: 89.0, status: "Pending" },
  { id: "1044", customer: "Sofia Rossi", amount: 240.0, status: "Paid" },
  { id: "1045", customer: "Noah Smith", amount: 42.25, status: "Refunded" },
  { id: "1046", customer: "Emma Brown", amount: 310.0, status: "Paid" },
];

export function DataTable() {
  const [query, setQuery] = useState("");
  const rows = orders.filter((order) => order.customer.toLowerCase().includes(query.toLowerCase()));
  return (
    <div className="${t.card}">
      <div className="mb-4 flex items-center justify-between gap-4">
        <h2 className="text-lg font-semibold">Recent orders</h2>
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search customers" aria-label="Search customers" className="${t.input} max-w-xs" />
      </div>
      <table className="w-full text-left text-sm">
        <thead className="${t.muted}">
          <tr>
            <th className="py-2">Order</th>
            <th className="py-2">Customer</th>
            <th className="py-2 text-right">Amount</th>
            <th className="py-2 text-right">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((order) => (
            <tr key={order.id} className="border-t ${t.border}">
              <td className="py-2">#{order.id}</td>
              <td className="py-2">{order.customer}</td>
              <td className="py-2 text-right">{order.amount.toFixed(2)}</td>
              <td className="py-2 text-right">
                <span className="rounded-full px-2 py-0.5 text-xs ${t.accentSoft}">{order.status}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="py-4 text-center ${t.muted}">No customers match “{query}”.</p>}
    </div>
  );
}
`;
}

export function postList(spec: AppSpec, t: Theme): string {
  const items =
    spec.kind === "blog"
      ? `[
  { title: "Starting small", tag: "Ideas", text: "Why the best projects begin with one simple step." },
  { title: "A week of focus", tag: "Life", text: "What changed when I stopped multitasking." },
  { title: "Tools I use", tag: "Work", text: "The short list that gets me through every day." },
]`
      : `[
  { title: "Brand refresh", tag: "Design", text: "A new look for a neighbourhood café." },
  { title: "Booking app", tag: "Product", text: "Online bookings for a busy salon." },
  { title: "Photo series", tag: "Photography", text: "Portraits of local makers." },
]`;
  return `"use client";

import { useState } from "react";

const items = ${items};

export function PostList() {
  const [tag, setTag] = useState<string | null>(null);
  const tags = Array.from(new Set(items.map((item) => item.tag)));
  const shown = tag ? items.filter((item) => item.tag === tag) : items;
  return (
    <section className="mx-auto max-w-5xl px-6 py-10">
      <div className="mb-6 flex flex-wrap gap-2">
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
            <p className="mt-1 ${t.muted}">{item.text}</p>
          </article>
        ))}
      </div>
    </section>
  );
}
`;
}
