/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file run by Node inside the sandbox, not bundled */
// Runs in the preview's sandbox: the app's own Next.js server (what
// `next start` runs), listening on a Unix socket instead of a TCP port, so
// the sandbox needs no network at all and the preview host reaches it
// through the socket's folder, the only one it shares.
const http = require("node:http");

const [appDir, socket] = process.argv.slice(2);
const loaded = require(require.resolve("next", { paths: [appDir] }));
const createNext = loaded.default ?? loaded;
const app = createNext({ dir: appDir, dev: false });

app.prepare().then(
  () => {
    const handle = app.getRequestHandler();
    http.createServer((req, res) => handle(req, res)).listen(socket);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
