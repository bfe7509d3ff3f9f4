// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createRef } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Button } from "./button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "./dialog";
import { Input } from "./input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "./tabs";
import { Textarea } from "./textarea";

afterEach(cleanup);

describe("Button", () => {
  it("renders a button with the default variant and size", () => {
    render(<Button>Save</Button>);
    const button = screen.getByRole("button", { name: "Save" });
    expect(button.tagName).toBe("BUTTON");
    expect(button.dataset.slot).toBe("button");
    expect(button.className).toContain("bg-primary");
    expect(button.className).toContain("h-9");
  });

  it("applies variant and size classes, letting className override them", () => {
    render(
      <Button variant="destructive" size="sm" className="h-12">
        Delete
      </Button>,
    );
    const button = screen.getByRole("button", { name: "Delete" });
    expect(button.className).toContain("bg-destructive");
    expect(button.className).not.toContain("bg-primary");
    expect(button.className).toContain("h-12");
    expect(button.className).not.toContain("h-8");
  });

  it("renders its child instead of a button with asChild", () => {
    render(
      <Button asChild variant="outline">
        <a href="/apps">Apps</a>
      </Button>,
    );
    const link = screen.getByRole("link", { name: "Apps" });
    expect(link.tagName).toBe("A");
    expect(link.getAttribute("href")).toBe("/apps");
    expect(link.dataset.slot).toBe("button");
    expect(link.className).toContain("border");
    expect(screen.queryByRole("button")).toBeNull();
  });
});

describe("Dialog", () => {
  it("opens from its trigger and closes from the close button", () => {
    render(
      <Dialog>
        <DialogTrigger asChild>
          <Button>Open</Button>
        </DialogTrigger>
        <DialogContent>
          <DialogTitle>Rename app</DialogTitle>
          <DialogDescription>Pick a new name.</DialogDescription>
        </DialogContent>
      </Dialog>,
    );
    expect(screen.queryByRole("dialog")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Open" }));
    const dialog = screen.getByRole("dialog", { name: "Rename app" });
    expect(dialog.dataset.slot).toBe("dialog-content");
    expect(screen.getByText("Pick a new name.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

describe("Tabs", () => {
  it("switches the visible panel", () => {
    render(
      <Tabs defaultValue="code">
        <TabsList>
          <TabsTrigger value="code">Code</TabsTrigger>
          <TabsTrigger value="preview">Preview</TabsTrigger>
        </TabsList>
        <TabsContent value="code">Code panel</TabsContent>
        <TabsContent value="preview">Preview panel</TabsContent>
      </Tabs>,
    );
    const preview = screen.getByRole("tab", { name: "Preview" });
    expect(screen.getByRole("tabpanel").textContent).toBe("Code panel");
    expect(preview.getAttribute("aria-selected")).toBe("false");

    // Radix activates a tab on mouse down (primary button), not on click.
    fireEvent.mouseDown(preview, { button: 0 });
    expect(preview.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel").textContent).toBe("Preview panel");
  });
});

describe("Input and Textarea", () => {
  it("forward props, refs and events to the native element", () => {
    const inputRef = createRef<HTMLInputElement>();
    const onChange = vi.fn();
    render(
      <Input
        ref={inputRef}
        type="email"
        name="email"
        placeholder="you@example.com"
        aria-invalid
        className="w-40"
        onChange={onChange}
      />,
    );
    const input = screen.getByPlaceholderText("you@example.com");
    expect(inputRef.current).toBe(input);
    expect(input.getAttribute("type")).toBe("email");
    expect(input.getAttribute("name")).toBe("email");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.dataset.slot).toBe("input");
    expect(input.className).toContain("w-40");
    expect(input.className).not.toContain("w-full");
    fireEvent.change(input, { target: { value: "a@b.c" } });
    expect(onChange).toHaveBeenCalledTimes(1);

    const textareaRef = createRef<HTMLTextAreaElement>();
    render(<Textarea ref={textareaRef} rows={3} maxLength={10} defaultValue="hello" disabled />);
    const textarea = screen.getByDisplayValue("hello");
    expect(textareaRef.current).toBe(textarea);
    expect(textarea.tagName).toBe("TEXTAREA");
    expect(textarea.getAttribute("rows")).toBe("3");
    expect(textarea.getAttribute("maxlength")).toBe("10");
    expect((textarea as HTMLTextAreaElement).disabled).toBe(true);
    expect(textarea.dataset.slot).toBe("textarea");
  });
});
