import "server-only";

import type { PrerenderedPage } from "./prerender";

export type DocumentInput = {
  vendorScript: string; // URL path of the shared React bundle
  page: PrerenderedPage | null; // null: the page renders in the browser only
};

// One HTML page of the preview. The root element is `display: contents` so
// the app's elements lay out against <body> as they would in Next.js (a
// layout's `h-full`, `min-h-screen` and flex rules keep working).
export function htmlDocument({ vendorScript, page }: DocumentInput): string {
  const htmlAttributes = page?.document.html ?? {};
  const bodyAttributes = page?.document.body ?? {};
  return `<!doctype html>
<html${attributes({ lang: htmlAttributes.lang ?? "en", dir: htmlAttributes.dir, class: htmlAttributes.className })}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page?.title ? `<title>${escapeHtml(page.title)}</title>\n` : ""}<link rel="stylesheet" href="/app.css">
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
