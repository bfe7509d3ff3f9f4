// The words of a "Fix it" message: written by the server, sent to the
// generator like any builder message, and recognised again in the history by
// its first line so the builder sees one plain line instead of the build
// output it carries. No server-only code: the chat in the browser shows
// FIX_REQUEST_LINE while the reply streams.

// The first line of every fix request. Plain words the generator can read,
// distinctive enough that a builder won't type it by accident.
export const FIX_REQUEST_MARKER = "[Fix request] The preview build failed. Change the code so it builds again, and keep everything else as it is.";

// What the builder's chat shows in place of the message.
export const FIX_REQUEST_LINE = "Asked the AI to fix the problem that stopped the preview";

export function composeFixRequest(buildError: string): string {
  return `${FIX_REQUEST_MARKER}\n\nThe build output that names the error:\n\n\`\`\`\n${buildError}\n\`\`\``;
}

export function isFixRequest(content: string): boolean {
  return content.startsWith(FIX_REQUEST_MARKER);
}
