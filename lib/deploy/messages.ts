// Everything a builder may read about a preview cycle. No identifiers, branch
// names or provider text: those go to the log and the admin-only error field.
export const deployMessages = {
  updating: "Updating preview…",
  ready: "Preview ready",
  unchanged: "Preview ready. Nothing changed since the last version.",
  failedWithPrevious: "Couldn't update the preview; your last working preview is still here.",
  failedFirst: "Couldn't build the preview. Try describing the change again.",
  noCode: "The latest reply didn't include app code to preview yet.",
  unsafeFiles: "The latest reply included files we can't safely use, so the preview wasn't updated.",
  inProgress: "Your preview is still updating; try again in a moment.",
  publishInProgress: "Your app is still publishing; try again in a moment.",
  publishNeedsPreview: "Your app needs a working preview before it can be published.",
  publishing: "Publishing…",
  published: "Your app is live",
  publishFailed: "Couldn't publish this version. Your live app hasn't changed.",
  publishConflict: "This version can't be published automatically because it clashes with what's live. Your live app hasn't changed.",
  hostingBlocked: "The hosting account stopped this update, so nothing has changed. An administrator needs to fix the account; there's nothing you need to change.",
  // failureKind "install" and "unavailable": rephrasing can't help with either.
  installFailed: "Couldn't prepare the preview: one of the add-ons the app relies on couldn't be downloaded. Try again in a few minutes; if it keeps happening, ask for the change without that add-on.",
  hostUnavailable: "The preview service is busy right now, so the preview wasn't updated. Try again in a few minutes; there's nothing you need to change.",
} as const;
