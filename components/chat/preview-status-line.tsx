"use client";

import { CheckCircle2, CircleAlert, KeyRound, Loader2, Wrench } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useElapsedSeconds } from "@/hooks/use-elapsed";
import type { PreviewStatus } from "@/lib/deploy/preview-status";

const STEPS = [
  { key: "saving", label: "Saving your changes" },
  { key: "building", label: "Building" },
  { key: "ready", label: "Ready" },
] as const;

type Props = {
  status: PreviewStatus | null;
  // "Fix it" beside a failure caused by the app's code.
  onFix?: () => void;
  fixDisabled?: boolean;
  // Beside a failure caused by settings without a value: opens Settings with them.
  onOpenSettings?: (names: string[]) => void;
};

// The preview header's one line of status, announced to screen readers.
export function PreviewStatusLine({ status, onFix, fixDisabled = false, onOpenSettings }: Props) {
  const running = status?.state === "updating" || status?.state === "publishing";
  const seconds = useElapsedSeconds(status?.startedAt ?? null, running);

  let content: React.ReactNode = null;
  if (running) {
    const current = STEPS.findIndex((s) => s.key === status.step);
    content = (
      <span className="flex flex-wrap items-center gap-x-2">
        <Loader2 className="size-3.5 animate-spin" aria-hidden />
        <span>{status.message}</span>
        <span className="text-muted-foreground" aria-label="Progress">
          {STEPS.map((s, i) => (
            <span key={s.key} className={i === current ? "font-medium text-foreground" : undefined}>
              {i > 0 && " → "}
              {s.label}
            </span>
          ))}
        </span>
        <span className="tabular-nums">{seconds}s</span>
      </span>
    );
  } else if (status?.state === "ready") {
    content = (
      <span className="flex items-center gap-1.5 text-emerald-700">
        <CheckCircle2 className="size-3.5" aria-hidden /> {status.message ?? "Preview ready"}
      </span>
    );
  } else if (status?.state === "failed") {
    // Missing settings are no code problem: the AI can't fix them, the builder can.
    const needsSettings = status.needsSettings ?? [];
    content = (
      <span className="flex flex-wrap items-center gap-1.5 text-destructive">
        <CircleAlert className="size-3.5" aria-hidden /> {status.message}
        {needsSettings.length > 0 && onOpenSettings && <OpenSettingsButton onClick={() => onOpenSettings(needsSettings)} />}
        {needsSettings.length === 0 && status.canFix && onFix && (
          <Button
            size="sm"
            variant="outline"
            className="h-6 px-2 text-xs"
            onClick={onFix}
            disabled={fixDisabled}
            title="Ask the AI to fix what stopped the preview"
            data-testid="fix-button"
          >
            <Wrench className="size-3" aria-hidden /> Fix it
          </Button>
        )}
      </span>
    );
  }

  return (
    <div role="status" aria-live="polite" data-testid="preview-status">
      {content}
    </div>
  );
}

export function OpenSettingsButton({ onClick, testId = "open-settings-button" }: { onClick: () => void; testId?: string }) {
  return (
    <Button type="button" size="sm" variant="outline" className="h-6 px-2 text-xs" onClick={onClick} data-testid={testId}>
      <KeyRound className="size-3" aria-hidden /> Open Settings
    </Button>
  );
}
