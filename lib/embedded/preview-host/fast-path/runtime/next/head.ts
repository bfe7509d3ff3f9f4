// next/head: React 19 moves <title>, <meta> and <link> rendered anywhere
// into <head>.
import { createElement as h, Fragment, type ReactNode } from "react";

export default function Head({ children }: { children?: ReactNode }) {
  return h(Fragment, null, children);
}
