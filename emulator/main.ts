import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { EmulatorConfigSchema } from "./config";
import { startEmulator } from "./index";

/** `npm run emulator -- [--config FILE] [--port 4566] [--smtp-port 2587] [--dns-port 5353] [--smtp-tls-port N]` */

const USAGE = `Usage: npm run emulator -- [--config FILE] [--port 4566] [--smtp-port 2587] [--dns-port 5353]
                          [--smtp-tls-port N] [--smtp-silent-port N]

Starts Sesame's local AWS stand-in (IAM, STS, SES v1, SESv2, SMTP, DNS) on 127.0.0.1.
  --config FILE     emulator config (JSON); default emulator/demo-config.json
  --port N          HTTP endpoint for every AWS service and /_emulator/ (default 4566; 0 = any free port)
  --smtp-port N     SES SMTP listener (default 2587)
  --dns-port N      DNS server, UDP and TCP (default 5353)
  --smtp-tls-port N   one more SMTP listener with TLS from the first byte, like SES's 465/2465 (default: none)
  --smtp-silent-port N  a port that accepts connections and never answers (default: none)`;

function fail(message: string): never {
  console.error(`emulator: ${message}`);
  process.exit(2);
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) fail(`--${name} must be a port number 0-65535, got '${value}'`);
  return Number(value);
}

async function main() {
  let args: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      options: {
        config: { type: "string" },
        port: { type: "string" },
        "smtp-port": { type: "string" },
        "dns-port": { type: "string" },
        "smtp-tls-port": { type: "string" },
        "smtp-silent-port": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    });
  try {
    args = parse();
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (args.values.help) {
    console.log(USAGE);
    return;
  }
  const file = args.values.config ?? path.join(__dirname, "demo-config.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    fail(`cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail(`config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = EmulatorConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    fail(`config ${file} is invalid:\n${issues}`);
  }
  const started = Date.now();
  const emu = await startEmulator(parsed.data, {
    port: port(args.values.port, 4566, "port"),
    smtpPort: port(args.values["smtp-port"], 2587, "smtp-port"),
    dnsPort: port(args.values["dns-port"], 5353, "dns-port"),
    smtpListeners: [
      ...(args.values["smtp-tls-port"] === undefined
        ? []
        : [{ port: port(args.values["smtp-tls-port"], 0, "smtp-tls-port"), mode: "implicit" as const }]),
      ...(args.values["smtp-silent-port"] === undefined
        ? []
        : [{ port: port(args.values["smtp-silent-port"], 0, "smtp-silent-port"), mode: "silent" as const }]),
    ],
  }).catch((err: NodeJS.ErrnoException) =>
    fail(`cannot start: ${err.code === "EADDRINUSE" ? `port in use (${err.message})` : err.message}`),
  );
  console.log(`Sesame AWS emulator ready in ${Date.now() - started} ms (config ${path.relative(process.cwd(), file) || file})
  AWS endpoint   ${emu.url}   (AWS_ENDPOINT_URL; IAM, STS, SES v1, SESv2, SNS)
  Admin API      ${emu.url}/_emulator/state
  Webhooks       ${emu.url}/_emulator/webhooks/<name>   (a platform's SNS endpoint; GET lists what it received)
  SMTP           127.0.0.1:${emu.ports.smtp}   (region ${parsed.data.smtp.region})${emu.ports.smtpListeners
    .map((l) => `\n  SMTP ${l.mode.padEnd(9)} 127.0.0.1:${l.port}`)
    .join("")}
  DNS            127.0.0.1:${emu.ports.dns}   (UDP and TCP)`);
  const stop = () => {
    emu.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main();
