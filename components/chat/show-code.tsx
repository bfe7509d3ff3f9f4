"use client";

import { FileCode } from "lucide-react";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { type CodeFileEntry, codeFilesOf } from "./code-files";
import { highlight } from "./highlighter";

const storageKey = (messageId: string) => `show-code:${messageId}`;

// Storage can be unavailable (private modes, blocked storage); the code is
// still shown, its open state just isn't remembered.
function readOpen(messageId: string): boolean {
  try {
    return window.localStorage.getItem(storageKey(messageId)) === "open";
  } catch {
    return false;
  }
}

const listeners = new Set<() => void>();

function rememberOpen(messageId: string, open: boolean): void {
  try {
    if (open) window.localStorage.setItem(storageKey(messageId), "open");
    else window.localStorage.removeItem(storageKey(messageId));
  } catch {
    // not remembered
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

// Closed on the server and in the first render, then as remembered.
function useRememberedOpen(messageId: string): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(subscribe, () => readOpen(messageId), () => false);
  return [open, (next) => rememberOpen(messageId, next)];
}

// One collapsed "Show code" per reply: builders see that work happened
// without being asked to read code; the curious can open it, file by file.
export function ShowCode({ messageId, content }: { messageId: string; content: unknown }) {
  const files = codeFilesOf(content);
  const [open, setOpen] = useRememberedOpen(messageId);
  if (files.length === 0) return null;

  return (
    <details
      className="mt-3 rounded-md border bg-muted/40 text-xs"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-muted-foreground">
        <FileCode className="size-4" aria-hidden />
        <span>
          Show code ({files.length} {files.length === 1 ? "file" : "files"})
        </span>
      </summary>
      {open && (
        <ul className="flex flex-col gap-1 border-t p-2" aria-label="Files in this reply">
          {files.map((file) => (
            <li key={file.name}>
              <FileView file={file} />
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function FileView({ file }: { file: CodeFileEntry }) {
  const [open, setOpen] = useState(false);
  const [html, setHtml] = useState<string | null>(null);
  const codeId = useId();

  useEffect(() => {
    if (!open || html !== null) return;
    let current = true;
    highlight(file.code, file.language)
      .then((result) => current && result && setHtml(result))
      .catch(() => {}); // plain text stays on screen
    return () => {
      current = false;
    };
  }, [open, html, file.code, file.language]);

  return (
    <div>
      <button
        type="button"
        className="w-full rounded px-2 py-1 text-left font-mono hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        aria-expanded={open}
        aria-controls={codeId}
        onClick={() => setOpen((value) => !value)}
      >
        {file.name}
      </button>
      {open && (
        <div id={codeId} role="region" aria-label={`Code of ${file.name}`} className="max-h-80 overflow-auto rounded border bg-background">
          {html ? (
            // Shiki escapes the code and only adds spans with colours.
            <div className="p-3 [&_pre]:!bg-transparent" dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <pre className="p-3" data-language={file.language}>
              <code>{file.code}</code>
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
