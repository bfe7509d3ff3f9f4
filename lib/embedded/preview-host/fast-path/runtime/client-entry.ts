// The browser's entry: renders the page for the URL, hydrating the
// prerendered HTML when there is some.
import { createRoot, hydrateRoot } from "react-dom/client";
import * as app from "preview:routes";
import { pageFor } from "./router";

const { element, title } = pageFor(app, window.location.pathname, window.location.search);
if (title) document.title = title;
const root = document.getElementById("root")!;
if (root.hasAttribute("data-prerendered")) hydrateRoot(root, element);
else createRoot(root).render(element);
