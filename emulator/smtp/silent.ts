import { createServer, type Socket } from "node:net";

/**
 * A port that accepts TCP connections and never says a word: what an SMTP client sees behind a middlebox that
 * swallows the session, or when it waits for a greeting on a port that expects TLS from the first byte. The SMTP
 * port check must report it as a timeout, not hang (docs/emulator.md).
 */
export async function startSilentListener(
  host: string,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    // whatever arrives is read and ignored
    socket.resume();
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const a = server.address();
      resolve(typeof a === "object" && a ? a.port : port);
    });
  });
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
