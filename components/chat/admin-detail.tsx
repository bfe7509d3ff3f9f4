"use client";

// Shown to admins only: the stored technical reason a cycle failed, and the
// files a cycle left out of its commit.
export function AdminDetail({ detail }: { detail: string | null | undefined }) {
  if (!detail) return null;
  return (
    <details className="border-b bg-muted/40 px-3 py-2 text-xs" data-testid="admin-detail">
      <summary className="cursor-pointer text-muted-foreground">Technical details (admins only)</summary>
      <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all">{detail}</pre>
    </details>
  );
}
