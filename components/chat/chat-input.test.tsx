// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatInput } from "./chat-input";

afterEach(cleanup);

describe("ChatInput", () => {
  it("sends on Enter, makes a new line on Shift+Enter, and clears after sending", () => {
    const onSend = vi.fn();
    render(<ChatInput onSend={onSend} disabled={false} />);
    const box = screen.getByLabelText("Message") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "a todo app" } });
    fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).toHaveBeenCalledWith("a todo app");
    expect(box.value).toBe("");
  });

  it("sends nothing while disabled or empty, and announces its status", () => {
    const onSend = vi.fn();
    const { rerender } = render(<ChatInput onSend={onSend} disabled={false} />);
    fireEvent.keyDown(screen.getByLabelText("Message"), { key: "Enter" });
    rerender(<ChatInput onSend={onSend} disabled status="Updating preview…" />);
    const box = screen.getByLabelText("Message");
    expect(box).toHaveProperty("disabled", true);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).not.toHaveBeenCalled();
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("Updating preview…");
    expect(status.getAttribute("aria-live")).toBe("polite");
  });
});
