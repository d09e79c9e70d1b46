import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { endpointsFromEnv } from "@/lib/aws";
import { envVarsOf } from "@/lib/env/parse";
import { getTarget, TARGETS } from "@/lib/env/targets";
import { usesDefaultChain, withChainCredentials } from "@/lib/golive/credential-chain";
import { parsePortMap } from "@/lib/smtp/ports";
import { regionFromSmtpHost } from "@/lib/smtp/probe";
import { CATALOGUE, type FindingSpec } from "@/lib/findings/catalogue";
import { progressPrinter } from "@/lib/cli/render-progress";
import { renderReport } from "@/lib/cli/render-report";
import { runDiagnosis } from "./run";
import { type DiagnoseInputRaw, type Report, type TargetId, TargetIdSchema } from "./schema";

/**
 * `npm run -s doctor -- [--env F | --env-file F] [--target T] [--domain D] [--from A] [--to A] [--json]`
 * Exit 0: no error finding; 1: at least one; 2: bad usage. Human output streams each check as it finishes;
 * --json prints only the report (ReportSchema) on stdout.
 */

// The text lives in a leaf module so `sesame doctor --help` prints it without loading the engine.
export { DOCTOR_USAGE as USAGE } from "@/lib/cli/doctor-usage";
import { DOCTOR_USAGE as USAGE } from "@/lib/cli/doctor-usage";

export class UsageError extends Error {}

export interface DoctorArgs {
  envFile?: string;
  target?: TargetId;
  domain?: string;
  from?: string;
  to?: string;
  send: boolean;
  smtpPorts: boolean;
  credentialChain: boolean;
  json: boolean;
  help: boolean;
  timeoutMs?: number;
}

export function parseDoctorArgs(argv: string[]): DoctorArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "env-file": { type: "string" },
        env: { type: "string" },
        envfile: { type: "string" },
        target: { type: "string" },
        domain: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        send: { type: "boolean", default: false },
        "smtp-ports": { type: "boolean", default: false },
        "credential-chain": { type: "boolean", default: false },
        timeout: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  let target: TargetId | undefined;
  if (v.target !== undefined) {
    const t = TargetIdSchema.safeParse(v.target);
    if (!t.success)
      throw new UsageError(`unknown target "${v.target}"; expected one of ${TargetIdSchema.options.join(", ")}`);
    target = t.data;
  }
  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    timeoutMs = Number(v.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
      throw new UsageError(`--timeout must be a positive number of milliseconds`);
  }
  const envFiles = [v.env, v.envfile, v["env-file"]].filter((f): f is string => typeof f === "string");
  if (new Set(envFiles).size > 1) throw new UsageError("give the env file once (--env, --envfile or --env-file)");
  if (envFiles.some((f) => f.trim() === "")) throw new UsageError("--env needs a file name");
  if (v.to !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v.to).trim()))
    throw new UsageError(`--to must be an email address such as you@example.com, not "${v.to}"`);
  return {
    envFile: envFiles[0],
    target,
    domain: v.domain as string | undefined,
    from: v.from as string | undefined,
    to: v.to as string | undefined,
    send: v.send === true,
    smtpPorts: v["smtp-ports"] === true,
    credentialChain: v["credential-chain"] === true,
    json: v.json === true,
    help: v.help === true,
    timeoutMs,
  };
}

/** Variable names only one target reads (from the target table): each one found is a vote for that target. */
function uniqueNames(): Map<string, TargetId> {
  const readers = new Map<string, Set<TargetId>>();
  for (const t of Object.values(TARGETS)) {
    const { extra, ...main } = t.vars;
    for (const name of [...Object.values(main), ...Object.values(extra ?? {})])
      if (typeof name === "string") readers.set(name, new Set([...(readers.get(name) ?? []), t.id]));
  }
  const out = new Map<string, TargetId>();
  for (const [name, ids] of readers) if (ids.size === 1) out.set(name, [...ids][0]);
  return out;
}

/**
 * The target whose variable names the env uses, when not given: names only one platform reads decide (Plunk v1's
 * NEXT_PUBLIC_AWS_REGION and AWS_SES_CONFIGURATION_SET, Plunk v2's AWS_SES_*, SMTP_*), then the shared AWS_* names.
 */
export function guessTarget(vars: Record<string, string | undefined>): TargetId {
  const votes = new Map<TargetId, number>();
  for (const [name, id] of uniqueNames()) if (vars[name]) votes.set(id, (votes.get(id) ?? 0) + 1);
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (best && (best[0] !== "smtp" || !vars.AWS_ACCESS_KEY_ID)) return best[0];
  if (vars.SMTP_PASSWORD && !vars.AWS_ACCESS_KEY_ID) return "smtp";
  if (vars.AWS_DEFAULT_REGION && !vars.AWS_REGION) return "usesend";
  if (vars.AWS_ACCESS_KEY_ID) return "aws";
  return "plunk";
}

/** Reads a variable by the target's name, falling back to a legacy name the env linter will flag. */
function pick(
  vars: Record<string, string | undefined>,
  target: TargetId,
  role: "accessKeyId" | "secretAccessKey" | "region",
): string | undefined {
  const t = getTarget(target);
  const name = t.vars[role];
  if (name && vars[name] !== undefined) return vars[name];
  for (const [legacy, expected] of Object.entries(t.legacyNames)) {
    if (expected === name && vars[legacy] !== undefined) return vars[legacy];
  }
  return undefined;
}

/** What the engine is asked, from the flags, the env file (or process env) and Sesame's own settings. */
export function buildInput(args: DoctorArgs, processEnv: Record<string, string | undefined>): DiagnoseInputRaw {
  let envText: string | undefined;
  let vars: Record<string, string | undefined> = processEnv;
  if (args.envFile) {
    try {
      envText = readFileSync(args.envFile, "utf8");
    } catch (err) {
      throw new UsageError(
        `cannot read the env file ${args.envFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    vars = envVarsOf(envText);
  }
  const target = args.target ?? (processEnv.SESAME_TARGET as TargetId | undefined) ?? guessTarget(vars);
  if (!TargetIdSchema.safeParse(target).success) throw new UsageError(`unknown target "${target}"`);
  const preset = TARGETS[target];
  // The process environment first, then the env file: the same result whether Node loaded the file itself
  // (--env-file, which never overrides variables already set) or the doctor read it (--env).
  const endpoints = endpointsFromEnv({ ...vars, ...processEnv });
  const input: DiagnoseInputRaw = {
    target,
    endpoints: Object.fromEntries(Object.entries(endpoints.endpoints).filter(([, v]) => v)),
    readOnly: !args.send,
    ...(endpoints.endpoint ? { endpoint: endpoints.endpoint } : {}),
    ...(envText !== undefined ? { envText } : {}),
  };
  const set = <K extends keyof DiagnoseInputRaw>(k: K, v: DiagnoseInputRaw[K] | undefined) => {
    if (v !== undefined && v !== "") input[k] = v;
  };
  if (preset.mode === "smtp") {
    const host = vars[preset.vars.smtpHost ?? "SMTP_HOST"];
    set("accessKeyId", vars[preset.vars.smtpUser ?? "SMTP_USER"] ?? vars.AWS_ACCESS_KEY_ID);
    set("secretAccessKey", vars.AWS_SECRET_ACCESS_KEY);
    set("smtpPassword", vars[preset.vars.smtpPassword ?? "SMTP_PASSWORD"]);
    set("smtpHost", host);
    const port = Number(vars[preset.vars.smtpPort ?? "SMTP_PORT"]);
    if (Number.isInteger(port) && port > 0) input.smtpPort = port;
    set("region", vars.AWS_REGION ?? (host ? regionFromSmtpHost(host) : undefined));
  } else {
    set("accessKeyId", pick(vars, target, "accessKeyId"));
    set("secretAccessKey", pick(vars, target, "secretAccessKey"));
    set("sessionToken", vars.AWS_SESSION_TOKEN);
    set("region", pick(vars, target, "region") ?? preset.defaultRegion);
  }
  const domain = (args.domain ?? processEnv.SESAME_DOMAIN)?.trim() || undefined;
  set("domain", domain);
  // --send proves nothing without a sender: the one the doctor knows is an address of the domain it checks
  if (args.send && !args.from?.trim() && !domain)
    throw new UsageError(
      "--send needs a sender: add --from ADDRESS (an address of a domain verified in the region), or --domain D to send from sesame-test@D",
    );
  set("from", args.from?.trim() || (args.send && domain ? `sesame-test@${domain}` : undefined));
  set("to", args.to);
  set("dnsServer", processEnv.SESAME_DNS_SERVER);
  if (args.smtpPorts) {
    input.smtpPorts = true;
    // the demo's stand-in plays SES's ports elsewhere (SESAME_SMTP_PORT_MAP) with its own CA
    const map = parsePortMap(processEnv.SESAME_SMTP_PORT_MAP);
    if (map) input.smtpPortMap = Object.fromEntries(Object.entries(map));
    if (processEnv.SESAME_SMTP_CA_FILE) {
      try {
        input.smtpCa = readFileSync(processEnv.SESAME_SMTP_CA_FILE, "utf8");
      } catch (err) {
        throw new UsageError(
          `cannot read SESAME_SMTP_CA_FILE ${processEnv.SESAME_SMTP_CA_FILE}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
      }
    }
  }
  const timeout = args.timeoutMs ?? (processEnv.SESAME_TIMEOUT_MS ? Number(processEnv.SESAME_TIMEOUT_MS) : undefined);
  if (timeout && Number.isInteger(timeout) && timeout > 0) input.timeoutMs = timeout;
  return input;
}

/** Runs the doctor; returns the exit code. Output goes through the given writers (tests pass buffers). */
export async function doctorMain(
  argv: string[],
  io: {
    stdout: (s: string) => void;
    stderr: (s: string) => void;
    env: Record<string, string | undefined>;
    tty: boolean;
  },
): Promise<number> {
  let args: DoctorArgs;
  let input: DiagnoseInputRaw;
  try {
    args = parseDoctorArgs(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    input = buildInput(args, io.env);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`doctor: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  // no key configured: check what the AWS default credential chain gives, as the platform would (docs/health.md)
  if (
    !input.accessKeyId &&
    !input.secretAccessKey &&
    (args.credentialChain || usesDefaultChain(input, input.target ?? "plunk", io.env))
  ) {
    input = await withChainCredentials(input, input.timeoutMs ?? 5000);
  }
  const colour = io.tty && !io.env.NO_COLOR;
  const progress = args.json ? undefined : progressPrinter(io.stdout, io.tty, colour);
  let report: Report;
  try {
    report = await runDiagnosis(input, progress ? { onProbe: progress.onProbe } : {});
  } catch (err) {
    progress?.stop();
    if (err instanceof ZodError) {
      io.stderr(`doctor: invalid input: ${err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}\n`);
      return 2;
    }
    throw err;
  } finally {
    progress?.stop();
  }
  io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, colour));
  return report.findings.some((f) => f.severity === "error") ? 1 : 0;
}

/** For docs and tests: every code the engine core can emit, with its severity. */
export function catalogueSummary(): { code: string; severity: string; title: string }[] {
  return Object.entries(CATALOGUE as Record<string, FindingSpec>).map(([code, s]) => ({
    code,
    severity: s.severity,
    title: s.title,
  }));
}
