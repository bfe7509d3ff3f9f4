import type { ChatPhase } from "@/lib/client/chat-state";
import type { PreviewStatus } from "@/lib/deploy/preview-status";

// The short line under the chat input. Outcomes use the server's own message,
// so it always agrees with the preview header (a first build that failed, a
// failed publish and a failed update each say something different).
export function inputStatusText(
  phase: ChatPhase,
  status: Pick<PreviewStatus, "state" | "message"> | null,
  previewBusy: boolean,
  notice: string | null,
): string | null {
  if (phase === "sending" || phase === "streaming") return "Writing your app…";
  if (status?.state === "publishing") return "Publishing…";
  if (previewBusy || phase === "finishing") return "Updating preview…";
  if (notice) return notice;
  if (status?.state === "failed" || status?.state === "ready") return status.message;
  return null;
}
