// next/font/local: named after the font file.
import { font, type FontOptions } from "../../fonts";

export default function localFont(options?: FontOptions) {
  const src = options && (typeof options.src === "string" ? options.src : Array.isArray(options.src) && options.src[0] ? (options.src[0] as { path: string }).path : "");
  return font(
    String(src || "local font")
      .split("/")
      .pop()!
      .replace(/\.[a-z0-9]+$/i, ""),
    options,
  );
}
