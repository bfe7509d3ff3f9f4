// The prerender's entry (../prerender-child.ts loads it). Pages render one
// at a time (the document attributes and location are module state), each
// completely, async components included.
import { prerender } from "react-dom/static";
import * as app from "preview:routes";
import { type DocumentAttributes, generatedPaths, type IconLink, pageFor, takeDocumentAttributes } from "./router";

export type RenderedPage = {
  html: string;
  title: string | null;
  head: { description: string | null; generator: string | null; icons: IconLink[] };
  document: DocumentAttributes;
};

export function paths(): Promise<string[]> {
  return generatedPaths(app);
}

export async function render(pathname: string): Promise<RenderedPage> {
  const { element, title, metadata } = pageFor(app, pathname, "");
  takeDocumentAttributes();
  const { prelude } = await prerender(element);
  const html = await new Response(prelude).text();
  return { html, title, head: { description: metadata.description, generator: metadata.generator, icons: metadata.icons }, document: takeDocumentAttributes() };
}
