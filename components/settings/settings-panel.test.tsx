// @vitest-environment jsdom
import axe from "axe-core";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppSetting } from "@/hooks/use-app-settings";
import { fetchJson } from "@/lib/fetch-json";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { SettingsButton, SettingsPanel } from "./settings-panel";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000 - 5_000).toISOString();

const stripe: AppSetting = { name: "STRIPE_SECRET_KEY", label: "Stripe secret key", public: false, needed: true, set: false, updatedAt: null, updatedBy: null };
const openai = { name: "OPENAI_API_KEY", label: "OpenAI API key", public: false, needed: true, set: true, updatedAt: minutesAgo(3), updatedBy: "Ana" };
const supabaseUrl = {
  name: "NEXT_PUBLIC_SUPABASE_URL",
  label: "Supabase project address",
  public: true,
  needed: true,
  set: true,
  updatedAt: minutesAgo(60 * 3),
  updatedBy: null,
};
const leftover = { name: "OLD_TOKEN", label: "OLD_TOKEN", public: false, needed: false, set: true, updatedAt: minutesAgo(60 * 24 * 3), updatedBy: "Ana" };

type Call = { method: string; url: string; body?: Record<string, unknown> };

// The settings API as the panel sees it, keeping the list in memory. Values
// sent are kept only to prove the browser never gets them back.
function mockServer(initial: AppSetting[], options: { liveNeedsPublish?: boolean; reply?: (call: Call) => Response | null } = {}) {
  let settings = initial.map((s) => ({ ...s }));
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const call: Call = { method: init?.method ?? "GET", url, body: init?.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const special = options.reply?.(call);
      if (special) return special;
      const name = decodeURIComponent(url.split("/settings/")[1] ?? "");
      if (call.method === "GET" && url.endsWith("/settings")) {
        return Response.json({ settings, appliesTo: { preview: true, liveNeedsPublish: options.liveNeedsPublish ?? true } });
      }
      if (call.method === "GET") return Response.json({ state: "ready", versions: [] });
      if (call.method === "PUT") {
        settings = settings.map((s) => (s.name === name ? { ...s, set: true, updatedAt: new Date().toISOString(), updatedBy: "Ana" } : s));
        return Response.json({ setting: settings.find((s) => s.name === name) });
      }
      if (call.method === "POST") {
        const added: AppSetting = { name: String(call.body!.name), label: String(call.body!.name), public: false, needed: false, set: "value" in call.body!, updatedAt: null, updatedBy: null };
        settings = [...settings, added];
        return Response.json({ setting: added }, { status: 201 });
      }
      if (call.method === "DELETE") {
        settings = settings.filter((s) => s.name !== name);
        return Response.json({});
      }
      throw new Error(`unexpected ${call.method} ${url}`);
    }),
  );
  return { calls, changes: () => calls.filter((c) => c.method !== "GET") };
}

function Providers({ children }: { children: ReactNode }) {
  return <SWRConfig value={{ fetcher: fetchJson, provider: () => new Map(), dedupingInterval: 0 }}>{children}</SWRConfig>;
}

async function openPanel(highlight: string[] = []) {
  render(<SettingsPanel appId="app-1" open onOpenChange={() => {}} highlight={highlight} />, { wrapper: Providers });
  const dialog = await screen.findByRole("dialog", { name: "Settings" });
  await waitFor(() => expect(within(dialog).queryByText("Loading your settings…")).toBeNull());
  return dialog;
}

const row = (dialog: HTMLElement, label: string) => within(dialog).getByRole("listitem", { name: label });

describe("the Settings panel", () => {
  it("lists each setting by its plain name, with the name to copy from the service and whether it has a value", async () => {
    mockServer([openai, stripe, leftover]);
    const dialog = await openPanel();

    const rows = within(dialog).getAllByTestId("setting");
    // What the app needs and lacks comes first.
    expect(rows.map((r) => r.dataset.name)).toEqual(["STRIPE_SECRET_KEY", "OPENAI_API_KEY", "OLD_TOKEN"]);

    const stripeRow = row(dialog, "Stripe secret key");
    expect(within(stripeRow).getByTestId("setting-name").textContent).toBe("STRIPE_SECRET_KEY");
    expect(within(stripeRow).getByTestId("setting-state").textContent).toBe("Not set yet");
    expect(within(stripeRow).getByText("Needed")).toBeTruthy();
    // Nothing to remove from a setting the app needs and that has no value.
    expect(within(stripeRow).queryByRole("button", { name: "Remove Stripe secret key" })).toBeNull();

    const openaiRow = row(dialog, "OpenAI API key");
    expect(within(openaiRow).getByTestId("setting-name").textContent).toBe("OPENAI_API_KEY");
    expect(within(openaiRow).getByTestId("setting-state").textContent).toBe("Set 3 minutes ago by Ana");
    expect(within(openaiRow).queryByText("Needed")).toBeNull();

    expect(within(row(dialog, "OLD_TOKEN")).getByText("Not used by your app right now")).toBeTruthy();

    const field = within(stripeRow).getByLabelText("Value for Stripe secret key");
    expect(field.getAttribute("type")).toBe("password");
    expect(field.getAttribute("autocomplete")).toBe("new-password");
    expect(within(openaiRow).getByLabelText("Value for OpenAI API key").getAttribute("placeholder")).toBe("Paste a new value");
  });

  it("says the Current preview updates by itself, and that the live app needs a publish only when it does", async () => {
    mockServer([stripe], { liveNeedsPublish: true });
    let dialog = await openPanel();
    expect(within(dialog).getByTestId("settings-applies").textContent).toBe(
      "Your Current preview updates by itself after you save. Your live app gets the change the next time you publish.",
    );
    expect(dialog.textContent).not.toMatch(TECHNICAL_WORDS);
    cleanup();

    mockServer([stripe], { liveNeedsPublish: false });
    dialog = await openPanel();
    expect(within(dialog).getByTestId("settings-applies").textContent).toBe("Your Current preview updates by itself after you save.");
  });

  it("saves a value with PUT, empties the field, and never shows the value again", async () => {
    const server = mockServer([stripe]);
    const dialog = await openPanel();
    const stripeRow = row(dialog, "Stripe secret key");
    const field = within(stripeRow).getByLabelText<HTMLInputElement>("Value for Stripe secret key");

    fireEvent.change(field, { target: { value: "sk_test_secret_4242" } });
    fireEvent.click(within(stripeRow).getByRole("button", { name: "Save Stripe secret key" }));

    await waitFor(() => expect(within(stripeRow).getByTestId("setting-saved").textContent).toMatch(/Saved\. Your Current preview is updating/));
    expect(server.changes()).toEqual([{ method: "PUT", url: "/api/apps/app-1/settings/STRIPE_SECRET_KEY", body: { value: "sk_test_secret_4242" } }]);
    expect(field.value).toBe("");
    await waitFor(() => expect(within(stripeRow).getByTestId("setting-state").textContent).toBe("Set just now by Ana"));
    expect(document.body.innerHTML).not.toContain("sk_test_secret_4242");
    expect(dialog.textContent).not.toMatch(TECHNICAL_WORDS);
  });

  it("keeps what was typed and shows the server's message when saving is refused", async () => {
    mockServer([stripe], {
      reply: (call) =>
        call.method === "PUT" ? Response.json({ error: { code: "too_large", message: "That value is too long to save." } }, { status: 413 }) : null,
    });
    const dialog = await openPanel();
    const stripeRow = row(dialog, "Stripe secret key");
    const field = within(stripeRow).getByLabelText<HTMLInputElement>("Value for Stripe secret key");
    fireEvent.change(field, { target: { value: "x".repeat(10) } });
    fireEvent.click(within(stripeRow).getByRole("button", { name: "Save Stripe secret key" }));
    expect((await within(stripeRow).findByRole("alert")).textContent).toBe("That value is too long to save.");
    expect(field.value).toBe("x".repeat(10));
  });

  it("says a public setting is visible to everyone, and shows the server's warning after saving one", async () => {
    const warning = "This looks like a secret key. Everyone who opens your app will be able to read it.";
    mockServer([supabaseUrl, openai], {
      reply: (call) => (call.method === "PUT" ? Response.json({ setting: { ...supabaseUrl, updatedAt: new Date().toISOString() }, warning }) : null),
    });
    const dialog = await openPanel();
    const publicRow = row(dialog, "Supabase project address");
    expect(within(publicRow).getByTestId("setting-public").textContent).toMatch(/Visible to everyone who opens your app/);
    expect(within(row(dialog, "OpenAI API key")).queryByTestId("setting-public")).toBeNull();

    fireEvent.change(within(publicRow).getByLabelText("Value for Supabase project address"), { target: { value: "sk_live_oops" } });
    fireEvent.click(within(publicRow).getByRole("button", { name: "Save Supabase project address" }));
    expect((await within(publicRow).findByTestId("setting-warning")).textContent).toBe(warning);
  });

  it("adds a setting by name, with its value, and clears the form", async () => {
    const server = mockServer([]);
    const dialog = await openPanel();
    expect(within(dialog).getByTestId("settings-empty").textContent).toMatch(/doesn't use any settings yet/);

    const form = within(dialog).getByRole("form", { name: "Add a setting" });
    const name = within(form).getByLabelText<HTMLInputElement>("Name");
    const value = within(form).getByLabelText<HTMLInputElement>("Value (you can add it later)");
    expect(value.getAttribute("type")).toBe("password");

    fireEvent.change(name, { target: { value: "  RESEND_API_KEY " } });
    fireEvent.change(value, { target: { value: "re_123" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add setting" }));

    expect((await within(form).findByRole("status")).textContent).toBe("Added RESEND_API_KEY.");
    expect(within(dialog).getByRole("listitem", { name: "RESEND_API_KEY" })).toBeTruthy();
    expect(server.changes()).toEqual([{ method: "POST", url: "/api/apps/app-1/settings", body: { name: "RESEND_API_KEY", value: "re_123" } }]);
    expect(name.value).toBe("");
    expect(value.value).toBe("");
    expect(document.body.innerHTML).not.toContain("re_123");
  });

  it("warns while typing a public name, and shows why a name is refused", async () => {
    const refusal = "A setting's name can use only capital letters, digits and _, and can't start with a digit.";
    mockServer([], {
      reply: (call) => (call.method === "POST" ? Response.json({ error: { code: "invalid_input", message: refusal } }, { status: 400 }) : null),
    });
    const dialog = await openPanel();
    const form = within(dialog).getByRole("form", { name: "Add a setting" });
    const name = within(form).getByLabelText<HTMLInputElement>("Name");

    fireEvent.change(name, { target: { value: "NEXT_PUBLIC_MAP_KEY" } });
    expect(within(form).getByTestId("add-setting-public").textContent).toMatch(/visible to everyone who opens your app/);

    fireEvent.change(name, { target: { value: "1 bad name" } });
    expect(within(form).queryByTestId("add-setting-public")).toBeNull();
    fireEvent.click(within(form).getByRole("button", { name: "Add setting" }));
    expect((await within(form).findByRole("alert")).textContent).toBe(refusal);
    expect(name.value).toBe("1 bad name");
  });

  it("removes a setting only after the builder confirms", async () => {
    const server = mockServer([openai, leftover]);
    const dialog = await openPanel();

    fireEvent.click(within(row(dialog, "OpenAI API key")).getByRole("button", { name: "Remove OpenAI API key" }));
    const confirm = within(row(dialog, "OpenAI API key")).getByTestId("setting-remove-confirm");
    expect(confirm.textContent).toMatch(/may stop working without it/);
    fireEvent.click(within(confirm).getByRole("button", { name: "Keep it" }));
    expect(server.changes()).toEqual([]);

    fireEvent.click(within(row(dialog, "OLD_TOKEN")).getByRole("button", { name: "Remove OLD_TOKEN" }));
    fireEvent.click(within(row(dialog, "OLD_TOKEN")).getByRole("button", { name: "Yes, remove OLD_TOKEN" }));
    await waitFor(() => expect(within(dialog).queryByRole("listitem", { name: "OLD_TOKEN" })).toBeNull());
    expect(server.changes()).toEqual([{ method: "DELETE", url: "/api/apps/app-1/settings/OLD_TOKEN", body: undefined }]);
  });

  const resend = { ...stripe, name: "RESEND_API_KEY", label: "Resend API key" };

  it("puts the settings that stopped the preview first, drawn out, with the first one's field focused once the list arrives", async () => {
    mockServer([openai, stripe, resend]);
    const dialog = await openPanel(["RESEND_API_KEY"]);
    const rows = within(dialog).getAllByTestId("setting");
    expect(rows.map((r) => r.dataset.name)).toEqual(["RESEND_API_KEY", "STRIPE_SECRET_KEY", "OPENAI_API_KEY"]);
    expect(rows.map((r) => r.dataset.highlighted ?? null)).toEqual(["true", null, null]);
    await waitFor(() => expect(document.activeElement).toBe(within(rows[0]!).getByLabelText("Value for Resend API key")));
  });

  it("focuses the highlighted field at once when the list is already there (the Settings button loaded it)", async () => {
    mockServer([openai, resend]);
    function Page({ open }: { open: boolean }) {
      return (
        <>
          <SettingsButton appId="app-1" onOpen={() => {}} />
          <SettingsPanel appId="app-1" open={open} onOpenChange={() => {}} highlight={["RESEND_API_KEY"]} />
        </>
      );
    }
    const { rerender } = render(<Page open={false} />, { wrapper: Providers });
    await screen.findByRole("button", { name: "Settings, 1 needed" });
    rerender(<Page open />);
    const dialog = await screen.findByRole("dialog", { name: "Settings" });
    expect(document.activeElement).toBe(within(row(dialog, "Resend API key")).getByLabelText("Value for Resend API key"));
  });
});

describe("the Settings panel for everyone", () => {
  it("has no accessibility violations axe can find without a layout engine, open on a missing setting mid-save", async () => {
    mockServer([stripe, openai, supabaseUrl, leftover]);
    const dialog = await openPanel(["STRIPE_SECRET_KEY"]);
    fireEvent.click(within(row(dialog, "OLD_TOKEN")).getByRole("button", { name: "Remove OLD_TOKEN" }));
    // jsdom computes no colours or sizes: those rules run in the browser journey.
    const results = await axe.run(document.body, { rules: { "color-contrast": { enabled: false }, "target-size": { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(["label", "button-name", "aria-dialog-name"]));
  });
});

describe("the Settings button", () => {
  it("says how many needed settings have no value yet", async () => {
    mockServer([stripe, { ...stripe, name: "RESEND_API_KEY", label: "Resend API key" }, openai]);
    const onOpen = vi.fn();
    render(<SettingsButton appId="app-1" onOpen={onOpen} />, { wrapper: Providers });
    const button = await screen.findByRole("button", { name: "Settings, 2 needed" });
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledOnce();
  });

  it("is just Settings when nothing is missing", async () => {
    mockServer([openai]);
    render(<SettingsButton appId="app-1" onOpen={() => {}} />, { wrapper: Providers });
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    expect(screen.getByRole("button", { name: "Settings" })).toBeTruthy();
  });
});
