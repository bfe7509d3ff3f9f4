"use client";

import { KeyRound } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { type AppSetting, useAppSettings } from "@/hooks/use-app-settings";
import { AddSettingForm } from "./add-setting-form";
import { SettingRow } from "./setting-row";

type Props = {
  appId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  // Names that stopped the last preview update: shown first, drawn out, and
  // the first one's field takes the focus.
  highlight?: string[];
};

// Needed and missing first, then the ones with a value, then the ones the
// app's code no longer reads; the server's order within each.
function rank(setting: AppSetting, highlight: string[]): number {
  if (highlight.includes(setting.name)) return 0;
  if (setting.needed && !setting.set) return 1;
  return setting.needed ? 2 : 3;
}

export function SettingsPanel({ appId, open, onOpenChange, highlight = [] }: Props) {
  const { settings, liveNeedsPublish, loadError, save, add, remove } = useAppSettings(appId);
  const listRef = useRef<HTMLUListElement>(null);
  const sorted = settings ? [...settings].sort((a, b) => rank(a, highlight) - rank(b, highlight)) : null;

  // Opened before the list arrived, the highlighted field takes the focus as
  // soon as it is there.
  const focusPending = useRef(false);

  function focusHighlighted(): boolean {
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLElement>("[data-testid=setting]") ?? []);
    const first = rows.find((row) => row.dataset.name !== undefined && highlight.includes(row.dataset.name));
    const field = first?.querySelector<HTMLInputElement>("input");
    field?.focus();
    return field !== undefined;
  }

  function onOpenAutoFocus(event: Event) {
    if (highlight.length === 0) return;
    if (focusHighlighted()) event.preventDefault();
    else focusPending.current = settings === null;
  }

  useEffect(() => {
    if (open && settings && focusPending.current) {
      focusPending.current = false;
      focusHighlighted();
    }
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="flex max-h-[90dvh] flex-col overflow-y-auto sm:max-w-xl" onOpenAutoFocus={onOpenAutoFocus} data-testid="settings-panel">
        <DialogHeader>
          <DialogTitle>Settings</DialogTitle>
          <DialogDescription>
            Keys and addresses your app uses to reach other services, such as payments, email or a database. A saved
            value is never shown again, here or anywhere else: you can only replace or remove it.
          </DialogDescription>
          <p className="text-sm text-muted-foreground" data-testid="settings-applies">
            Your Current preview updates by itself after you save.
            {liveNeedsPublish && " Your live app gets the change the next time you publish."}
          </p>
        </DialogHeader>
        {loadError && (
          <p role="alert" className="text-sm text-destructive">
            {loadError}
          </p>
        )}
        {sorted && sorted.length === 0 && (
          <p className="text-sm text-muted-foreground" data-testid="settings-empty">
            Your app doesn&apos;t use any settings yet. If a service&apos;s instructions ask you to set one, add it below.
          </p>
        )}
        {sorted && sorted.length > 0 && (
          <ul ref={listRef} aria-label="Your app's settings" className="flex flex-col gap-3">
            {sorted.map((setting) => (
              <SettingRow
                key={setting.name}
                setting={setting}
                highlighted={highlight.includes(setting.name)}
                onSave={(value) => save(setting.name, value)}
                onRemove={() => remove(setting.name)}
              />
            ))}
          </ul>
        )}
        {settings === null && !loadError && <p className="text-sm text-muted-foreground">Loading your settings…</p>}
        <AddSettingForm onAdd={add} />
      </DialogContent>
    </Dialog>
  );
}

// The preview header's way in: says how many needed settings have no value yet.
export function SettingsButton({ appId, onOpen }: { appId: string; onOpen: () => void }) {
  const { settings } = useAppSettings(appId);
  const missing = settings?.filter((s) => s.needed && !s.set).length ?? 0;
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={onOpen}
      aria-label={missing > 0 ? `Settings, ${missing} needed` : "Settings"}
      data-testid="settings-button"
    >
      <KeyRound aria-hidden /> Settings
      {missing > 0 && (
        <span className="rounded-full bg-destructive px-1.5 text-xs leading-5 text-white" aria-hidden>
          {missing}
        </span>
      )}
    </Button>
  );
}
