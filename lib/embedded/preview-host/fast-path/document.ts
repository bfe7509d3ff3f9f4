import "server-only";

import type { IconLink, PrerenderedPage } from "./prerender";

export type DocumentInput = {
  vendorScript: string; // URL path of the shared React bundle
  page: PrerenderedPage | null; // null: the page renders in the browser only
  // Icons from the app's file conventions (app/icon.svg, app/favicon.ico,
  // app/apple-icon.png), which metadata.icons adds to.
  fileIcons: IconLink[];
};

// One HTML page of the preview. The root element is `display: contents` so
// the app's elements lay out against <body> as they would in Next.js (a
// layout's `h-full`, `min-h-screen` and flex rules keep working).
export function htmlDocument({ vendorScript, page, fileIcons }: DocumentInput): string {
  const htmlAttributes = page?.document.html ?? {};
  const bodyAttributes = page?.document.body ?? {};
  const head: string[] = [];
  if (page?.title) head.push(`<title>${escapeHtml(page.title)}</title>`);
  if (page?.head.description) head.push(`<meta name="description" content="${escapeHtml(page.head.description)}">`);
  if (page?.head.generator) head.push(`<meta name="generator" content="${escapeHtml(page.head.generator)}">`);
  for (const icon of [...fileIcons, ...(page?.head.icons ?? [])]) head.push(`<link${attributes({ rel: icon.rel, href: icon.href, type: icon.type, sizes: icon.sizes, media: icon.media })}>`);
  return `<!doctype html>
<html${attributes({ lang: htmlAttributes.lang ?? "en", dir: htmlAttributes.dir, class: htmlAttributes.className })}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head.map((line) => `${line}\n`).join("")}<link rel="stylesheet" href="/app.css">
<script defer src="${escapeHtml(vendorScript)}"></script>
<script type="module" src="/app.js"></script>
</head>
<body${attributes({ dir: bodyAttributes.dir, class: bodyAttributes.className })}>
<div id="root" style="display:contents"${page ? " data-prerendered" : ""}>${page?.html ?? ""}</div>
</body>
</html>
`;
}

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => typeof value === "string" && value !== "")
    .map(([name, value]) => ` ${name}="${escapeHtml(value!)}"`)
    .join("");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
