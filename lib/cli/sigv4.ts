import { readFileSync } from "node:fs";
import { type DoctorReport, type DoctorTextInput, explain } from "@/lib/sigv4/doctor";
import { Sha256 } from "@/lib/sigv4/sha256";
import type { Severity } from "@/lib/findings/model";

/**
 * `sesame sigv4 ...`: the signature doctor on the command line, same engine as /tools/signature-doctor.
 * Exit 0 when the signature is right (or nothing structural is wrong without a secret), 1 when a rule is broken,
 * 2 for bad usage or unreadable input.
 */

const HELP = `Usage: sesame sigv4 [REQUEST] [options]
       (from a checkout: npm run -s sigv4 -- …)

Explains why AWS rejects a SigV4-signed request: shows the canonical request, the string to sign and
the signature Sesame computes next to what the request carries, names each broken rule, and prints
the corrected URL or Authorization header when the secret is known.

Request (one of):
  REQUEST                 a URL (presigned or not), "METHOD URL", a curl command, raw HTTP, or AWS's
                          error body (XML or JSON), as one argument
  --url URL               with --method, --header and --body: the request in parts
  --method M              HTTP method for --url or a bare URL (default GET)
  --header 'Name: value'  a request header; repeat for each
  --body TEXT             the request body
  --curl 'curl ...'       a curl command
  --file F                read the request (any form above) from file F ('-' = stdin)
  --error-body TEXT       AWS's error response body, explained alongside the request
  --error-file F          read AWS's error body from file F

Secret (optional; without it only structural problems are reported):
  --secret-env VAR        read the secret access key from environment variable VAR (preferred)
  --secret-stdin          read the secret from the first line of stdin
  --secret S              accepted, but avoid it: arguments land in shell history and ps output

Expectations and output:
  --region R, --service S the scope the endpoint expects, for custom endpoints (emulator, proxy);
                          read from the host name for AWS endpoints
  --now ISO               judge expiry at this time instead of the clock (for reproducing)
  --json                  print the report as JSON
  -h, --help              this help

Rule ids: ok, unverified, no-auth, auth-malformed, query-not-sorted, query-encoding, path-encoding,
host-missing, host-mismatch, signed-headers, header-values, payload-hash, amz-date-format,
scope-date-mismatch, scope-region, scope-service, scope-terminator, presign-expired,
presign-expires-range, security-token-missing, wrong-secret, clock-skew, unknown-key,
request-changed, curl-signs.

Examples:
  npm run -s sigv4 -- 'https://email.eu-west-1.amazonaws.com/?Action=GetSendQuota&X-Amz-...'
  AWS_SECRET_ACCESS_KEY=... npm run -s sigv4 -- --secret-env AWS_SECRET_ACCESS_KEY --file request.txt
  npm run -s sigv4 -- --url https://email.eu-west-1.amazonaws.com/ --method POST \\
      --header 'Authorization: AWS4-HMAC-SHA256 Credential=...' --header 'X-Amz-Date: ...' --body 'Action=...'

Exit status: 0 signature correct (or no structural problem without a secret), 1 a rule is broken,
2 bad usage or unreadable input.
`;

export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  readStdin: () => string;
  readFile: (path: string) => string;
  out: (s: string) => void;
  err: (s: string) => void;
}

type Parsed = { input: DoctorTextInput; json: boolean } | { help: true } | { error: string };

function parseArgs(io: CliIo): Parsed {
  const input: DoctorTextInput = {};
  const headers: string[] = [];
  let json = false;
  let stdinUsed = false;
  const stdin = () => {
    if (stdinUsed) throw new Error("stdin can only be read once (--secret-stdin and --file - together?)");
    stdinUsed = true;
    return io.readStdin();
  };
  const args = [...io.argv];
  const positional: string[] = [];
  try {
    while (args.length) {
      const a = args.shift()!;
      const eq = /^(--[a-z-]+)=(.*)$/s.exec(a);
      const flag = eq ? eq[1] : a;
      const value = () => {
        if (eq) return eq[2];
        const v = args.shift();
        if (v === undefined) throw new Error(`${flag} needs a value.`);
        return v;
      };
      switch (flag) {
        case "-h":
        case "--help":
          return { help: true };
        case "--json":
          json = true;
          break;
        case "--url":
          input.url = value();
          break;
        case "--method":
          input.method = value().toUpperCase();
          break;
        case "--header":
        case "-H":
          headers.push(value());
          break;
        case "--body":
          input.body = value();
          break;
        case "--curl":
          input.text = value();
          break;
        case "--file": {
          const f = value();
          input.text = f === "-" ? stdin() : io.readFile(f);
          break;
        }
        case "--error-body":
          input.errorBody = value();
          break;
        case "--error-file":
          input.errorBody = io.readFile(value());
          break;
        case "--secret-env": {
          const name = value();
          const v = io.env[name];
          if (v === undefined) throw new Error(`Environment variable ${name} is not set.`);
          input.secret = v;
          break;
        }
        case "--secret-stdin":
          input.secret = stdin().split(/\r?\n/)[0];
          break;
        case "--secret":
          input.secret = value();
          break;
        case "--region":
          input.region = value();
          break;
        case "--service":
          input.service = value();
          break;
        case "--now": {
          const v = value();
          const d = new Date(v);
          if (Number.isNaN(d.getTime())) throw new Error(`--now "${v}" is not a date.`);
          input.now = d;
          break;
        }
        case "--":
          positional.push(...args.splice(0));
          break;
        default:
          if (a.startsWith("--")) throw new Error(`Unknown option ${a}.`);
          positional.push(a);
      }
    }
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (positional.length > 1) return { error: "Give the request as one argument (quote it)." };
  if (positional.length === 1) {
    if (input.text !== undefined || input.url !== undefined)
      return { error: "Give the request once: as an argument, --url, --curl or --file." };
    input.text = positional[0];
  }
  if (headers.length) {
    if (!input.url) return { error: "--header goes with --url." };
    input.headers = headers.join("\n");
  }
  if (input.body !== undefined && !input.url) return { error: "--body goes with --url." };
  if (input.text === undefined && input.url === undefined && input.errorBody === undefined) {
    return { error: "Nothing to examine: give a request (URL, curl, raw HTTP) or AWS's error body." };
  }
  return { input, json };
}

const MARK: Record<Severity, string> = { error: "✗", warn: "!", info: "i", pass: "✓" };

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

export function renderReport(r: DoctorReport): string {
  const lines: string[] = [];
  const broken = r.findings.filter((f) => f.severity === "error").map((f) => f.rule);
  lines.push(`Verdict: ${r.verdict.toUpperCase()}${broken.length ? ` (${broken.join(", ")})` : ""}`);
  if (r.request)
    lines.push(
      `Request: ${r.request.method} ${r.request.host ?? ""}${r.request.path}${r.request.query ? "?…" : ""} (${r.request.source})`,
    );
  if (r.auth) {
    lines.push(
      `Signed:  ${r.auth.form === "query" ? "presigned URL" : "Authorization header"}, key ${r.auth.accessKeyId}, scope ${r.auth.scope}`,
    );
    if (r.expected?.region || r.expected?.services) {
      lines.push(
        `Expects: region ${r.expected.region ?? "?"}, service ${r.expected.services?.join(" or ") ?? "?"} (${r.expected.by === "given" ? "as given" : `from the host ${r.expected.host ?? ""}`})`,
      );
    }
  }
  lines.push("", "Findings:");
  for (const f of r.findings) {
    lines.push(`  ${MARK[f.severity]} [${f.rule}] ${f.title}${f.certainty === "confirmed" ? "" : ` (${f.certainty})`}`);
    lines.push(`      ${f.detail}`);
    if (f.severity !== "pass") lines.push(`      Fix: ${f.fix}`);
  }
  if (r.computed) {
    lines.push(
      "",
      "Canonical request Sesame computes from the request as carried:",
      indent(r.computed.canonicalRequest),
    );
    if (r.client) {
      lines.push(
        "",
        `Canonical request the client signed (${r.client.rules.join(", ")}):`,
        indent(r.client.canonicalRequest),
      );
      const diff = r.client.sections.filter((s) => !s.same).map((s) => s.name);
      if (diff.length) lines.push(`    differs in: ${diff.join(", ")}`);
    }
    lines.push("", "String to sign:", indent(r.computed.stringToSign));
    lines.push("", `Signature carried:  ${r.carried?.signature ?? ""}`);
    lines.push(`Signature computed: ${r.computed.signature ?? "(give the secret to compute it)"}`);
  }
  if (r.aws) {
    lines.push("", `AWS said: ${r.aws.code ?? ""} ${r.aws.message ?? ""}`.trimEnd());
    if (r.aws.canonicalRequest !== undefined) lines.push("AWS's canonical request:", indent(r.aws.canonicalRequest));
    if (r.aws.sections) {
      const diff = r.aws.sections.filter((s) => !s.same).map((s) => s.name);
      lines.push(diff.length ? `    differs from Sesame's in: ${diff.join(", ")}` : "    same as Sesame's");
    }
  }
  if (r.corrected) {
    lines.push("", "Corrected request:");
    if (r.corrected.url) lines.push(indent(r.corrected.url));
    for (const [k, v] of Object.entries(r.corrected.headers ?? {})) lines.push(indent(`${k}: ${v}`));
    lines.push(`    (${r.corrected.note})`);
  }
  return `${lines.join("\n")}\n`;
}

/** Runs the doctor with node:crypto's hash injected into the one key chain (lib/sigv4/key-chain.ts). */
export async function runSigv4Cli(io: CliIo): Promise<number> {
  const parsed = parseArgs(io);
  if ("help" in parsed) {
    io.out(HELP);
    return 0;
  }
  if ("error" in parsed) {
    io.err(`sigv4: ${parsed.error}\nRun with --help for usage.\n`);
    return 2;
  }
  const report = await explain(Sha256, parsed.input);
  io.out(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  if (report.verdict === "unreadable") return 2;
  return report.verdict === "broken" ? 1 : 0;
}

if (process.argv[1] && /sigv4\.ts$/.test(process.argv[1])) {
  void runSigv4Cli({
    argv: process.argv.slice(2),
    env: process.env,
    readStdin: () => readFileSync(0, "utf8"),
    readFile: (p) => readFileSync(p, "utf8"),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}
