"use client";

import { History } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { PreviewStatus } from "@/lib/deploy/preview-status";

// Every working preview, newest first, each opening exactly that version.
export function VersionsMenu({ versions }: { versions: PreviewStatus["versions"] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" disabled={versions.length === 0} data-testid="versions-button">
          <History /> Versions
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel>Working versions</DropdownMenuLabel>
        {versions.map((version, index) => (
          <DropdownMenuItem key={version.id} asChild>
            <a href={version.url} target="_blank" rel="noopener noreferrer">
              <span className="flex-1">{index === 0 ? "Current version" : `Version ${versions.length - index}`}</span>
              <time dateTime={version.readyAt} className="text-xs text-muted-foreground">
                {new Date(version.readyAt).toLocaleString()}
              </time>
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
