import type { ChatFile } from "../../types";
import type { AppSpec, Section } from "../spec";
import { dataTable, postList, statCard, todoList } from "./kinds";
import { contactForm, features, pricingTable, siteFooter, testimonials } from "./sections";
import { literal, type Theme, themeFor } from "./theme";

type Part = { file: string; component: string; source: (spec: AppSpec, t: Theme) => string };

const SECTION_PARTS: Record<Section, Part> = {
  features: { file: "features", component: "Features", source: features },
  testimonials: { file: "testimonials", component: "Testimonials", source: testimonials },
  pricing: { file: "pricing-table", component: "PricingTable", source: pricingTable },
  contact: { file: "contact-form", component: "ContactForm", source: contactForm },
  footer: { file: "site-footer", component: "SiteFooter", source: siteFooter },
};

// A spec → the files of a real Next.js App Router app with Tailwind CSS.
export function renderFiles(spec: AppSpec): ChatFile[] {
  const t = themeFor(spec);
  const parts = [...mainParts(spec), ...spec.sections.map((s) => SECTION_PARTS[s])];
  const unique = parts.filter((part, i) => parts.findIndex((p) => p.file === part.file) === i);
  const body = mainBody(spec, t);
  const sections = spec.sections.map((s) => `      <${SECTION_PARTS[s].component} />`).join("\n");

  const page = `${unique.map((p) => `import { ${p.component} } from "@/components/${p.file}";`).join("\n")}

export default function Page() {
  return (
    <div className="${t.page}">
      <header className="mx-auto max-w-5xl px-6 pt-16 pb-6 text-center">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">{${literal(spec.title)}}</h1>
        <p className="mt-3 text-lg ${t.muted}">{${literal(spec.tagline)}}</p>
      </header>
${body}
${sections}
    </div>
  );
}
`;

  return [
    { name: "app/layout.tsx", content: layout(spec) },
    { name: "app/globals.css", content: globalsCss() },
    { name: "app/page.tsx", content: page },
    ...unique.map((p) => ({ name: `components/${p.file}.tsx`, content: p.source(spec, t) })),
  ];
}

function mainParts(spec: AppSpec): Part[] {
  switch (spec.kind) {
    case "todo":
      return [{ file: "todo-list", component: "TodoList", source: todoList }];
    case "dashboard":
      return [
        { file: "stat-card", component: "StatCard", source: statCard },
        { file: "data-table", component: "DataTable", source: dataTable },
      ];
    case "pricing":
      return [SECTION_PARTS.pricing];
    case "form":
      return [SECTION_PARTS.contact];
    case "portfolio":
    case "blog":
      return [{ file: "post-list", component: "PostList", source: postList }];
    case "landing":
      return [];
  }
}

function mainBody(spec: AppSpec, t: Theme): string {
  switch (spec.kind) {
    case "todo":
      return "      <TodoList />";
    case "dashboard":
      return `      <section className="mx-auto max-w-5xl space-y-6 px-6 pb-10">
        <div className="grid gap-4 sm:grid-cols-3">
          <StatCard label="Revenue" value="$12,480" change="+8.2%" />
          <StatCard label="Orders" value="342" change="+3.1%" />
          <StatCard label="Refunds" value="7" change="-1.4%" />
        </div>
        <DataTable />
      </section>`;
    case "pricing":
      return "      <PricingTable />";
    case "form":
      return "      <ContactForm />";
    case "portfolio":
    case "blog":
      return "      <PostList />";
    case "landing":
      return `      <div className="flex justify-center gap-3 pb-8">
        <a href="#get-started" className="${t.button}">
          Get started
        </a>
      </div>`;
  }
}

function layout(spec: AppSpec): string {
  return `import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
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

function globalsCss(): string {
  return `@import "tailwindcss";

body {
  font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
`;
}
