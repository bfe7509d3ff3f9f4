import { describe, expect, it } from "vitest";
import { TECHNICAL_WORDS, withoutGeneratedCode } from "@/tests/helpers/technical-words";
import { encodeEvent } from "../../v0/stream-events";
import { describeNewApp } from "./explain";
import { ContentBuilder } from "./message-content";
import { renderFiles } from "./render";
import { readPrompt } from "./spec";

// The no-technical-words rule is for the app's own words, not the generated
// code the chat shows: a generated page has its <main>.
describe("technical words in a streamed reply", () => {
  const app = readPrompt("a recipe site with a list of recipes and a FAQ");
  const content = new ContentBuilder();
  const events = [content.paragraph(describeNewApp(app)), ...renderFiles(app.spec).map((file) => content.codeBlock(file))].map((delta) =>
    new TextDecoder().decode(encodeEvent({ id: "msg_1", object: "message.experimental_content.chunk", delta })),
  );
  const stream = events.join("");
  const saved = JSON.stringify({ messages: [{ role: "assistant", content: describeNewApp(app), experimentalContent: content.content }] });

  it("generated pages keep their <main>, which the raw stream carries", () => {
    expect(renderFiles(app.spec).find((f) => f.name === "app/page.tsx")!.content).toContain('<main id="main">');
    expect(stream).toMatch(TECHNICAL_WORDS);
  });

  it("are checked on the reply's own words, with the code left out", () => {
    expect(withoutGeneratedCode(stream)).not.toMatch(TECHNICAL_WORDS);
    expect(withoutGeneratedCode(saved)).not.toMatch(TECHNICAL_WORDS);
    expect(withoutGeneratedCode(stream)).toContain("I built");
    // A technical word in the reply itself is still caught.
    expect(withoutGeneratedCode(saved.replace("I built", "I pushed to main and built"))).toMatch(TECHNICAL_WORDS);
  });
});
