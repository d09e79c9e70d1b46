// The image's entry point (copied next to the standalone build's server.js as sesame-server.cjs): Next's standalone
// server through Next's documented custom-server API, with one fast path in front of it.
//
// GET /api/health is answered straight from the health route's last serialised answer while that answer is fresh
// (published on globalThis by lib/health/respond.ts, same process). Anything else — including every health request
// once the answer is due for a refresh — goes through Next, so the cache, single flight and stale-while-revalidate
// logic stay in one place; this only skips Next's per-request pipeline (~1 ms of CPU) for the hot readiness probe.
"use strict";
const http = require("node:http");
const path = require("node:path");

process.env.NODE_ENV = "production";
process.chdir(__dirname);

const port = Number.parseInt(process.env.PORT ?? "", 10) || 3000;
const hostname = process.env.HOSTNAME || "0.0.0.0";
const conf = require(path.join(__dirname, ".next", "required-server-files.json")).config;
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);

const next = require("next");
const app = next({ dev: false, dir: __dirname, hostname, port, conf });
const handle = app.getRequestHandler();

/** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
function fastHealth(req, res) {
  if (req.method !== "GET" || (req.url !== "/api/health" && req.url !== "/api/health/")) return false;
  const memo = globalThis.__sesameHealthResponse;
  if (!memo || Date.now() >= memo.freshUntil) return false;
  res.writeHead(memo.status, memo.headers);
  res.end(memo.text);
  return true;
}

app
  .prepare()
  .then(() => {
    const server = http.createServer((req, res) => {
      if (fastHealth(req, res)) return;
      handle(req, res).catch((err) => {
        console.error(err);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    const keepAlive = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? "", 10);
    if (Number.isFinite(keepAlive) && keepAlive >= 0) server.keepAliveTimeout = keepAlive;
    server.listen(port, hostname, () => console.log(`Sesame listening on http://${hostname}:${port}`));
    const stop = () => server.close(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
