import { createVerify } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A platform's SNS webhook as a plain Node HTTP server: records every POST, verifies each message's signature with
 * the certificate at its SigningCertURL (fetched only from the stand-in's own URL), and — like Plunk and useSend —
 * confirms a subscription by a GET of its SubscribeURL when `autoConfirm` is on.
 */

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, string>;
  signatureValid: boolean;
}

const SIGNED: Record<string, string[]> = {
  Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
  SubscriptionConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
  UnsubscribeConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
};

/** The platform-side check, written from AWS's documentation independently of the stand-in's signer. */
export async function verifySnsSignature(body: Record<string, string>, trustedBase: string): Promise<boolean> {
  if (!body.SigningCertURL?.startsWith(`${trustedBase}/`)) return false;
  const fields = SIGNED[body.Type];
  if (!fields) return false;
  const text = fields
    .filter((f) => body[f] !== undefined)
    .map((f) => `${f}\n${body[f]}\n`)
    .join("");
  const cert = await (await fetch(body.SigningCertURL, { signal: AbortSignal.timeout(5000) })).text();
  const algorithm = body.SignatureVersion === "2" ? "RSA-SHA256" : body.SignatureVersion === "1" ? "RSA-SHA1" : "";
  if (!algorithm) return false;
  return createVerify(algorithm).update(text, "utf8").verify(cert, body.Signature, "base64");
}

export interface Webhook {
  url: string;
  received: Received[];
  /** resolves with the first message (already received or arriving) that matches */
  next(match: (r: Received) => boolean, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startWebhook(o: {
  trustedBase: string;
  autoConfirm?: boolean;
  /** status to answer with (default 200) */
  status?: number | (() => number);
}): Promise<Webhook> {
  const received: Received[] = [];
  const waiters: Array<{ match: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const status = typeof o.status === "function" ? o.status() : (o.status ?? 200);
      let body: Record<string, string> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {}
      const signatureValid = await verifySnsSignature(body, o.trustedBase).catch(() => false);
      res.writeHead(status).end();
      if (
        status >= 200 &&
        status < 300 &&
        o.autoConfirm &&
        body.Type === "SubscriptionConfirmation" &&
        signatureValid
      ) {
        await fetch(body.SubscribeURL, { signal: AbortSignal.timeout(5000) }).then((r) => r.text());
      }
      const r: Received = { path: req.url ?? "/", headers: req.headers, body, signatureValid };
      received.push(r);
      for (const w of [...waiters]) {
        if (w.match(r)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    next(match, timeoutMs = 5000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i !== -1) {
            waiters.splice(i, 1);
            reject(new Error(`no matching SNS message within ${timeoutMs} ms (got ${received.length})`));
          }
        }, timeoutMs).unref();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
