/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file run by Node inside the sandbox, not bundled */
// Runs in the build's sandbox, in front of `next build`: Turbopack fetches
// each next/font/google face's file over HTTP, and the sandbox has no
// network but a loopback of its own. This answers on 127.0.0.1:<port> with
// the font files of this build's calls (mounted read-only), and nothing
// else, while next build runs as its child; it ends as next build ends.
//
//   node font-server.cjs <port> <{"/url/path": "/file", …}> <next build's arguments…>
const { spawn } = require("node:child_process");
const { readFile } = require("node:fs");
const http = require("node:http");

const [port, routes, ...command] = process.argv.slice(2);
const files = new Map(Object.entries(JSON.parse(routes)));

const server = http.createServer((req, res) => {
  const file = req.method === "GET" ? files.get(new URL(req.url, "http://127.0.0.1").pathname) : undefined;
  if (!file) return void res.writeHead(404).end();
  readFile(file, (error, body) => {
    if (error) res.writeHead(500).end();
    else res.writeHead(200, { "content-type": "font/woff2", "content-length": body.length }).end(body);
  });
});

server.on("error", (error) => {
  console.error(`The font files could not be served to next build: ${error.message}`);
  process.exit(1);
});

server.listen(Number(port), "127.0.0.1", () => {
  const child = spawn(process.execPath, command, { stdio: "inherit" });
  child.on("exit", (code, signal) => {
    server.close();
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
});
