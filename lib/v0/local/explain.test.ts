import { describe, expect, it } from "vitest";
import { describeEdit, describeNewApp } from "./explain";
import { applyFollowUp, initialSpec } from "./spec";

// Jargon a builder shouldn't have to read.
const JARGON = /\b(?:sha|commit|branch|component|tsx|jsx|repo|deploy|spec|tailwind|css)\b/i;

describe("explanations", () => {
  it("describe a new app in one or two plain sentences", () => {
    const text = describeNewApp(initialSpec("a landing page for my bakery with pricing and a contact form, dark, in rose"));
    expect(text).toBe(
      "I built “Bakery”, a landing page with a dark theme and rose accents, plus a features section, a pricing table and a contact form. Ask for any change, like a new title, colour or section.",
    );
    expect(text).not.toMatch(JARGON);
  });

  it("say what changed", () => {
    const todo = initialSpec("a todo app");
    expect(describeEdit(applyFollowUp(todo, "change the title to Grocery List"))).toBe("Done: I changed the title to “Grocery List”.");
    expect(describeEdit(applyFollowUp(todo, "remove the footer, make it dark and add testimonials"))).toBe(
      "Done: I switched to a dark theme, added testimonials and removed the footer.",
    );
    expect(describeEdit(applyFollowUp(todo, "make it dark and add a footer"))).toBe("Done: I switched to a dark theme. It already has a footer.");
  });

  it("say plainly when nothing needed changing, or nothing was understood", () => {
    const todo = initialSpec("a todo app");
    expect(describeEdit(applyFollowUp(todo, "add a footer"))).toBe("It already has a footer. I left everything else as it was.");
    const unknown = describeEdit(applyFollowUp(todo, "hmm"));
    expect(unknown).toMatch(/^I kept your app as it is/);
    expect(unknown).not.toMatch(JARGON);
  });
});
