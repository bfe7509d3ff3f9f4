// The files a reply wrote, read from its content (v0's MessageBinaryFormat):
// every `Codeblock` element, with the file name v0 puts on it.
export type CodeFileEntry = { name: string; language: string; code: string };

export function codeFilesOf(content: unknown): CodeFileEntry[] {
  const files: CodeFileEntry[] = [];
  const visit = (node: unknown) => {
    if (!Array.isArray(node)) return;
    const [tag, props, ...children] = node as [unknown, unknown, ...unknown[]];
    if (tag === "Codeblock" && isRecord(props)) {
      const code = typeof children[0] === "string" ? children[0] : "";
      const name = [props.file, props.filename, props.title].find((v): v is string => typeof v === "string" && v.length > 0);
      const language = typeof props.lang === "string" ? props.lang : "text";
      files.push({ name: name ?? `File ${files.length + 1}`, language, code });
      return;
    }
    for (const child of node) visit(child);
  };
  visit(content);
  // A file written twice in one reply is shown as it ended up.
  const byName = new Map(files.map((file) => [file.name, file]));
  return [...byName.values()];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
