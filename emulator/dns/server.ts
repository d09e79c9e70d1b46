import dgram from "node:dgram";
import net from "node:net";
import dnsPacket from "dns-packet";
import { type DnsRecord, type DnsStore, normalizeName } from "./store";

/** The record types the store can hold; anything else is answered NODATA / NXDOMAIN like a real zone would. */
const MAX_CNAME_CHAIN = 8;
const FLAGS_AA = dnsPacket.AUTHORITATIVE_ANSWER;
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** TXT character-strings are at most 255 bytes each; longer values (DKIM keys) are split, as zone tools do. */
export function splitTxt(value: string): Buffer[] {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length === 0) return [Buffer.alloc(0)];
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 255) parts.push(bytes.subarray(i, i + 255));
  return parts;
}

function toAnswer(rec: DnsRecord, ownerName: string): dnsPacket.Answer {
  const base = { name: ownerName, ttl: rec.ttl, class: "IN" as const };
  switch (rec.type) {
    case "A":
      return { ...base, type: "A", data: rec.value };
    case "AAAA":
      return { ...base, type: "AAAA", data: rec.value };
    case "CNAME":
      return { ...base, type: "CNAME", data: rec.value };
    case "NS":
      return { ...base, type: "NS", data: rec.value };
    case "MX":
      return { ...base, type: "MX", data: { preference: rec.priority ?? 10, exchange: rec.value } };
    case "TXT":
      return { ...base, type: "TXT", data: splitTxt(rec.value) };
  }
}

function zoneOf(store: DnsStore, name: string): string {
  const zones = store.zones().filter((z) => name === z || name.endsWith(`.${z}`));
  zones.sort((a, b) => b.length - a.length);
  return zones[0] ?? name;
}

function soaFor(zone: string): dnsPacket.Answer {
  return {
    name: zone,
    type: "SOA",
    ttl: 60,
    class: "IN",
    data: {
      mname: `ns1.${zone}`,
      rname: `hostmaster.${zone}`,
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: 60,
    },
  };
}

/** Builds the response for one query packet (pure, so unit tests can call it without sockets). */
export function answerQuery(store: DnsStore, query: dnsPacket.Packet): dnsPacket.Packet {
  const response: dnsPacket.Packet = {
    id: query.id,
    type: "response",
    flags: FLAGS_AA | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED),
    questions: query.questions ?? [],
    answers: [],
    authorities: [],
  };
  const q = query.questions?.[0];
  if (!q || (query.questions?.length ?? 0) !== 1) {
    response.flags = (response.flags ?? 0) | RCODE.FORMERR;
    return response;
  }
  const name = normalizeName(q.name);
  if (!store.isAuthoritativeFor(name)) {
    response.flags = ((response.flags ?? 0) & ~FLAGS_AA) | RCODE.REFUSED;
    return response;
  }
  const type = String(q.type).toUpperCase();
  const answers: dnsPacket.Answer[] = [];
  let current = name;
  let owner = q.name;
  for (let depth = 0; depth < MAX_CNAME_CHAIN; depth++) {
    const direct = store.resolve(current, type);
    if (direct.length > 0) {
      for (const r of direct) answers.push(toAnswer(r, owner));
      break;
    }
    if (type === "CNAME") break;
    const cname = store.resolve(current, "CNAME")[0];
    if (!cname) break;
    answers.push(toAnswer(cname, owner));
    // chase only inside the data we are authoritative for; a resolver follows the rest itself
    if (
      !store.isAuthoritativeFor(cname.value) ||
      answers.some((a, i) => i < answers.length - 1 && a.name === cname.value)
    )
      break;
    current = cname.value;
    owner = cname.value;
  }
  if (type === "SOA" && answers.length === 0 && store.zones().includes(name)) answers.push(soaFor(name));
  response.answers = answers;
  if (answers.length === 0) {
    response.authorities = [soaFor(zoneOf(store, name))];
    if (!store.nameExists(name) && !store.zones().includes(name))
      response.flags = (response.flags ?? 0) | RCODE.NXDOMAIN;
  }
  return response;
}

/** The largest UDP reply the client accepts: 512 bytes, or what its EDNS OPT record advertises (RFC 6891). */
function udpLimit(query: dnsPacket.Packet | undefined): number {
  const opt = query?.additionals?.find((a) => a.type === "OPT") as { udpPayloadSize?: number } | undefined;
  return Math.max(512, Math.min(opt?.udpPayloadSize ?? 512, 4096));
}

function respond(store: DnsStore, message: Buffer): { reply: Buffer; query?: dnsPacket.Packet } | undefined {
  let query: dnsPacket.Packet;
  try {
    query = dnsPacket.decode(message);
  } catch {
    if (message.length < 2) return undefined;
    // undecodable question: FORMERR with the id echoed, as a server must
    return {
      reply: dnsPacket.encode({ id: message.readUInt16BE(0), type: "response", flags: RCODE.FORMERR, questions: [] }),
    };
  }
  if (query.type !== "query") return undefined;
  try {
    return { reply: dnsPacket.encode(answerQuery(store, query)), query };
  } catch {
    return {
      reply: dnsPacket.encode({ id: query.id, type: "response", flags: RCODE.SERVFAIL, questions: query.questions }),
      query,
    };
  }
}

function listenUdp(socket: dgram.Socket, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once("error", onError);
    socket.bind(port, host, () => {
      socket.off("error", onError);
      resolve(socket.address().port);
    });
  });
}

function listenTcp(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

function handleTcp(store: DnsStore, socket: net.Socket): void {
  let buffered = Buffer.alloc(0);
  socket.setTimeout(10_000, () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    // RFC 1035 §4.2.2: every message is prefixed with its two-byte length; a connection may carry several
    while (buffered.length >= 2) {
      const len = buffered.readUInt16BE(0);
      if (buffered.length < 2 + len) break;
      const message = buffered.subarray(2, 2 + len);
      buffered = buffered.subarray(2 + len);
      const reply = respond(store, message)?.reply;
      if (!reply) continue;
      const framed = Buffer.alloc(2 + reply.length);
      framed.writeUInt16BE(reply.length, 0);
      reply.copy(framed, 2);
      socket.write(framed);
    }
  });
}

/**
 * Authoritative DNS for the emulator's zones over UDP and TCP on one port number. Answers from the store at query
 * time, so records added or removed through the admin API take effect at once (TTL is cosmetic here).
 */
export async function startDnsServer(
  store: DnsStore,
  opts: { host: string; port: number },
): Promise<{ port: number; close(): Promise<void> }> {
  // port 0: take a free UDP port, then claim the same number for TCP; retry when TCP finds it taken
  const attempts = opts.port === 0 ? 10 : 1;
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    const udp = dgram.createSocket(opts.host.includes(":") ? "udp6" : "udp4");
    const tcp = net.createServer((socket) => handleTcp(store, socket));
    let port: number;
    try {
      port = await listenUdp(udp, opts.host, opts.port);
    } catch (err) {
      udp.close();
      throw err;
    }
    try {
      await listenTcp(tcp, opts.host, port);
    } catch (err) {
      lastError = err;
      udp.close();
      continue;
    }
    udp.on("message", (msg, rinfo) => {
      const answered = respond(store, msg);
      if (!answered) return;
      const { reply, query } = answered;
      if (reply.length > udpLimit(query)) {
        // too big for this client's UDP: a truncated reply (TC) makes the resolver retry over TCP
        const decoded = dnsPacket.decode(reply);
        const truncated = dnsPacket.encode({
          ...decoded,
          flags: (decoded.flags ?? 0) | (1 << 9),
          answers: [],
          authorities: [],
          additionals: [],
        });
        udp.send(truncated, rinfo.port, rinfo.address);
        return;
      }
      udp.send(reply, rinfo.port, rinfo.address);
    });
    udp.on("error", () => {});
    const sockets = new Set<net.Socket>();
    tcp.on("connection", (s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    return {
      port,
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          let pending = 2;
          const done = () => {
            if (--pending === 0) resolve();
          };
          udp.close(done);
          tcp.close(() => done());
        }),
    };
  }
  throw lastError instanceof Error ? lastError : new Error("could not bind the DNS server");
}
