// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { VersionsMenu } from "./versions-menu";

afterEach(cleanup);

const versions = [
  { id: "v3", url: "https://three.example/", readyAt: "2026-05-03T10:00:00.000Z", live: false, current: true },
  { id: "v2", url: "https://two.example/", readyAt: "2026-05-02T10:00:00.000Z", live: true, current: false },
  { id: "v1", url: "https://one.example/", readyAt: "2026-05-01T10:00:00.000Z", live: false, current: false },
];

// Radix opens its menu from the keyboard as a builder using one would.
function openMenu() {
  const trigger = screen.getByRole("button", { name: /versions/i });
  trigger.focus();
  fireEvent.keyDown(trigger, { key: "Enter" });
  return screen.getByRole("menu");
}

describe("VersionsMenu", () => {
  it("lists every working version with what it is, each opening exactly that version", () => {
    render(<VersionsMenu versions={versions} onMakeLive={() => {}} />);
    const menu = openMenu();
    const links = within(menu).getAllByRole("menuitem").filter((item) => item.tagName === "A");
    expect(links.map((a) => [a.getAttribute("aria-label"), a.getAttribute("href")])).toEqual([
      ["Open Version 3, Current preview", "https://three.example/"],
      ["Open Version 2, Live", "https://two.example/"],
      ["Open Version 1", "https://one.example/"],
    ]);
    expect(within(menu).getByText("Live")).toBeTruthy();
    expect(within(menu).getByText("Current preview")).toBeTruthy();
  });

  it("offers to make each version live except the live one", () => {
    render(<VersionsMenu versions={versions} onMakeLive={() => {}} />);
    const menu = openMenu();
    expect(within(menu).getAllByText("Make this version live")).toHaveLength(2);
    expect(within(menu).getByRole("menuitem", { name: "Make Version 3 live" })).toBeTruthy();
    expect(within(menu).getByRole("menuitem", { name: "Make Version 1 live" })).toBeTruthy();
    expect(within(menu).queryByRole("menuitem", { name: "Make Version 2 live" })).toBeNull();
  });

  it("asks first, saying in plain words what will happen, and only then puts the version live", () => {
    const onMakeLive = vi.fn();
    render(<VersionsMenu versions={versions} onMakeLive={onMakeLive} />);
    fireEvent.click(within(openMenu()).getByRole("menuitem", { name: "Make Version 1 live" }));

    const dialog = screen.getByRole("dialog", { name: "Make Version 1 live?" });
    expect(dialog.textContent).toMatch(/Everyone who opens your live app will see Version 1 again/);
    expect(dialog.textContent).toMatch(/Current preview and your other versions stay as they are/);
    expect(dialog.textContent).not.toMatch(/commit|branch|deploy|main|staging|production/i);
    expect(onMakeLive).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole("button", { name: "Make this version live" }));
    expect(onMakeLive).toHaveBeenCalledWith("v1");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("does nothing when the builder cancels, and gives the focus back to the menu's button", async () => {
    const onMakeLive = vi.fn();
    render(<VersionsMenu versions={versions} onMakeLive={onMakeLive} />);
    fireEvent.click(within(openMenu()).getByRole("menuitem", { name: "Make Version 3 live" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onMakeLive).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: /versions/i })));
  });

  it("can't put a version live while the preview is busy", () => {
    render(<VersionsMenu versions={versions} busy onMakeLive={() => {}} />);
    const item = within(openMenu()).getByRole("menuitem", { name: "Make Version 1 live" });
    expect(item.getAttribute("aria-disabled")).toBe("true");
  });
});
