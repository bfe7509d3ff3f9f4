"use client";

import { History } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { PreviewStatus } from "@/lib/deploy/preview-status";

type Version = PreviewStatus["versions"][number];
type Props = {
  versions: PreviewStatus["versions"];
  // A cycle runs (or is being asked for): nothing can be put live meanwhile.
  busy?: boolean;
  onMakeLive?: (versionId: string) => void;
};

// Every working preview, newest first: each opens exactly that version, says
// whether it is live or the Current preview, and (unless it is live) can be
// put live after the builder confirms.
export function VersionsMenu({ versions, busy = false, onMakeLive }: Props) {
  const [confirming, setConfirming] = useState<{ version: Version; name: string } | null>(null);
  const nameOf = (index: number) => `Version ${versions.length - index}`;

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm" disabled={versions.length === 0} data-testid="versions-button">
            <History /> Versions
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-72">
          <DropdownMenuLabel>Working versions</DropdownMenuLabel>
          {versions.map((version, index) => {
            const name = nameOf(index);
            const marks = [version.live && "Live", version.current && "Current preview"].filter((m): m is string => Boolean(m));
            return (
              <DropdownMenuGroup key={version.id} aria-label={name} data-testid="version">
                {index > 0 && <DropdownMenuSeparator />}
                <DropdownMenuItem asChild>
                  <a href={version.url} target="_blank" rel="noopener noreferrer" aria-label={[`Open ${name}`, ...marks].join(", ")}>
                    <span className="flex flex-1 flex-col gap-1">
                      <span className="flex flex-wrap items-center gap-1">
                        {name}
                        {marks.map((mark) => (
                          <Badge key={mark} variant={mark === "Live" ? "default" : "secondary"}>
                            {mark}
                          </Badge>
                        ))}
                      </span>
                      <time dateTime={version.readyAt} className="text-xs text-muted-foreground">
                        {new Date(version.readyAt).toLocaleString()}
                      </time>
                    </span>
                  </a>
                </DropdownMenuItem>
                {!version.live && onMakeLive && (
                  <DropdownMenuItem disabled={busy} aria-label={`Make ${name} live`} onSelect={() => setConfirming({ version, name })}>
                    Make this version live
                  </DropdownMenuItem>
                )}
              </DropdownMenuGroup>
            );
          })}
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={confirming !== null} onOpenChange={(open) => !open && setConfirming(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Make {confirming?.name} live?</DialogTitle>
            <DialogDescription>
              Everyone who opens your live app will see {confirming?.name} again once it&apos;s ready, in a minute or two. Your
              Current preview and your other versions stay as they are, and you can publish a newer version at any time.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button
              disabled={busy}
              onClick={() => {
                if (confirming) onMakeLive?.(confirming.version.id);
                setConfirming(null);
              }}
            >
              Make this version live
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
