import "server-only";

import type { ChatFile } from "../../types";
import { type AppSpec, coveredByKind, type Section } from "../app-spec";
import { globalsCss, layoutFile } from "./app-shell";
import { contactForm, signupForm } from "./forms";
import { dataTable, postList, statCard, todoList } from "./kinds";
import { features, pricingTable, siteFooter, testimonials } from "./sections";
import { literal, type Theme, themeFor } from "./theme";

type Component = { file: string; name: string; source: (spec: AppSpec, t: Theme) => string };

const SECTIONS: Record<Section, Component> = {
  features: { file: "features", name: "Features", source: features },
  testimonials: { file: "testimonials", name: "Testimonials", source: testimonials },
  pricing: { file: "pricing-table", name: "PricingTable", source: pricingTable },
  signup: { file: "signup-form", name: "SignupForm", source: signupForm },
  contact: { file: "contact-form", name: "ContactForm", source: contactForm },
  footer: { file: "site-footer", name: "SiteFooter", source: siteFooter },
};
const TODO_LIST: Component = { file: "todo-list", name: "TodoList", source: todoList };
const STAT_CARD: Component = { file: "stat-card", name: "StatCard", source: statCard };
const DATA_TABLE: Component = { file: "data-table", name: "DataTable", source: dataTable };
const POST_LIST: Component = { file: "post-list", name: "PostList", source: postList };

// Where a landing page's button leads, first match wins.
const CALLS_TO_ACTION: [Section, string][] = [
  ["signup", "Join the list"],
  ["contact", "Get in touch"],
  ["pricing", "See plans"],
  ["features", "Learn more"],
  ["testimonials", "See what people say"],
];

// A spec → the files of a real Next.js App Router app styled with Tailwind:
// the page first (it's what a builder cares about), then its components,
// then the layout and styles.
export function renderFiles(spec: AppSpec): ChatFile[] {
  const t = themeFor(spec);
  const main = mainContent(spec, t);
  const sections = spec.sections.filter((s) => !coveredByKind(spec, s)).map((s) => SECTIONS[s]);
  const components = [...main.components, ...sections];
  return [
    { name: "app/page.tsx", content: pageFile(spec, t, main, sections) },
    ...components.map((c) => ({ name: `components/${c.file}.tsx`, content: c.source(spec, t) })),
    { name: "app/layout.tsx", content: layoutFile(spec) },
    { name: "app/globals.css", content: globalsCss(spec) },
  ];
}

type MainContent = { components: Component[]; imports: string[]; jsx: string };

function mainContent(spec: AppSpec, t: Theme): MainContent {
  const only = (component: Component): MainContent => ({ components: [component], imports: [], jsx: `      <${component.name} />` });
  switch (spec.kind) {
    case "todo":
      return only(TODO_LIST);
    case "pricing":
      return only(SECTIONS.pricing);
    case "form":
      return only(SECTIONS[spec.formType]);
    case "portfolio":
    case "blog":
      return only(POST_LIST);
    case "dashboard":
      return {
        components: [STAT_CARD, DATA_TABLE],
        imports: ['import { DollarSign, ShoppingCart, Undo2 } from "lucide-react";'],
        jsx: `      <section className="mx-auto max-w-5xl space-y-6 px-6 pb-10">
        <div className="grid gap-4 sm:grid-cols-3">
          <StatCard label="Revenue" value="$12,480" change="+8.2%" icon={DollarSign} />
          <StatCard label="Orders" value="342" change="+3.1%" icon={ShoppingCart} />
          <StatCard label="Refunds" value="7" change="-1.4%" icon={Undo2} />
        </div>
        <DataTable />
      </section>`,
      };
    case "landing": {
      const target = CALLS_TO_ACTION.find(([section]) => spec.sections.includes(section));
      const jsx = target
        ? `      <div className="flex justify-center pb-8">
        <a href="#${target[0]}" className="${t.button}">
          ${target[1]}
        </a>
      </div>`
        : "";
      return { components: [], imports: [], jsx };
    }
  }
}

function pageFile(spec: AppSpec, t: Theme, main: MainContent, sections: Component[]): string {
  const imports = [...main.imports, ...[...main.components, ...sections].map((c) => `import { ${c.name} } from "@/components/${c.file}";`)];
  // Sections come in page order, so the footer is last. No <main> element:
  // the code shows in the chat, where that word reads as a branch name.
  const body = [main.jsx, ...sections.map((c) => `      <${c.name} />`)].filter(Boolean).join("\n");
  return `${imports.join("\n")}${imports.length ? "\n\n" : ""}export default function Page() {
  return (
    <div className="${t.page}">
      <header className="mx-auto max-w-5xl px-6 pt-16 pb-6 text-center">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">{${literal(spec.title)}}</h1>
        <p className="mt-3 text-lg ${t.muted}">{${literal(spec.tagline)}}</p>
      </header>
${body ? `${body}\n` : ""}    </div>
  );
}
`;
}
