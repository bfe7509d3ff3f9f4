// @vitest-environment jsdom
import { Message, type MessageBinaryFormat, StreamingMessage } from "@v0-sdk/react";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentDeltas, finalContent } from "./message-content";
import { renderFiles } from "./render";
import { describeNewApp, initialSpec } from "./spec";
import { DONE_EVENT, encodeEvent } from "../stream-events";

// The generator's stream, event for event, as chat-service writes it.
function generatorStream(explanation: string, files: { name: string; content: string }[]): ReadableStream<Uint8Array> {
  const events = [
    encodeEvent({ object: "chat", id: "chat_1", name: "My Tasks" }),
    ...contentDeltas(explanation, files).map((delta) => encodeEvent({ id: "msg_1", object: "message.experimental_content.chunk", delta })),
    DONE_EVENT,
  ];
  return new ReadableStream({
    async pull(controller) {
      const next = events.shift();
      if (!next) return controller.close();
      await new Promise((r) => setTimeout(r, 1));
      controller.enqueue(next);
    },
  });
}

const spec = initialSpec("a todo app with a dark theme");
const files = renderFiles(spec);
const explanation = describeNewApp(spec);
const CodeProjectPart = ({ code }: { code?: string }) => <pre data-testid="file">{code}</pre>;

afterEach(cleanup);

describe("the local generator's reply in @v0-sdk/react", () => {
  it("streams into StreamingMessage: the explanation and one code block per file", async () => {
    const onComplete = vi.fn();
    const onChatData = vi.fn();
    render(
      <StreamingMessage
        stream={generatorStream(explanation, files)}
        messageId="msg_1"
        role="assistant"
        components={{ CodeProjectPart }}
        onComplete={onComplete}
        onChatData={onChatData}
      />,
    );
    await waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(screen.getByText(explanation)).toBeTruthy();
    expect(screen.getAllByTestId("file")).toHaveLength(files.length);
    expect(onChatData).toHaveBeenCalledWith(expect.objectContaining({ id: "chat_1" }));
    expect(onComplete.mock.calls[0]![0]).toEqual(finalContent(explanation, files));
  });

  it("renders the stored content the same way for history", () => {
    render(<Message content={finalContent(explanation, files) as MessageBinaryFormat} messageId="m" role="assistant" components={{ CodeProjectPart }} />);
    expect(screen.getByText(explanation)).toBeTruthy();
    expect(screen.getAllByTestId("file")[0]!.textContent).toContain("export default function RootLayout");
  });
});
