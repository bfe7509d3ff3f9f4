// next/font stand-ins: the class names and CSS variables the app's styles
// rely on, defined by the stylesheet the build adds (../../font-calls.ts).
// next/font/google's one function per family is generated (../bundle.ts).
export type FontOptions = { variable?: unknown; src?: unknown };

function slug(text: string): string {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function font(family: string, options?: FontOptions) {
  const name = slug(family);
  const variable = options && typeof options.variable === "string" ? "__variable-" + name + "-" + slug(options.variable) : "";
  return { className: "__font-" + name, variable, style: { fontFamily: "'" + family + "', '" + family + " Fallback'" } };
}
