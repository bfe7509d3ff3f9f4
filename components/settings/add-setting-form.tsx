"use client";

import { Loader2, Plus } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { SettingOutcome } from "@/hooks/use-app-settings";

// Names with this start go into the page itself, for every visitor to read.
const PUBLIC_PREFIX = "NEXT_PUBLIC_";

type Note = { kind: "added" | "error"; text: string; warning?: string | null };

// A setting the app's code doesn't mention yet (a service's instructions
// asked for it), added by name, with or without its value.
export function AddSettingForm({ onAdd }: { onAdd: (name: string, value?: string) => Promise<SettingOutcome> }) {
  const nameId = useId();
  const nameHintId = useId();
  const valueId = useId();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const trimmed = name.trim();

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!trimmed || adding) return;
    setAdding(true);
    setNote(null);
    const outcome = await onAdd(trimmed, value || undefined);
    setAdding(false);
    if (outcome.ok) {
      setNote({ kind: "added", text: `Added ${trimmed}.`, warning: outcome.warning });
      setName("");
      setValue("");
    } else {
      setNote({ kind: "error", text: outcome.message });
    }
  }

  return (
    <form onSubmit={add} aria-labelledby={`${nameId}-title`} className="flex flex-col gap-3 rounded-md border border-dashed p-3" data-testid="add-setting">
      <h3 id={`${nameId}-title`} className="text-sm font-medium">
        Add a setting
      </h3>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={nameId} className="text-xs">
          Name
        </Label>
        <Input
          id={nameId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby={nameHintId}
          autoComplete="off"
          spellCheck={false}
          placeholder="OPENAI_API_KEY"
          className="font-mono"
          data-testid="add-setting-name"
        />
        <p id={nameHintId} className="text-xs text-muted-foreground">
          Spelled exactly as the service&apos;s instructions show it.
        </p>
        {trimmed.startsWith(PUBLIC_PREFIX) && (
          <p className="text-xs text-amber-800" data-testid="add-setting-public">
            A name starting with {PUBLIC_PREFIX} makes the value visible to everyone who opens your app.
          </p>
        )}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={valueId} className="text-xs">
          Value (you can add it later)
        </Label>
        <Input
          id={valueId}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          data-testid="add-setting-value"
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm" variant="outline" disabled={!trimmed || adding} data-testid="add-setting-submit">
          {adding ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />}
          Add setting
        </Button>
        {note?.kind === "error" && (
          <p role="alert" className="text-xs text-destructive" data-testid="add-setting-error">
            {note.text}
          </p>
        )}
        {note?.kind === "added" && (
          <p role="status" className="text-xs text-emerald-700">
            {note.text}
          </p>
        )}
      </div>
      {note?.warning && (
        <p className="text-xs text-amber-800" data-testid="add-setting-warning">
          {note.warning}
        </p>
      )}
    </form>
  );
}
