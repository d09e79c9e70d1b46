import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request that passed through a recording proxy: where it was signed for and what it asked. */
export interface RecordedCall {
  method: string;
  path: string;
  /** from the Authorization header's credential scope: <key>/<date>/<region>/<service>/aws4_request */
  scopeRegion?: string;
  scopeService?: string;
  /** the query-protocol Action, or the REST path */
  action: string;
}

export interface RecordingProxy {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the emulator that records every call, so a test can assert which endpoint variable sent
 * which call where, and which region the call was signed for. Bodies pass through byte for byte.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const calls: RecordedCall[] = [];
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? "");
      const action = new URLSearchParams(body.toString("utf8")).get("Action") ?? req.url ?? "";
      calls.push({
        method: req.method ?? "",
        path: req.url ?? "",
        scopeRegion: scope?.[1],
        scopeService: scope?.[2],
        action,
      });
      const out = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
