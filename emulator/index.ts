import type { AddressInfo } from "node:net";
import type { EmulatorConfigInput } from "./config";
import { startDnsServer } from "./dns/server";
import { FaultInjector } from "./faults";
import { createHttpServer } from "./server";
import { createSes } from "./services/ses/index";
import { startSmtpServer } from "./smtp/server";
import { World } from "./state";

export type { EmulatorConfigInput } from "./config";
export { World } from "./state";

export interface RunningEmulator {
  /** http://127.0.0.1:PORT — usable as AWS_ENDPOINT_URL for every service */
  url: string;
  ports: { http: number; smtp: number; dns: number };
  world: World;
  close(): Promise<void>;
}

export interface StartOptions {
  host?: string;
  /** 0 (the default) = a free port */
  port?: number;
  smtpPort?: number;
  dnsPort?: number;
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
    const smtp = await startSmtpServer({
      host,
      port: opts.smtpPort ?? 0,
      // read per connection: /_emulator/reset to a config with another smtp.region moves the listener too
      region: () => world.config.smtp.region,
      ses: world.sesProxy,
      lookupAccessKey: world.lookupAccessKey,
      latencyMs: () => faults.latencyFor("ses"),
      nextFault: () => faults.next("ses"),
    });
    closers.push(() => smtp.close());
    const httpPort = (http.address() as AddressInfo).port;
    world.baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${httpPort}`;
    return {
      url: `http://${host}:${httpPort}`,
      ports: { http: httpPort, smtp: smtp.port, dns: dns.port },
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
