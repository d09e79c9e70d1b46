import { createServer } from "node:net";

/**
 * Tries the address Sesame is about to listen on, so a busy port or a wrong HOST is one sentence saying what to
 * change instead of Next's EADDRINUSE stack. Returns the problem, or undefined when the address is free.
 */
export function listenProblem(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE")
        resolve(
          `port ${port} is busy — set PORT=… to another port, e.g. PORT=${port === 3000 ? 3001 : port + 1} npm start`,
        );
      else if (err.code === "EACCES")
        resolve(`port ${port} needs root — set PORT=… to a port above 1023, e.g. PORT=3000 npm start`);
      else if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND" || err.code === "EAI_AGAIN")
        resolve(`HOST=${host} is not an address of this machine — set HOST=127.0.0.1 (default) or HOST=0.0.0.0`);
      else resolve(`cannot listen on ${host}:${port}: ${err.code ?? err.message}`);
    });
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(undefined)));
  });
}

/** PORT as given, or a sentence saying why it is not a port. */
export function parsePort(value: string | undefined): number | string {
  if (value === undefined || value === "") return 3000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) return `PORT=${value} is not a port number (1-65535)`;
  return n;
}

/** The host part of a URL a browser on this machine can open, for the address Sesame listens on. */
export function browserHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
