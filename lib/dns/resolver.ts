import { Resolver } from "node:dns/promises";

/**
 * DNS lookups with a chosen server and a hard deadline. Tests and the demo point this at the emulator's DNS
 * ("127.0.0.1:PORT"); production uses the system's servers. One try per query: a slow resolver should show up as
 * a lookup failure, not as a check that hangs.
 */
export type LookupResult =
  | { ok: true; values: string[] }
  /** NXDOMAIN or NODATA: the name or the type is not there */
  | { ok: false; absent: true; error: string }
  /** timeout, SERVFAIL, refused …: we do not know */
  | { ok: false; absent: false; error: string };

export type RecordType = "CNAME" | "TXT" | "MX" | "A" | "AAAA";

export interface Lookup {
  (type: RecordType, name: string): Promise<LookupResult>;
  /** server description for evidence */
  server: string;
  close(): void;
}

const ABSENT = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN", "NODATA"]);

export class DnsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DnsConfigError";
  }
}

export function createLookup(opts: { dnsServer?: string; timeoutMs: number }): Lookup {
  const timeoutMs = Math.max(50, Math.floor(opts.timeoutMs));
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (opts.dnsServer) {
    try {
      resolver.setServers([opts.dnsServer]);
    } catch {
      throw new DnsConfigError(`Invalid DNS server "${opts.dnsServer}"; expected host:port, e.g. 127.0.0.1:5353`);
    }
  }
  const cache = new Map<string, Promise<LookupResult>>();

  const run = async (type: RecordType, name: string): Promise<LookupResult> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<LookupResult>((resolve) => {
      // c-ares has its own timeout; this guard catches anything that slips past it
      timer = setTimeout(() => resolve({ ok: false, absent: false, error: "ETIMEOUT" }), timeoutMs + 250);
    });
    const query = (async (): Promise<LookupResult> => {
      try {
        switch (type) {
          case "CNAME":
            return { ok: true, values: (await resolver.resolveCname(name)).map(normalizeHost) };
          case "TXT":
            return { ok: true, values: (await resolver.resolveTxt(name)).map((chunks) => chunks.join("")) };
          case "MX":
            return {
              ok: true,
              values: (await resolver.resolveMx(name)).map((mx) => `${mx.priority} ${normalizeHost(mx.exchange)}`),
            };
          case "A":
            return { ok: true, values: await resolver.resolve4(name) };
          case "AAAA":
            return { ok: true, values: await resolver.resolve6(name) };
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "ERROR";
        return { ok: false, absent: ABSENT.has(code), error: code };
      }
    })();
    try {
      return await Promise.race([query, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };

  const lookup = ((type: RecordType, name: string) => {
    const key = `${type} ${normalizeHost(name)}`;
    let p = cache.get(key);
    if (!p) {
      p = run(type, normalizeHost(name));
      cache.set(key, p);
    }
    return p;
  }) as Lookup;
  lookup.server = opts.dnsServer ?? "system resolver";
  lookup.close = () => resolver.cancel();
  return lookup;
}

export function normalizeHost(name: string): string {
  return name.trim().replace(/\.+$/, "").toLowerCase();
}
