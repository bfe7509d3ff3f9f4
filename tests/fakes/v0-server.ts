// A local HTTP server that answers like v0's Platform API (v1) for the calls
// the v0 client makes when reading a chat and its latest version: the chat
// JSON (files the model wrote, text only, no default files), the version JSON
// with `includeDefaultFiles`, and the version's zip export built from the
// chat's files with images as bytes. Bearer auth as v0 does it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { zipSync } from "fflate";
import { contentBytes } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import { DONE_EVENT, encodeEvent } from "@/lib/v0/stream-events";

export type FakeV0Chat = {
  id: string;
  name?: string;
  versionId: string;
  status?: "pending" | "completed" | "failed";
  // The whole project of the latest version, as v0 exports it.
  files: FileMap;
  // Put the export inside one folder, as some archive tools do.
  archiveRoot?: string;
  messages?: { id: string; role: "user" | "assistant"; content: string; createdAt: string }[];
};

// A small working app: what a reply writes unless the test says otherwise.
const DEFAULT_APP: FileMap = {
  "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n`,
  "app/page.tsx": `export default function Page() {\n  return <main><h1>Hello from v0</h1></main>;\n}\n`,
};

export type RecordedV0Request = { method: string; path: string; auth?: string };
type Fault = { method: string; path: RegExp; status: number; type?: string; body?: string; times: number };

// v0's "default files": template files it adds to every project and leaves
// out of a chat's own file list.
export const isDefaultFile = (path: string) => path.startsWith("components/ui/") || path.startsWith("hooks/") || path === "lib/utils.ts";

const json = (status: number, body: unknown) => ({ status, type: "application/json", body: Buffer.from(JSON.stringify(body)) });

export async function startFakeV0(options: { apiKey?: string } = {}) {
  const apiKey = options.apiKey ?? "v0_test_key";
  const chats = new Map<string, FakeV0Chat>();
  const requests: RecordedV0Request[] = [];
  const faults: Fault[] = [];
  const replies: FileMap[] = [];
  let created = 0;

  // JSON lists carry strings only: a binary file appears as a link to it,
  // which is not its bytes.
  const fileDetails = (chat: FakeV0Chat, includeDefaults: boolean) =>
    Object.entries(chat.files)
      .filter(([path]) => includeDefaults || !isDefaultFile(path))
      .map(([name, content]) => ({
        object: "file",
        name,
        content: typeof content === "string" ? content : `https://blob.v0.example/${chat.id}/${name}`,
        locked: false,
      }));

  const version = (chat: FakeV0Chat, includeDefaults: boolean) => ({
    id: chat.versionId,
    object: "version",
    status: chat.status ?? "completed",
    demoUrl: `https://demo-${chat.id}.vusercontent.example`,
    createdAt: "2026-01-01T00:00:05Z",
    files: fileDetails(chat, includeDefaults),
  });

  // POST /chats and POST /chats/{id}/messages in v0's streaming mode: the
  // chat snapshot (how a new chat's id first reaches the caller), the reply
  // as a content delta, the final chat, [DONE]. The reply's version holds the
  // next queued project (or a small default app).
  function reply(chat: FakeV0Chat, message: string): { status: number; type: string; body: Buffer } {
    created += 1;
    const now = new Date().toISOString();
    const text = `Here is your app for: ${message}`;
    chat.versionId = `ver_${created}`;
    chat.files = replies.shift() ?? DEFAULT_APP;
    chat.messages = [
      ...(chat.messages ?? []),
      { id: `msg_${created}_u`, role: "user", content: message, createdAt: now },
      { id: `msg_${created}_a`, role: "assistant", content: text, createdAt: now },
    ];
    chats.set(chat.id, chat);
    const snapshot = { object: "chat", id: chat.id, name: chat.name ?? chat.id, messages: chat.messages };
    const events = [
      encodeEvent(snapshot),
      encodeEvent({ id: `msg_${created}_a`, delta: { _t: "a", 0: [[0, [["p", {}, text]]]] } }),
      encodeEvent({ ...snapshot, latestVersion: version(chat, false) }),
      DONE_EVENT,
    ];
    return { status: 200, type: "text/event-stream", body: Buffer.concat(events) };
  }

  function route(method: string, url: URL, body: { message?: string }): { status: number; type: string; body: Buffer } {
    const path = url.pathname;
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/chats") {
      return reply({ id: `chat_${created + 1}`, versionId: "", files: {} }, body.message ?? "");
    }
    if (method === "POST" && (m = path.match(/^\/v1\/chats\/([^/]+)\/messages$/))) {
      const chat = chats.get(decodeURIComponent(m[1]!));
      return chat ? reply(chat, body.message ?? "") : json(404, { error: { message: "Chat not found" } });
    }
    if (method !== "GET" || !(m = path.match(/^\/v1\/chats\/([^/]+)(\/.*)?$/))) return json(404, { error: { message: "Not found" } });
    const chat = chats.get(decodeURIComponent(m[1]!));
    if (!chat) return json(404, { error: { message: "Chat not found" } });
    const rest = m[2] ?? "";
    if (rest === "") {
      const messages = (chat.messages ?? []).map((msg) => ({ ...msg, object: "message", type: "message", chatId: chat.id }));
      return json(200, { id: chat.id, object: "chat", name: chat.name ?? chat.id, messages, latestVersion: version(chat, false) });
    }
    if (!(m = rest.match(/^\/versions\/([^/]+)(\/download)?$/)) || decodeURIComponent(m[1]!) !== chat.versionId) {
      return json(404, { error: { message: "Version not found" } });
    }
    const includeDefaults = url.searchParams.get("includeDefaultFiles") === "true";
    if (!m[2]) return json(200, version(chat, includeDefaults));
    if (url.searchParams.get("format") !== "zip") return json(400, { error: { message: "unsupported format" } });
    const root = chat.archiveRoot ? `${chat.archiveRoot}/` : "";
    const entries = Object.fromEntries(
      Object.entries(chat.files)
        .filter(([p]) => includeDefaults || !isDefaultFile(p))
        .map(([p, content]) => [root + p, contentBytes(content)]),
    );
    return { status: 200, type: "application/zip", body: Buffer.from(zipSync(entries, { level: 1 })) };
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url!, "http://fake");
      requests.push({ method: req.method!, path: url.pathname + url.search, auth: req.headers.authorization });
      let answer: { status: number; type: string; body: Buffer };
      const fault = faults.find((f) => f.times > 0 && f.method === req.method && f.path.test(url.pathname));
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        answer = json(401, { error: { message: "Unauthorized" } });
      } else if (fault) {
        fault.times -= 1;
        answer = { status: fault.status, type: fault.type ?? "application/json", body: Buffer.from(fault.body ?? JSON.stringify({ error: { message: "fault" } })) };
      } else {
        answer = route(req.method!, url, raw ? (JSON.parse(raw) as { message?: string }) : {});
      }
      res.writeHead(answer.status, { "content-type": answer.type, "content-length": answer.body.length });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  return {
    baseUrl,
    apiKey,
    requests,
    addChat(chat: FakeV0Chat) {
      chats.set(chat.id, chat);
    },
    // The project the next reply's version will hold.
    replyWith(files: FileMap) {
      replies.push(files);
    },
    // The next `times` matching requests answer with this instead.
    fail(fault: Omit<Fault, "times"> & { times?: number }) {
      faults.push({ times: 1, ...fault });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type FakeV0 = Awaited<ReturnType<typeof startFakeV0>>;
