import { describe, expect, it } from "vitest";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { describeEdit, describeNewApp } from "./explain";
import { applyFollowUp, initialSpec, readPrompt } from "./spec";

// Jargon a builder shouldn't have to read.
const JARGON = /\b(?:sha|commit|branch|component|tsx|jsx|repo|deploy|spec|tailwind|css|section kind)\b/i;

describe("explanations", () => {
  it("describe a new app in one sentence, and invite changes", () => {
    const text = describeNewApp(readPrompt("a bakery site with a menu, a FAQ and a contact form, dark, in rose"));
    expect(text).toBe(
      "I built “Bakery” with a menu, an FAQ and a contact form, in a dark theme with rose accents. Ask for any change, like a new section, colour or title.",
    );
    expect(text).not.toMatch(JARGON);
    expect(text).not.toMatch(TECHNICAL_WORDS);
  });

  it("name what couldn't be built in the second sentence", () => {
    expect(describeNewApp(readPrompt("a shop with products and a checkout"))).toBe(
      "I built “Products” with a product list and an order request form, in a light theme with indigo accents. I can’t take real payments here, so visitors send an order request instead; the order request form checks each answer and confirms on the page, and once you connect a real service such as an email inbox, submissions would go there.",
    );
  });

  it("say what changed, and where", () => {
    const recipes = initialSpec("a recipe site with a list of recipes and testimonials");
    expect(describeEdit(applyFollowUp(recipes, "add a FAQ below the recipes"))).toBe("Done: I added an FAQ below the recipe list.");
    expect(describeEdit(applyFollowUp(recipes, "remove the testimonials, make it dark and add a search box"))).toBe(
      "Done: I switched to a dark theme, removed the testimonials and added a search box to the recipe list.",
    );
    expect(describeEdit(applyFollowUp(recipes, "call the list 'Our favourites'"))).toBe("Done: I renamed the recipe list to “Our favourites”.");
  });

  it("say plainly when nothing needed changing, nothing was understood, or it can't be done", () => {
    const recipes = initialSpec("a recipe site with a list of recipes and testimonials");
    expect(describeEdit(applyFollowUp(recipes, "add testimonials"))).toBe("It already has testimonials. I left everything else as it was.");
    expect(describeEdit(applyFollowUp(recipes, "hmm"))).toMatch(/^I kept your app as it is/);
    expect(describeEdit(applyFollowUp(recipes, "add a language switcher"))).toBe("I can’t translate the page into other languages here. I left everything else as it was.");
  });

  it("build the nearest working thing, and say where a form's answers would go", () => {
    const recipes = initialSpec("a recipe site with a list of recipes and testimonials");
    expect(describeEdit(applyFollowUp(recipes, "add a booking calendar"))).toBe(
      "Done: I added a booking form below the testimonials. The booking form checks each answer and confirms on the page, and once you connect a real service such as a booking calendar or an email inbox, submissions would go there.",
    );
    expect(describeEdit(applyFollowUp(recipes, "add a live chat"))).toBe(
      "Done: I added a contact form below the testimonials. I can’t add a live chat here, so visitors send a message with the contact form instead.",
    );
    expect(describeEdit(applyFollowUp(recipes, "add a big Donate button"))).toBe(
      "Done: I added a donation pledge form below the testimonials and added a “Donate” button that leads to the donation pledge form. The donation pledge form checks each answer and confirms on the page, and once you connect a real service such as a payment service, submissions would go there.",
    );
  });
});
