import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through HTTP proxy in front of the emulator that counts AWS calls (everything but the /_emulator admin API).
 * Lets tests and the bench assert "one probe round per cache period" without the emulator keeping a counter.
 */
export interface CountingProxy {
  url: string;
  /** AWS calls seen since start or the last reset */
  count(): number;
  /** calls per action/path, for diagnostics */
  calls(): string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const t = new URL(target);
  let seen: string[] = [];
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith("/_emulator")) seen.push(`${req.method} ${req.url}`);
    const upstream = request(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      // the emulator dropped the connection (fault injection): drop ours too, as a network failure would
      res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => seen.length,
    calls: () => [...seen],
    reset: () => {
      seen = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
