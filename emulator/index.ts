import type { AddressInfo } from "node:net";
import type { EmulatorConfigInput } from "./config";
import { startDnsServer } from "./dns/server";
import { FaultInjector } from "./faults";
import { createHttpServer } from "./server";
import { createSes } from "./services/ses/index";
import { startSmtpServer } from "./smtp/server";
import { startSilentListener } from "./smtp/silent";
import { World } from "./state";

export type { EmulatorConfigInput } from "./config";
export { World } from "./state";

export interface RunningEmulator {
  /** http://127.0.0.1:PORT — usable as AWS_ENDPOINT_URL for every service */
  url: string;
  ports: { http: number; smtp: number; dns: number; smtpListeners: SmtpListener[] };
  world: World;
  close(): Promise<void>;
}

/**
 * One more SMTP port: "starttls" and "implicit" serve SES's SMTP interface like 587 and 465 do; "silent" accepts and
 * never answers (a swallowed session), for the SMTP port check's timeout case.
 */
export interface SmtpListener {
  port: number;
  mode: "starttls" | "implicit" | "silent";
}

export interface StartOptions {
  host?: string;
  /** 0 (the default) = a free port */
  port?: number;
  smtpPort?: number;
  dnsPort?: number;
  /** extra SMTP listeners besides `smtpPort` (port 0 = a free port); the bound ports come back in ports.smtpListeners */
  smtpListeners?: SmtpListener[];
  quiet?: boolean;
}

/** Start the AWS stand-in: one HTTP endpoint (SES v1/v2, IAM, STS, admin), the SMTP listener and the DNS server. */
export async function startEmulator(config: EmulatorConfigInput, opts: StartOptions = {}): Promise<RunningEmulator> {
  // Always loopback: the admin API has no authentication.
  const host = opts.host ?? "127.0.0.1";
  const faults = new FaultInjector();
  const world = new World(config, createSes, faults);

  const http = createHttpServer(world, { quiet: opts.quiet });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.port ?? 0, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const closers: Array<() => Promise<void>> = [
    () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  ];
  try {
    const dns = await startDnsServer(world.dnsProxy, { host, port: opts.dnsPort ?? 0 });
    closers.push(() => dns.close());
    const smtpOptions = {
      host,
      // read per connection: /_emulator/reset to a config with another smtp.region moves the listener too
      region: () => world.config.smtp.region,
      ses: world.sesProxy,
      lookupAccessKey: world.lookupAccessKey,
      latencyMs: () => faults.latencyFor("ses"),
      nextFault: () => faults.next("ses"),
    };
    const smtp = await startSmtpServer({ ...smtpOptions, port: opts.smtpPort ?? 0 });
    closers.push(() => smtp.close());
    const smtpListeners: SmtpListener[] = [];
    for (const l of opts.smtpListeners ?? []) {
      const started =
        l.mode === "silent"
          ? await startSilentListener(host, l.port)
          : await startSmtpServer({ ...smtpOptions, port: l.port, tls: l.mode });
      closers.push(() => started.close());
      smtpListeners.push({ port: started.port, mode: l.mode });
    }
    const httpPort = (http.address() as AddressInfo).port;
    world.baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${httpPort}`;
    return {
      url: `http://${host}:${httpPort}`,
      ports: { http: httpPort, smtp: smtp.port, dns: dns.port, smtpListeners },
      world,
      close: async () => {
        world.sns.reset(world.config.sns); // stop retries in flight
        await Promise.all(closers.map((c) => c()));
      },
    };
  } catch (err) {
    await Promise.all(closers.map((c) => c().catch(() => {})));
    throw err;
  }
}
