import Link from "next/link";

export default function AppNotFound() {
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-xl font-semibold">We couldn&apos;t find that app</h1>
      <p className="text-sm text-muted-foreground">It may have been deleted, or the link may be wrong.</p>
      <Link href="/" className="text-sm font-medium underline underline-offset-4">
        Back to your apps
      </Link>
    </div>
  );
}
