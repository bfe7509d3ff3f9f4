// Builder-facing text must never carry commit ids, branch names or vendor names.
export const TECHNICAL_WORDS = /\b[0-9a-f]{40}\b|staging|\bmain\b|vercel|github/i;

// The app's own words in a response, without the generated code it carries:
// that code shows (collapsed) in the chat as the builder's app, where a
// page's <main> is just its content. Code travels as v0's Codeblock
// elements, ["Codeblock", {…}, "source"], in the stream and in saved chats.
const CODE_BLOCK = /\["Codeblock",\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\},"(?:[^"\\]|\\.)*"\]/g;

export function withoutGeneratedCode(body: string): string {
  return body.replace(CODE_BLOCK, '["Codeblock"]');
}
