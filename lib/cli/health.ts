import { parseArgs } from "node:util";

/**
 * `sesame health [--url U] [--live] [--json] [--timeout MS]`: asks a running Sesame for its health and exits
 * 0 when it can send (pass or warn), 1 when it cannot or did not answer, 2 for bad usage. Made for container
 * HEALTHCHECKs, compose gates and cron scripts; it prints one line per failing check, never a secret (the server
 * never sends one).
 */

const HELP = `Usage: sesame health [--url URL] [--live] [--json] [--timeout MS]
       (from a checkout: npm run -s health -- …)

Asks a running Sesame whether the platform can still send through Amazon SES.

  --url URL      Sesame's base URL or the full health URL
                 (default: http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --live         check liveness only (/api/health/live: the process answers; no AWS call)
  --json         print the health+json body as received
  --timeout MS   give up after MS milliseconds (default 15000)
  -h, --help     this help

Exit status: 0 pass or warn, 1 fail or no answer, 2 bad usage.
`;

export interface HealthCliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  out: (s: string) => void;
  err: (s: string) => void;
  fetch?: typeof fetch;
}

interface CheckEntry {
  status?: string;
  output?: string;
  observedValue?: unknown;
  observedUnit?: string;
}

export function healthUrl(url: string | undefined, live: boolean, env: Record<string, string | undefined>): URL {
  const base = new URL(url ?? `http://127.0.0.1:${env.PORT || "3000"}`);
  if (base.pathname === "/" || base.pathname === "") base.pathname = live ? "/api/health/live" : "/api/health";
  return base;
}

export async function runHealthCli(io: HealthCliIo): Promise<number> {
  let values: { url?: string; live?: boolean; json?: boolean; timeout?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: io.argv,
      options: {
        url: { type: "string" },
        live: { type: "boolean" },
        json: { type: "boolean" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const timeoutMs = values.timeout === undefined ? 15_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    io.err(`--timeout must be a positive number of milliseconds, got "${values.timeout}"\n`);
    return 2;
  }
  let url: URL;
  try {
    url = healthUrl(values.url, !!values.live, io.env);
  } catch {
    io.err(`--url is not a URL: "${values.url}"\n`);
    return 2;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    io.err(`--url must be http or https, got ${url.protocol}\n`);
    return 2;
  }

  const doFetch = io.fetch ?? fetch;
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: "application/health+json" },
    });
    text = await res.text();
  } catch (e) {
    const why =
      e instanceof Error && e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : "connection failed";
    io.err(`fail: ${url.href}: ${why}\n`);
    return 1;
  }

  let body: { status?: string; output?: string; checks?: Record<string, CheckEntry[]> } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // a non-JSON answer (proxy error page): judged by the HTTP status alone
  }
  if (values.json) io.out(`${text.trim()}\n`);
  const status = body.status ?? (res.ok ? "pass" : "fail");
  const ok = res.ok && status !== "fail";
  if (!values.json) {
    io.out(`${ok ? status : "fail"}: ${url.href} (HTTP ${res.status})\n`);
    for (const [key, entries] of Object.entries(body.checks ?? {})) {
      for (const c of entries) {
        if (c.status === "pass") continue;
        io.out(`  ${c.status} ${key}${c.output ? `: ${c.output.split("\n")[0]}` : ""}\n`);
      }
    }
    if (body.output) io.out(`  ${body.output}\n`);
  }
  return ok ? 0 : 1;
}

// Entry point when run through tsx (npm run health), not when imported by tests.
const invokedDirectly = process.argv[1] && /lib[\\/]cli[\\/]health\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  runHealthCli({
    argv: process.argv.slice(2),
    env: process.env,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  }).then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
}
