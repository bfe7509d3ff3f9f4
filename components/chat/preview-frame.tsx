"use client";

// Generated code runs on its own origin, in a sandbox: scripts and forms work,
// but it can never navigate this page or reach the builder's session.
const PREVIEW_SANDBOX = "allow-scripts allow-same-origin allow-forms allow-popups allow-modals";

export function PreviewFrame({ url, reloadKey, title }: { url: string; reloadKey: string; title: string }) {
  return (
    <iframe
      key={`${url}#${reloadKey}`}
      src={url}
      title={title}
      sandbox={PREVIEW_SANDBOX}
      referrerPolicy="no-referrer"
      className="size-full border-0 bg-white"
      data-testid="preview-frame"
    />
  );
}
