// The image's entry point (copied next to the standalone build's server.js as sesame-server.cjs): Next's standalone
// server through Next's documented custom-server API, with one fast path in front of it.
//
// GET/HEAD /api/health is answered straight from the health route's last serialised answer while that answer is
// fresh (published on globalThis by lib/health/respond.ts, same process). Anything else — including every health
// request once the answer is due for a refresh, any query string or trailing slash (Next redirects those) — goes
// through Next, so the cache, single flight and stale-while-revalidate logic stay in one place; this only skips
// Next's per-request pipeline (~1 ms of CPU) for the hot readiness probe. The fast answer is byte-for-byte the
// route's: same status, body and headers, including Next's Vary list and Next's own compression middleware.
"use strict";
const http = require("node:http");
const path = require("node:path");

/** What Next's base server puts in Vary on every App Router answer (base-server.js setVaryHeader). */
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

/**
 * @typedef {{ text: string; status: number; headers: Record<string, string>; freshUntil: number }} Published
 * @param {{ compress?: (req: any, res: any, next: () => void) => void; now?: () => number; published?: () => Published | undefined }} [opts]
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean}
 *   true when it answered, false when the request must go to Next
 */
function createFastHealth(opts = {}) {
  const now = opts.now ?? Date.now;
  const published = opts.published ?? (() => globalThis.__sesameHealthResponse);
  return function fastHealth(req, res) {
    if ((req.method !== "GET" && req.method !== "HEAD") || req.url !== "/api/health") return false;
    const memo = published();
    if (!memo || typeof memo.text !== "string" || !(now() < memo.freshUntil)) return false;
    res.statusCode = memo.status;
    for (const [name, value] of Object.entries(memo.headers)) res.setHeader(name, value);
    res.appendHeader("Vary", NEXT_VARY);
    // Next compresses its answers (router-server.js) with this very middleware; it sets Vary: Accept-Encoding too
    if (opts.compress) opts.compress(req, res, () => {});
    res.end(req.method === "HEAD" ? undefined : memo.text);
    return true;
  };
}

/**
 * Stops accepting connections, lets requests in flight finish, and exits; a request that never ends (a held-open
 * stream) cannot block the stop beyond `graceMs` — below Docker's default 10 s before SIGKILL.
 * @param {import("node:http").Server} server
 * @param {number} graceMs
 * @returns {(signal: string) => void}
 */
function gracefulStop(server, graceMs) {
  let stopping = false;
  let finished = false;
  return (signal) => {
    if (stopping) return process.exit(1); // a second signal: the operator wants out now
    stopping = true;
    console.log(`Sesame: ${signal}, closing`);
    // close() only drops the connections idle at that moment; a keep-alive connection whose request finishes
    // later would hold the close for its keep-alive timeout, so idle ones are swept until the server is closed
    const sweep = setInterval(() => server.closeIdleConnections?.(), 100);
    sweep.unref();
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(sweep);
      clearTimeout(force);
      process.exit(0);
    };
    const force = setTimeout(() => {
      server.closeAllConnections?.();
      finish();
    }, graceMs);
    force.unref();
    server.close(finish);
    server.closeIdleConnections?.();
  };
}

/**
 * What the log says at start: where Sesame listens and how to open the wizard. In a container the port is the
 * container's; compose publishes it on the host's 127.0.0.1:SESAME_PORT (docker-compose.yml).
 * @param {string} hostname @param {number} port @param {string | undefined} token
 */
function startBanner(hostname, port, token) {
  const local = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
  const wizard = `http://${local}:${port}/setup`;
  return [
    `Sesame listening on http://${hostname}:${port}${hostname === "127.0.0.1" ? " (this machine only; HOST=0.0.0.0 for every interface)" : ""}`,
    token
      ? `Setup wizard (token generated for this start, printed only here): ${wizard}?token=${token}`
      : `Setup wizard: ${wizard} (sign in with SESAME_SETUP_TOKEN)`,
  ].join("\n");
}

function start() {
  process.env.NODE_ENV = "production";
  process.chdir(__dirname);

  const port = Number.parseInt(process.env.PORT ?? "", 10) || 3000;
  // this machine only unless HOST says otherwise; the image sets HOST=0.0.0.0 (its port is published on loopback)
  const hostname = process.env.HOST || "127.0.0.1";
  // A setup token made up here is printed once, below; one the operator set (.env) is never echoed.
  const generatedToken = process.env.SESAME_SETUP_TOKEN
    ? undefined
    : require("node:crypto").randomBytes(24).toString("base64url");
  if (generatedToken) process.env.SESAME_SETUP_TOKEN = generatedToken;
  const conf = require(path.join(__dirname, ".next", "required-server-files.json")).config;
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);

  const next = require("next");
  const app = next({ dev: false, dir: __dirname, hostname, port, conf });
  const handle = app.getRequestHandler();
  const compress = conf.compress === false ? undefined : require("next/dist/compiled/compression")();
  const fastHealth = createFastHealth({ compress });

  app
    .prepare()
    .then(() => {
      const server = http.createServer((req, res) => {
        let served = false;
        try {
          served = fastHealth(req, res);
        } catch (err) {
          // a bad published value must not take health down: Next answers instead (if nothing was sent yet)
          console.error(err);
          served = res.headersSent;
          if (!served) for (const name of res.getHeaderNames()) res.removeHeader(name);
        }
        if (served) return;
        handle(req, res).catch((err) => {
          console.error(err);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      const keepAlive = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? "", 10);
      if (Number.isFinite(keepAlive) && keepAlive >= 0) server.keepAliveTimeout = keepAlive;
      server.once("error", (err) => {
        if (err.code === "EADDRINUSE") console.error(`Sesame: port ${port} is busy — set PORT=… to another port`);
        else console.error(`Sesame: cannot listen on ${hostname}:${port}: ${err.code ?? err.message}`);
        process.exit(1);
      });
      server.listen(port, hostname, () => console.log(startBanner(hostname, port, generatedToken)));
      const grace = Number.parseInt(process.env.SESAME_SHUTDOWN_GRACE_MS ?? "", 10);
      const stop = gracefulStop(server, Number.isFinite(grace) && grace >= 0 ? grace : 8000);
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

module.exports = { createFastHealth, gracefulStop, startBanner, NEXT_VARY };

if (require.main === module) start();
