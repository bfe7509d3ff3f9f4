// @vitest-environment jsdom
import { Message, type MessageBinaryFormat, StreamingMessage } from "@v0-sdk/react";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { saveFailedReply, saveVersion } from "./chat-store";
import { describeNewApp, FAILURE_TEXT } from "./explain";
import { renderFiles } from "./render";
import { initialSpec } from "./spec";
import { writeReply } from "./stream-writer";

// The writer's real stream, with its database writes recorded instead.
vi.mock("./chat-store", () => ({ saveVersion: vi.fn(), saveFailedReply: vi.fn() }));
vi.mock("./render", async (importOriginal) =>
  (await import("@/tests/helpers/exploding-render")).explodingRender(await importOriginal()),
);

const spec = initialSpec("a todo app with a dark theme");
const files = renderFiles(spec);
const explanation = describeNewApp({ spec, missing: [] });
const CodeProjectPart = ({ code, language }: { code?: string; language?: string }) => (
  <pre data-testid="file" data-language={language}>
    {code}
  </pre>
);

beforeEach(() => {
  vi.mocked(saveVersion).mockReset().mockResolvedValue(undefined);
  vi.mocked(saveFailedReply).mockReset().mockResolvedValue(undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function streamInto(stream: ReadableStream<Uint8Array>) {
  const onComplete = vi.fn();
  const onChatData = vi.fn();
  const onError = vi.fn();
  render(
    <StreamingMessage
      stream={stream}
      messageId="live"
      role="assistant"
      components={{ CodeProjectPart }}
      onComplete={onComplete}
      onChatData={onChatData}
      onError={onError}
    />,
  );
  return { onComplete, onChatData, onError };
}

describe("the local generator's reply in @v0-sdk/react", () => {
  it("streams into StreamingMessage: the explanation, then one code block per file", async () => {
    const { onComplete, onChatData, onError } = streamInto(writeReply({ chatId: "chat_1", spec, explanation }));
    await waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(screen.getByText(explanation)).toBeTruthy();
    const blocks = screen.getAllByTestId("file");
    expect(blocks.map((b) => b.textContent)).toEqual(files.map((f) => f.content));
    expect(blocks[0]!.dataset.language).toBe("tsx");
    expect(onChatData).toHaveBeenNthCalledWith(1, expect.objectContaining({ object: "chat", id: "chat_1", name: "My Tasks" }));
    expect(onChatData).toHaveBeenLastCalledWith(expect.objectContaining({ latestVersion: expect.objectContaining({ status: "completed" }) }));
    expect(onError).not.toHaveBeenCalled();
    // What streamed is exactly what was stored for the history.
    expect(onComplete.mock.calls[0]![0]).toEqual(vi.mocked(saveVersion).mock.calls[0]![0].content);
  });

  it("renders the stored content the same way for history", async () => {
    const { onComplete } = streamInto(writeReply({ chatId: "chat_1", spec, explanation }));
    await waitFor(() => expect(onComplete).toHaveBeenCalled());
    cleanup();
    const stored = vi.mocked(saveVersion).mock.calls[0]![0].content;
    render(<Message content={stored as MessageBinaryFormat} messageId="m" role="assistant" components={{ CodeProjectPart }} />);
    expect(screen.getByText(explanation)).toBeTruthy();
    expect(screen.getAllByTestId("file")).toHaveLength(files.length);
  });

  it("says so in plain words when writing fails before anything was shown", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = { ...spec, title: "Explode" };
    const { onComplete } = streamInto(writeReply({ chatId: "chat_1", spec: broken, explanation: describeNewApp({ spec: broken, missing: [] }) }));
    await waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(screen.getByText(FAILURE_TEXT)).toBeTruthy();
    expect(screen.queryAllByTestId("file")).toHaveLength(0);
    expect(saveVersion).not.toHaveBeenCalled();
    expect(saveFailedReply).toHaveBeenCalledWith(expect.objectContaining({ chatId: "chat_1", text: FAILURE_TEXT }));
    expect(logged).toHaveBeenCalled();
  });

  it("says so after the code when saving fails", async () => {
    vi.mocked(saveVersion).mockRejectedValueOnce(new Error("database gone"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { onComplete, onChatData } = streamInto(writeReply({ chatId: "chat_1", spec, explanation }));
    await waitFor(() => expect(onComplete).toHaveBeenCalled());
    expect(screen.getByText(explanation)).toBeTruthy();
    expect(screen.getByText(FAILURE_TEXT)).toBeTruthy();
    expect(onChatData).toHaveBeenCalledTimes(1);
  });
});
