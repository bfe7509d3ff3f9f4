"use client";

import { Eye, Loader2, Trash2 } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { AppSetting, SettingOutcome } from "@/hooks/use-app-settings";
import { timeAgo } from "@/lib/client/time-ago";
import { cn } from "@/lib/utils";

type Props = {
  setting: AppSetting;
  // It stopped the last preview update: drawn out and focused first.
  highlighted: boolean;
  onSave: (value: string) => Promise<SettingOutcome>;
  onRemove: () => Promise<SettingOutcome>;
};

type Note = { kind: "saved" | "error"; text: string; warning?: string | null };

export function stateText(setting: Pick<AppSetting, "set" | "updatedAt" | "updatedBy">, now?: Date): string {
  if (!setting.set) return "Not set yet";
  const when = setting.updatedAt ? ` ${timeAgo(setting.updatedAt, now)}` : "";
  const who = setting.updatedBy ? ` by ${setting.updatedBy}` : "";
  return `Set${when}${who}`;
}

// One setting: what it is, whether it has a value, and a write-only field to
// give it one. What the builder types is cleared once saved; no value ever
// comes back from the server, so there is nothing to show.
export function SettingRow({ setting, highlighted, onSave, onRemove }: Props) {
  const { name, label } = setting;
  const inputId = useId();
  const titleId = useId();
  const [value, setValue] = useState("");
  const [saving, setSaving] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const missing = setting.needed && !setting.set;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!value || saving) return;
    setSaving(true);
    setNote(null);
    const outcome = await onSave(value);
    setSaving(false);
    if (outcome.ok) {
      setValue("");
      setNote({ kind: "saved", text: "Saved. Your Current preview is updating with it.", warning: outcome.warning });
    } else {
      setNote({ kind: "error", text: outcome.message });
    }
  }

  async function remove() {
    setRemoving(true);
    setNote(null);
    const outcome = await onRemove();
    setRemoving(false);
    setConfirmingRemove(false);
    if (!outcome.ok) setNote({ kind: "error", text: outcome.message });
  }

  return (
    <li
      aria-labelledby={titleId}
      data-testid="setting"
      data-name={name}
      data-highlighted={highlighted || undefined}
      className={cn("flex flex-col gap-2 rounded-md border p-3", highlighted && "border-destructive ring-2 ring-destructive/20")}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-0.5">
          <h3 id={titleId} className="text-sm font-medium">
            {label}
          </h3>
          <code className="text-xs break-all text-muted-foreground" data-testid="setting-name">
            {name}
          </code>
        </div>
        {missing && <Badge variant="destructive">Needed</Badge>}
        {!setting.needed && <Badge variant="secondary">Not used by your app right now</Badge>}
      </div>
      <p className="text-xs text-muted-foreground" data-testid="setting-state">
        {setting.updatedAt ? <time dateTime={setting.updatedAt}>{stateText(setting)}</time> : stateText(setting)}
      </p>
      {setting.public && (
        <p className="flex items-center gap-1.5 text-xs text-amber-800" data-testid="setting-public">
          <Eye className="size-3.5 shrink-0" aria-hidden />
          Visible to everyone who opens your app, so never put a password or secret key here.
        </p>
      )}
      <form onSubmit={save} className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-48 flex-1 flex-col gap-1.5">
          <Label htmlFor={inputId} className="text-xs">
            Value for {label}
          </Label>
          <Input
            id={inputId}
            type="password"
            // Keeps the browser from filling in the builder's own sign-in password.
            autoComplete="new-password"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={setting.set ? "Paste a new value" : "Paste the value"}
            disabled={saving}
            data-testid="setting-value"
          />
        </div>
        <Button type="submit" size="sm" disabled={!value || saving} data-testid="setting-save">
          {saving && <Loader2 className="animate-spin" aria-hidden />}
          Save<span className="sr-only"> {label}</span>
        </Button>
        {(setting.set || !setting.needed) && !confirmingRemove && (
          <Button
            type="button"
            size="sm"
            variant="ghost"
            aria-label={`Remove ${label}`}
            disabled={saving || removing}
            onClick={() => setConfirmingRemove(true)}
            data-testid="setting-remove"
          >
            <Trash2 aria-hidden /> Remove
          </Button>
        )}
      </form>
      {confirmingRemove && (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-muted/50 p-2 text-xs" data-testid="setting-remove-confirm">
          <span className="flex-1">
            {setting.needed ? "Your app uses this setting and may stop working without it. Remove it anyway?" : "Remove this setting?"}
          </span>
          <Button size="sm" variant="destructive" disabled={removing} onClick={() => void remove()} aria-label={`Yes, remove ${label}`}>
            {removing && <Loader2 className="animate-spin" aria-hidden />}
            Remove
          </Button>
          <Button size="sm" variant="outline" disabled={removing} onClick={() => setConfirmingRemove(false)}>
            Keep it
          </Button>
        </div>
      )}
      {note?.kind === "error" && (
        <p role="alert" className="text-xs text-destructive" data-testid="setting-error">
          {note.text}
        </p>
      )}
      {note?.kind === "saved" && (
        <div role="status" className="flex flex-col gap-1 text-xs" data-testid="setting-saved">
          <p className="text-emerald-700">{note.text}</p>
          {note.warning && (
            <p className="text-amber-800" data-testid="setting-warning">
              {note.warning}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
