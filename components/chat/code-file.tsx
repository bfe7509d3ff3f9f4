"use client";

import { FileCode } from "lucide-react";

// Generated files are shown collapsed: builders see that work happened
// without being asked to read code.
export function CodeFile({ language, code = "", className }: { language?: string; code?: string; className?: string }) {
  const lines = code.split("\n").length;
  return (
    <details className={`my-2 rounded-md border bg-muted/40 text-xs ${className ?? ""}`}>
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-muted-foreground">
        <FileCode className="size-4" aria-hidden />
        <span>Code ({lines} lines)</span>
      </summary>
      <pre className="max-h-80 overflow-auto border-t p-3" data-language={language}>
        <code>{code}</code>
      </pre>
    </details>
  );
}
