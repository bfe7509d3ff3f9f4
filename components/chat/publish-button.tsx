"use client";

import { Globe, Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button";

type Props = { canPublish: boolean; busy: boolean; publishing: boolean; onPublish: () => void };

export function PublishButton({ canPublish, busy, publishing, onPublish }: Props) {
  const hint = canPublish ? "Put this version live" : "Publishing becomes available once a preview has worked";
  return (
    <Button size="sm" onClick={onPublish} disabled={!canPublish || busy} title={hint} data-testid="publish-button">
      {publishing ? <Loader2 className="animate-spin" /> : <Globe />}
      {publishing ? "Publishing…" : "Publish"}
    </Button>
  );
}
