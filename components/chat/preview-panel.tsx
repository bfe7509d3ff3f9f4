"use client";

import { ExternalLink, MonitorSmartphone, RotateCw } from "lucide-react";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { PreviewFrame } from "./preview-frame";

type Props = {
  appName: string;
  url: string | null;
  // Changes when a new version is ready, which reloads the frame.
  versionKey?: string;
  status?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
};

export function PreviewPanel({ appName, url, versionKey = "", status, actions, children }: Props) {
  const [reloads, setReloads] = useState(0);
  return (
    <section aria-label="Current preview" className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
        <h2 className="text-sm font-medium">Current preview</h2>
        <div className="min-w-0 flex-1 text-xs text-muted-foreground">{status}</div>
        <div className="flex items-center gap-1">
          <Button
            variant="ghost"
            size="icon"
            aria-label="Reload preview"
            disabled={!url}
            onClick={() => setReloads((n) => n + 1)}
          >
            <RotateCw />
          </Button>
          {url ? (
            <Button variant="ghost" size="icon" asChild>
              <a href={url} target="_blank" rel="noopener noreferrer" aria-label="Open preview in a new tab" data-testid="preview-link">
                <ExternalLink />
              </a>
            </Button>
          ) : (
            <Button variant="ghost" size="icon" aria-label="Open preview in a new tab" disabled>
              <ExternalLink />
            </Button>
          )}
          {actions}
        </div>
      </header>
      {children}
      <div className="min-h-0 flex-1 bg-muted/30">
        {url ? (
          <PreviewFrame url={url} reloadKey={`${versionKey}:${reloads}`} title={`Preview of ${appName}`} />
        ) : (
          <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center text-sm text-muted-foreground">
            <MonitorSmartphone className="size-8" aria-hidden />
            <p>Your app will appear here as soon as the first version is ready.</p>
          </div>
        )}
      </div>
    </section>
  );
}
