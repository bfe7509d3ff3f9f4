"use client";

import { Globe } from "lucide-react";

// After a publish: where the world can see the app.
export function LiveLink({ url }: { url: string | null }) {
  if (!url) return null;
  return (
    <div className="flex items-center gap-2 border-b bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="live-banner">
      <Globe className="size-4" aria-hidden />
      <span className="font-medium">Your app is live</span>
      <a href={url} target="_blank" rel="noopener noreferrer" className="truncate underline underline-offset-4" data-testid="live-link">
        Open your live app
      </a>
    </div>
  );
}
