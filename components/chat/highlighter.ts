import type { HighlighterCore } from "shiki/core";

// Shiki with only the grammars generated apps use and the JavaScript regex
// engine (no WebAssembly), loaded the first time someone opens code.
let highlighter: Promise<HighlighterCore> | undefined;

const LANGUAGES: Record<string, string> = { tsx: "tsx", ts: "typescript", jsx: "jsx", js: "javascript", mjs: "javascript", css: "css", json: "json", md: "markdown", html: "html" };

export async function highlight(code: string, language: string): Promise<string | null> {
  const lang = LANGUAGES[language];
  if (!lang) return null;
  highlighter ??= loadHighlighter();
  return (await highlighter).codeToHtml(code, { lang, theme: "github-light" });
}

async function loadHighlighter(): Promise<HighlighterCore> {
  const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([import("shiki/core"), import("shiki/engine/javascript")]);
  return createHighlighterCore({
    themes: [import("shiki/themes/github-light.mjs")],
    langs: [
      import("shiki/langs/tsx.mjs"),
      import("shiki/langs/typescript.mjs"),
      import("shiki/langs/jsx.mjs"),
      import("shiki/langs/javascript.mjs"),
      import("shiki/langs/css.mjs"),
      import("shiki/langs/json.mjs"),
      import("shiki/langs/markdown.mjs"),
      import("shiki/langs/html.mjs"),
    ],
    engine: createJavaScriptRegexEngine(),
  });
}
