import "server-only";

import type { ChatFile } from "../../v0/types";

// v0's message content ("MessageBinaryFormat"): rows of [type, data]; row 0
// holds the visible elements, here paragraphs and one code block per file.
type Element = [tag: string, props: Record<string, string>, ...children: string[]];
export type MessageContent = [0, Element[]][];

// Builds a message's content step by step and returns, for each step, the
// delta that @v0-sdk/react applies to reach the same content: v0's cheap
// text append `[[...path, text], 9, 9]` or a jsondiffpatch array insert.
// Keeping both in one place is what guarantees streamed = stored.
export class ContentBuilder {
  private readonly elements: Element[] = [];

  get content(): MessageContent {
    return [[0, this.elements.map((e) => [...e] as Element)]];
  }

  paragraph(text: string): unknown {
    return this.insert(["p", {}, text]);
  }

  // Appends to the last element's text, which must be a paragraph.
  appendText(text: string): unknown {
    const index = this.elements.length - 1;
    const last = this.elements[index];
    if (!last || last[0] !== "p") throw new Error("appendText needs a paragraph to append to");
    last[2] = (last[2] ?? "") + text;
    return [[0, 1, index, 2, text], 9, 9];
  }

  // `file` mirrors the file="…" that v0 writes on its code fences.
  codeBlock(file: ChatFile): unknown {
    return this.insert(["Codeblock", { lang: languageOf(file.name), file: file.name }, file.content]);
  }

  private insert(element: Element): unknown {
    const index = this.elements.length;
    this.elements.push(element);
    // The first element also creates row 0; later ones go into its list.
    if (index === 0) return { _t: "a", 0: [[0, [[...element]]]] };
    return { _t: "a", 0: { _t: "a", 1: { _t: "a", [index]: [[...element]] } } };
  }
}

function languageOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension ?? "text";
}
