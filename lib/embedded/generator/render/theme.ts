import "server-only";

import type { Accent, AppSpec, Font } from "../app-spec";

// The app's look as Tailwind v4 theme variables in app/globals.css, the way
// shadcn/ui apps (and v0) write them: components use bg-primary,
// text-muted-foreground…, and a theme is only a set of values. Light and
// dark sets are both written, so a theme toggle only swaps a class.

// Per accent: the primary colour on white (light) and on near-black (dark),
// picked from Tailwind's palette for at least 4.8:1 against the page and
// 4.6:1 against muted panels, plus a soft tint and the text that goes on it.
type Shades = { light: string; dark: string; softLight: string; onSoftLight: string; softDark: string; onSoftDark: string };
const PALETTE: Record<Accent, Shades> = {
  slate: { light: "#45556c", dark: "#90a1b9", softLight: "#f1f5f9", onSoftLight: "#1d293d", softDark: "#1d293d", onSoftDark: "#e2e8f0" },
  red: { light: "#c10007", dark: "#ff6467", softLight: "#ffe2e2", onSoftLight: "#9f0712", softDark: "#460809", onSoftDark: "#ffc9c9" },
  orange: { light: "#ca3500", dark: "#ff8904", softLight: "#ffedd4", onSoftLight: "#9f2d00", softDark: "#441306", onSoftDark: "#ffd6a7" },
  amber: { light: "#973c00", dark: "#ffb900", softLight: "#fef3c6", onSoftLight: "#973c00", softDark: "#461901", onSoftDark: "#fee685" },
  yellow: { light: "#894b00", dark: "#fdc700", softLight: "#fef9c2", onSoftLight: "#894b00", softDark: "#432004", onSoftDark: "#fff085" },
  lime: { light: "#3c6300", dark: "#9ae600", softLight: "#ecfcca", onSoftLight: "#3c6300", softDark: "#192e03", onSoftDark: "#d8f999" },
  green: { light: "#016630", dark: "#05df72", softLight: "#dcfce7", onSoftLight: "#016630", softDark: "#032e15", onSoftDark: "#b9f8cf" },
  emerald: { light: "#007a55", dark: "#00d492", softLight: "#d0fae5", onSoftLight: "#006045", softDark: "#002c22", onSoftDark: "#a4f4cf" },
  teal: { light: "#00786f", dark: "#00d5be", softLight: "#cbfbf1", onSoftLight: "#005f5a", softDark: "#022f2e", onSoftDark: "#96f7e4" },
  cyan: { light: "#007595", dark: "#00d3f2", softLight: "#cefafe", onSoftLight: "#005f78", softDark: "#053345", onSoftDark: "#a2f4fd" },
  sky: { light: "#0069a8", dark: "#00bcff", softLight: "#dff2fe", onSoftLight: "#00598a", softDark: "#052f4a", onSoftDark: "#b8e6fe" },
  blue: { light: "#155dfc", dark: "#51a2ff", softLight: "#dbeafe", onSoftLight: "#193cb8", softDark: "#162456", onSoftDark: "#bedbff" },
  indigo: { light: "#4f39f6", dark: "#7c86ff", softLight: "#e0e7ff", onSoftLight: "#372aac", softDark: "#1e1a4d", onSoftDark: "#c6d2ff" },
  violet: { light: "#7f22fe", dark: "#a684ff", softLight: "#ede9fe", onSoftLight: "#5d0ec0", softDark: "#2f0d68", onSoftDark: "#ddd6ff" },
  purple: { light: "#9810fa", dark: "#c27aff", softLight: "#f3e8ff", onSoftLight: "#6e11b0", softDark: "#3c0366", onSoftDark: "#e9d4ff" },
  fuchsia: { light: "#a800b7", dark: "#ed6aff", softLight: "#fae8ff", onSoftLight: "#8a0194", softDark: "#4b004f", onSoftDark: "#f6cfff" },
  pink: { light: "#c6005c", dark: "#fb64b6", softLight: "#fce7f3", onSoftLight: "#a3004c", softDark: "#510424", onSoftDark: "#fccee8" },
  rose: { light: "#c70036", dark: "#ff637e", softLight: "#ffe4e6", onSoftLight: "#a50036", softDark: "#4d0218", onSoftDark: "#ffccd3" },
};

export function accentShades(accent: Accent): Shades {
  return PALETTE[accent];
}

// Only fonts every system has: generated apps never download one.
const FONT_STACKS: Record<Font, string> = {
  sans: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  serif: 'ui-serif, Georgia, Cambria, "Times New Roman", Times, serif',
  mono: 'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", monospace',
  rounded: 'ui-rounded, "SF Pro Rounded", "Nunito", "Varela Round", "Segoe UI", system-ui, sans-serif',
};

export function globalsCss(spec: Pick<AppSpec, "accent" | "font">): string {
  const p = PALETTE[spec.accent];
  return `@import "tailwindcss";

@custom-variant dark (&:is(.dark *));

:root {
  --background: #ffffff;
  --foreground: #0f172a;
  --card: #ffffff;
  --card-foreground: #0f172a;
  --muted: #f1f5f9;
  --muted-foreground: #475569;
  --primary: ${p.light};
  --primary-foreground: #ffffff;
  --accent: ${p.softLight};
  --accent-foreground: ${p.onSoftLight};
  --border: #e2e8f0;
  --input: #94a3b8;
  --ring: ${p.light};
  --destructive: #b91c1c;
  --radius: 0.75rem;
  --font-app: ${FONT_STACKS[spec.font]};
}

.dark {
  --background: #020617;
  --foreground: #f1f5f9;
  --card: #0f172a;
  --card-foreground: #f1f5f9;
  --muted: #1e293b;
  --muted-foreground: #cbd5e1;
  --primary: ${p.dark};
  --primary-foreground: #020617;
  --accent: ${p.softDark};
  --accent-foreground: ${p.onSoftDark};
  --border: #334155;
  --input: #64748b;
  --ring: ${p.dark};
  --destructive: #fca5a5;
}

@theme inline {
  --color-background: var(--background);
  --color-foreground: var(--foreground);
  --color-card: var(--card);
  --color-card-foreground: var(--card-foreground);
  --color-muted: var(--muted);
  --color-muted-foreground: var(--muted-foreground);
  --color-primary: var(--primary);
  --color-primary-foreground: var(--primary-foreground);
  --color-accent: var(--accent);
  --color-accent-foreground: var(--accent-foreground);
  --color-border: var(--border);
  --color-input: var(--input);
  --color-ring: var(--ring);
  --color-destructive: var(--destructive);
  --radius-sm: calc(var(--radius) - 4px);
  --radius-md: calc(var(--radius) - 2px);
  --radius-lg: var(--radius);
  --radius-xl: calc(var(--radius) + 4px);
  --font-sans: var(--font-app);
}

@layer base {
  * {
    @apply border-border;
  }
  html {
    color-scheme: light;
  }
  html.dark {
    color-scheme: dark;
  }
  body {
    @apply bg-background text-foreground font-sans antialiased;
  }
}
`;
}

// A JS string literal for any user text, safe inside TSX wherever an
// expression goes: quotes, braces, backticks and `${` stay text, and `<`
// is escaped so "</script>" can't close a tag if the code is ever inlined.
export function literal(text: string): string {
  return JSON.stringify(text).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// Data written into a component as a constant, readable like hand-written
// code and as safe as `literal`.
export function data(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
    .replace(/^( *)"([A-Za-z_]\w*)":/gm, "$1$2:");
}
