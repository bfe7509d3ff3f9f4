import { describeSettings } from "@/lib/settings/names";

// Everything a builder may read about a preview cycle. No identifiers, branch
// names or provider text: those go to the log and the admin-only error field.
export const deployMessages = {
  updating: "Updating preview…",
  ready: "Preview ready",
  settingsApplied: "Preview ready with your settings",
  unchanged: "Preview ready. Nothing changed since the last version.",
  failedWithPrevious: "Couldn't update the preview; your last working preview is still here.",
  failedFirst: "Couldn't build the preview. Try describing the change again.",
  installFailedWithPrevious:
    "Couldn't update the preview: something the app uses couldn't be installed. Try asking for it another way; your last working preview is still here.",
  installFailedFirst: "Couldn't build the preview: something the app uses couldn't be installed. Try asking for it another way.",
  blocked: "The hosting account refused this update, so the preview wasn't changed. An administrator needs to look at it.",
  unavailable: "The preview service isn't responding right now, so the preview wasn't changed. Try again in a moment.",
  refused: "Previews can't be built on this server right now. An administrator needs to set it up.",
  interrupted: "The preview update was interrupted; try again.",
  publishInterrupted: "Publishing was interrupted; your live app hasn't changed. Try again.",
  noCode: "The latest reply didn't include app code to preview yet.",
  canceledWithPrevious: "The preview update was stopped before it finished, so the preview wasn't changed. Try again; your last working preview is still here.",
  canceledFirst: "The preview build was stopped before it finished. Try again in a moment.",
  publishCanceled: "Publishing was stopped before it finished. Your live app hasn't changed; try again in a moment.",
  unsafeFiles: "The latest reply included files we can't safely use, so the preview wasn't updated.",
  inProgress: "Your preview is still updating; try again in a moment.",
  publishInProgress: "Your app is still publishing; try again in a moment.",
  publishNeedsPreview: "Your app needs a working preview before it can be published.",
  publishing: "Publishing…",
  published: "Your app is live",
  publishFailed: "Couldn't publish this version. Your live app hasn't changed.",
  publishBlocked: "The hosting account refused to publish this version. Your live app hasn't changed; an administrator needs to look at it.",
  publishUnavailable: "The hosting service isn't responding right now. Your live app hasn't changed; try again in a moment.",
  publishConflict: "This version can't be published automatically because it clashes with what's live. Your live app hasn't changed.",
  rolledBack: "That version is live again",
  rollbackAlreadyLive: "That version is already live",
  rollbackFailed: "Couldn't put that version live. Your live app hasn't changed.",
  rollbackUnknownVersion: "We couldn't find that version.",
} as const;

// "This app needs a Stripe secret key before it can run. Add it in Settings;
// your last working preview is still here."
export function needsSettingsMessage(names: string[], keeps: "preview" | "no_preview" | "live"): string {
  const needs = `This app needs ${describeSettings(names) || "some settings"} before it can run. Add ${names.length === 1 ? "it" : "them"} in Settings`;
  if (keeps === "preview") return `${needs}; your last working preview is still here.`;
  if (keeps === "live") return `${needs}, then publish again. Your live app hasn't changed.`;
  return `${needs}, and the preview will update by itself.`;
}
