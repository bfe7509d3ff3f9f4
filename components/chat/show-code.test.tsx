// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { codeFilesOf } from "./code-files";
import { highlight } from "./highlighter";
import { ShowCode } from "./show-code";

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const reply = [
  [
    0,
    [
      ["p", {}, "I built a bakery page."],
      ["Codeblock", { lang: "tsx", file: "app/page.tsx" }, "export default function Page() {\n  return <h1>Bakery</h1>;\n}\n"],
      ["Codeblock", { lang: "css", file: "app/globals.css" }, "body { color: black; }\n"],
      ["p", {}, "Tell me what to change."],
    ],
  ],
];

async function toggle(summaryText: RegExp) {
  const summary = screen.getByText(summaryText).closest("summary")!;
  const details = summary.parentElement as HTMLDetailsElement;
  details.open = !details.open;
  fireEvent(details, new Event("toggle"));
}

describe("codeFilesOf", () => {
  it("lists each file a reply wrote, by name, once", () => {
    const twice = [[0, [...reply[0]![1] as unknown[], ["Codeblock", { lang: "tsx", file: "app/page.tsx" }, "final"]]]];
    expect(codeFilesOf(twice).map((f) => [f.name, f.code])).toEqual([
      ["app/page.tsx", "final"],
      ["app/globals.css", "body { color: black; }\n"],
    ]);
  });

  it("names files without a name by their place, and finds none in plain text", () => {
    expect(codeFilesOf([[0, [["Codeblock", { lang: "ts" }, "x"]]]])[0]!.name).toBe("File 1");
    expect(codeFilesOf([[0, [["p", {}, "hi"]]]])).toEqual([]);
    expect(codeFilesOf(null)).toEqual([]);
  });
});

describe("ShowCode", () => {
  it("is one collapsed line per reply, and opens to the files by name", async () => {
    render(<ShowCode messageId="m1" content={reply} />);
    expect(screen.getByText("Show code (2 files)")).toBeTruthy();
    expect(screen.queryByText("app/page.tsx")).toBeNull();

    await toggle(/Show code/);
    const file = await screen.findByRole("button", { name: "app/page.tsx" });
    expect(file.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(file);
    expect(file.getAttribute("aria-expanded")).toBe("true");
    const region = screen.getByRole("region", { name: "Code of app/page.tsx" });
    expect(region.textContent).toContain("<h1>Bakery</h1>");
    // Highlighted once the highlighter has loaded.
    await waitFor(() => expect(region.querySelector("pre.shiki")).not.toBeNull(), { timeout: 10_000 });
  });

  it("stays open after a reload once opened", async () => {
    const first = render(<ShowCode messageId="m2" content={reply} />);
    await toggle(/Show code/);
    first.unmount();
    render(<ShowCode messageId="m2" content={reply} />);
    await waitFor(() => expect(screen.getByRole("button", { name: "app/globals.css" })).toBeTruthy());
  });

  it("shows nothing for a reply without code", () => {
    const { container } = render(<ShowCode messageId="m3" content={[[0, [["p", {}, "Hello"]]]]} />);
    expect(container.innerHTML).toBe("");
  });
});

describe("highlight", () => {
  it("colours the languages generated apps use and leaves others as plain text", async () => {
    const html = await highlight("const a: number = 1;", "ts");
    expect(html).toContain('class="shiki');
    expect(html).toContain("color:");
    expect(await highlight("plain", "text")).toBeNull();
  });
});
