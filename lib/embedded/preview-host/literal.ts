import "server-only";

// Reads one JavaScript literal (object, array, string, number, boolean,
// null) from `source` at `start`, the way next/font's options are written,
// without running anything. Null when the text there is anything else.
export function literalValue(source: string, start: number): { value: unknown; end: number } | null {
  let i = start;

  const skip = () => {
    for (;;) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      if (source.startsWith("//", i)) i = source.indexOf("\n", i) === -1 ? source.length : source.indexOf("\n", i);
      else if (source.startsWith("/*", i)) i = source.indexOf("*/", i) === -1 ? source.length : source.indexOf("*/", i) + 2;
      else return;
    }
  };

  const fail = Symbol("fail");
  const value = (): unknown => {
    skip();
    const c = source[i];
    if (c === "{") {
      i++;
      const object: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (source[i] === "}") {
          i++;
          return object;
        }
        let key: string;
        if (source[i] === '"' || source[i] === "'") {
          const k = string();
          if (k === fail) return fail;
          key = k as string;
        } else {
          const name = /^[A-Za-z_$][\w$]*/.exec(source.slice(i, i + 100));
          if (!name) return fail;
          key = name[0];
          i += key.length;
        }
        skip();
        if (source[i] !== ":") return fail;
        i++;
        const v = value();
        if (v === fail) return fail;
        object[key] = v;
        skip();
        if (source[i] === ",") i++;
        else if (source[i] !== "}") return fail;
      }
    }
    if (c === "[") {
      i++;
      const array: unknown[] = [];
      for (;;) {
        skip();
        if (source[i] === "]") {
          i++;
          return array;
        }
        const v = value();
        if (v === fail) return fail;
        array.push(v);
        skip();
        if (source[i] === ",") i++;
        else if (source[i] !== "]") return fail;
      }
    }
    if (c === '"' || c === "'" || c === "`") return string();
    const word = /^(true|false|null|-?\d+(\.\d+)?)\b/.exec(source.slice(i, i + 40));
    if (!word) return fail;
    i += word[0].length;
    return word[1] === "true" ? true : word[1] === "false" ? false : word[1] === "null" ? null : Number(word[1]);
  };

  const string = (): string | typeof fail => {
    const quote = source[i]!;
    let text = "";
    for (i++; i < source.length; i++) {
      const c = source[i]!;
      if (c === quote) {
        i++;
        return text;
      }
      if (c === "\\") {
        text += source[++i] ?? "";
        continue;
      }
      if (quote === "`" && c === "$" && source[i + 1] === "{") return fail;
      if (c === "\n" && quote !== "`") return fail;
      text += c;
    }
    return fail;
  };

  const result = value();
  return result === fail ? null : { value: result, end: i };
}
