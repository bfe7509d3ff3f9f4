"use client";

import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { Toaster } from "@/components/ui/sonner";
import { StreamingProvider } from "@/contexts/streaming-context";
import { fetchJson } from "@/lib/fetch-json";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <SWRConfig value={{ fetcher: fetchJson, revalidateOnFocus: false }}>
      <StreamingProvider>{children}</StreamingProvider>
      <Toaster />
    </SWRConfig>
  );
}
