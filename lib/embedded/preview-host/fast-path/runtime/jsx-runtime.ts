// The automatic JSX runtime generated code compiles against: React's, with
// <html>/<body>/<head> swapped for elements that can live inside a page.
import type { ElementType, Key, ReactElement } from "react";
import { jsx as reactJsx, jsxs as reactJsxs, Fragment } from "react/jsx-runtime";
import { DocumentElement } from "./router";

type Create = (type: ElementType, props: Record<string, unknown>, key?: Key) => ReactElement;

function documentSafe(create: Create): Create {
  return (type, props, key) => {
    if (type === "html" || type === "body") return create(DocumentElement as ElementType, { ...props, tag: type }, key);
    if (type === "head") return create(Fragment, { children: props.children }, key);
    return create(type, props, key);
  };
}
export const jsx = documentSafe(reactJsx as Create);
export const jsxs = documentSafe(reactJsxs as Create);
export { Fragment };
