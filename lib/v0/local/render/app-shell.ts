import "server-only";

import type { AppSpec } from "../app-spec";
import { literal } from "./theme";

// The App Router files around the page: the root layout and global styles.

export function layoutFile(spec: AppSpec): string {
  return `import type { ReactNode } from "react";
import "./globals.css";

export const metadata = {
  title: ${literal(spec.title)},
  description: ${literal(spec.tagline)},
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="antialiased">{children}</body>
    </html>
  );
}
`;
}

// Page colours are also set on <body>, so overscroll and short pages never
// flash the other theme.
export function globalsCss(spec: AppSpec): string {
  const [scheme, background, text] = spec.dark ? ["dark", "#020617", "#f1f5f9"] : ["light", "#ffffff", "#0f172a"];
  return `@import "tailwindcss";

:root {
  color-scheme: ${scheme};
}

body {
  background-color: ${background};
  color: ${text};
  font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
`;
}
