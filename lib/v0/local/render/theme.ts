import "server-only";

import type { AppSpec } from "../app-spec";

// Literal Tailwind classes for a spec, written into the generated files as
// they are (never assembled at run time), so Tailwind finds them when it
// scans the app.
export type Theme = {
  page: string;
  card: string;
  muted: string;
  input: string;
  button: string;
  accentText: string;
  accentSoft: string;
  accentRing: string;
  border: string;
};

export function themeFor({ dark, accent }: Pick<AppSpec, "dark" | "accent">): Theme {
  const focus = `focus:outline-none focus:ring-2 focus:ring-${accent}-500`;
  return dark
    ? {
        page: "min-h-screen bg-slate-950 text-slate-100",
        card: "rounded-2xl border border-slate-800 bg-slate-900 p-6 shadow-sm",
        muted: "text-slate-400",
        input: `w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-slate-100 placeholder:text-slate-500 ${focus}`,
        button: `rounded-lg bg-${accent}-500 px-4 py-2 font-medium text-white hover:bg-${accent}-400 disabled:opacity-50`,
        accentText: `text-${accent}-400`,
        accentSoft: `bg-${accent}-500/15 text-${accent}-300`,
        accentRing: `ring-2 ring-${accent}-500`,
        border: "border-slate-800",
      }
    : {
        page: "min-h-screen bg-white text-slate-900",
        card: "rounded-2xl border border-slate-200 bg-white p-6 shadow-sm",
        muted: "text-slate-500",
        input: `w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-400 ${focus}`,
        button: `rounded-lg bg-${accent}-600 px-4 py-2 font-medium text-white hover:bg-${accent}-500 disabled:opacity-50`,
        accentText: `text-${accent}-600`,
        accentSoft: `bg-${accent}-50 text-${accent}-700`,
        accentRing: `ring-2 ring-${accent}-500`,
        border: "border-slate-200",
      };
}

// A JS string literal for any user text, safe inside TSX wherever an
// expression goes: quotes, braces, backticks and `${` stay text, and `<`
// is escaped so "</script>" can't close a tag if the code is ever inlined.
export function literal(text: string): string {
  return JSON.stringify(text).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
