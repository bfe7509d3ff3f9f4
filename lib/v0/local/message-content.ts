import type { ChatFile } from "../types";

// v0's message content ("MessageBinaryFormat"): rows of [type, data]; row 0
// holds the visible elements, here a paragraph and one code block per file.
export type MessageContent = [number, unknown[]][];

export function finalContent(explanation: string, files: ChatFile[]): MessageContent {
  return [[0, [["p", {}, explanation], ...files.map(codeBlock)]]];
}

// The deltas that build `finalContent` piece by piece, in the forms
// @v0-sdk/react applies: a jsondiffpatch delta, or v0's cheap text append
// `[[...path, text], 9, 9]`.
export function contentDeltas(explanation: string, files: ChatFile[]): unknown[] {
  const deltas: unknown[] = [{ _t: "a", 0: [[0, [["p", {}, ""]]]] }];
  for (const piece of explanation.match(/\S+\s*/g) ?? []) deltas.push([[0, 1, 0, 2, piece], 9, 9]);
  files.forEach((file, i) => deltas.push({ _t: "a", 0: { _t: "a", 1: { _t: "a", [i + 1]: [codeBlock(file)] } } }));
  return deltas;
}

// Appended when generation fails part-way, so the reply says so in words.
export function failureDelta(): unknown {
  return [[0, 1, 0, 2, " Something went wrong while writing your app. Please send your message again."], 9, 9];
}

function codeBlock(file: ChatFile): unknown[] {
  return ["Codeblock", { lang: file.name.split(".").pop() ?? "text", file: file.name }, file.content];
}
