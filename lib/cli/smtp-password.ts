import { readFileSync } from "node:fs";
import { SMTP_PASSWORD_FINDINGS } from "@/lib/findings/catalogue/smtp-password";
import { materializeRawIn } from "@/lib/findings/section";
import type { Finding } from "@/lib/findings/model";
import { smtpPasswordFor } from "@/lib/smtp/password";

/**
 * `sesame smtp-password SECRET REGION`: prints the SES SMTP password and nothing else on stdout, so it can be
 * captured with $(...). Exit 0 ok, 2 usage or a region without SES SMTP.
 */

const HELP = `Usage: sesame smtp-password [SECRET | --secret-env VAR | --secret-stdin] REGION [--details]
       (from a checkout: npm run -s smtp-password -- …)

Converts an IAM secret access key into the Amazon SES SMTP password for REGION.
Prints only the password on stdout. The SMTP user name is the access key ID itself.

  SECRET            the IAM secret access key (40 characters). Prefer --secret-env or
                    --secret-stdin: arguments end up in shell history and process lists.
  --secret-env VAR  read the secret from environment variable VAR
  --secret-stdin    read the secret from standard input (first line)
  REGION            an SES region with an SMTP endpoint, e.g. eu-west-1
  --details         also print the SMTP host and ports for REGION on stderr
  -h, --help        this help

Why a separate password: SES SMTP does not accept the IAM secret itself. The password is an
HMAC-SHA256 chain over the secret (SigV4 key derivation with date 11111111, REGION, service
"ses", then the message "SendRawEmail", prefixed with version byte 0x04, Base64), so it is
different in every region: a password made for us-east-1 fails in eu-west-1.

Exit status: 0 ok, 2 bad usage or a region without an SES SMTP endpoint.
Warnings about the secret's shape (whitespace, length, an SMTP password pasted instead) go to stderr.
`;

export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  readStdin: () => string;
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function runSmtpPasswordCli(io: CliIo): Promise<number> {
  const positional: string[] = [];
  let secretEnv: string | undefined;
  let secretStdin = false;
  let details = false;
  const args = [...io.argv];
  while (args.length) {
    const a = args.shift()!;
    if (a === "-h" || a === "--help") {
      io.out(HELP);
      return 0;
    } else if (a === "--details") details = true;
    else if (a === "--secret-stdin") secretStdin = true;
    else if (a === "--secret-env") {
      secretEnv = args.shift();
      if (!secretEnv) return usage(io, "--secret-env needs a variable name.");
    } else if (a.startsWith("--secret-env=")) secretEnv = a.slice("--secret-env=".length);
    else if (a === "--") continue;
    else if (a.startsWith("--")) return usage(io, `Unknown option ${a}.`);
    else positional.push(a);
  }
  let secret: string | undefined;
  let region: string | undefined;
  if (secretEnv !== undefined || secretStdin) {
    if (secretEnv !== undefined && secretStdin) return usage(io, "Use one of --secret-env and --secret-stdin.");
    if (positional.length !== 1) return usage(io, "Expected exactly one argument, the REGION.");
    region = positional[0];
    if (secretEnv !== undefined) {
      secret = io.env[secretEnv];
      if (secret === undefined) return usage(io, `Environment variable ${secretEnv} is not set.`);
    } else {
      secret = io.readStdin().split(/\r?\n/)[0] ?? "";
    }
  } else {
    if (positional.length !== 2) return usage(io, "Expected SECRET and REGION.");
    [secret, region] = positional;
  }
  const result = await smtpPasswordFor(secret, region);
  if (!result.ok) {
    io.err(`smtp-password: ${oneLine(materializeRawIn(SMTP_PASSWORD_FINDINGS, result.finding))}\n`);
    return 2;
  }
  for (const w of result.warnings) {
    const f = materializeRawIn(SMTP_PASSWORD_FINDINGS, w);
    io.err(`${f.severity === "info" ? "note" : "warning"}: ${oneLine(f)}\n`);
  }
  io.out(`${result.password}\n`);
  if (details) {
    const { host, ports } = result.endpoint;
    io.err(`host: ${host}\nSTARTTLS ports: ${ports.starttls.join(", ")}\nTLS ports: ${ports.tls.join(", ")}\n`);
  }
  return 0;
}

/** A finding of the tool on one line of stderr, worded by the same catalogue section as the page. */
const oneLine = (f: Finding) => `${f.title}. ${f.detail} ${f.fix}`;

function usage(io: CliIo, message: string): number {
  io.err(`smtp-password: ${message}\nRun with --help for usage.\n`);
  return 2;
}

if (process.argv[1] && /smtp-password\.ts$/.test(process.argv[1])) {
  void runSmtpPasswordCli({
    argv: process.argv.slice(2),
    env: process.env,
    readStdin: () => readFileSync(0, "utf8"),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}
