"use client";

import { ChevronDown, LayoutGrid, Plus } from "lucide-react";
import Link from "next/link";
import useSWR from "swr";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { AppView } from "@/lib/api/app-view";

// The builder's apps, one click away from any app page.
export function AppSwitcher({ currentId, currentName }: { currentId: string; currentName: string }) {
  const { data } = useSWR<{ apps: AppView[] }>("/api/apps");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="max-w-[60vw] gap-1 px-2 font-semibold">
          <span className="truncate">{currentName}</span>
          <ChevronDown className="size-4 opacity-60" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Your apps</DropdownMenuLabel>
        {(data?.apps ?? []).map((app) => (
          <DropdownMenuItem key={app.id} asChild disabled={app.id === currentId}>
            <Link href={`/apps/${app.id}`} className="truncate">
              {app.name}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/">
            <Plus /> New app
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/">
            <LayoutGrid /> All apps
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
