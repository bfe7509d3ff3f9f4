import { describe, expect, it } from "vitest";
import { appNameFromPrompt } from "./app-name";

describe("appNameFromPrompt", () => {
  it.each([
    ["a todo app with a dark theme", "Todo app with a dark theme"],
    ["Build me a landing page for my bakery.", "Landing page for my bakery"],
    ["please create an invoice tracker", "Invoice tracker"],
    ["   ", "Untitled app"],
    ["a pricing page for a yoga studio with three plans and a contact form", "Pricing page for a yoga studio with…"],
  ])("%s → %s", (prompt, name) => {
    expect(appNameFromPrompt(prompt)).toBe(name);
  });
});
