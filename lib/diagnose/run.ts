import { AwsAccess } from "./aws-access";
import { dedupeFindings, materializeRaw, type RawFinding, sortFindings, statusOf } from "@/lib/findings/materialize";
import { PROBES } from "./probes";
import { type DiagnoseInputRaw, DiagnoseInputSchema, type Finding, type Report } from "./schema";
import type { Facts, Probe, ProbeContext, ProbeId } from "./types";

export { materialize, sortFindings, statusOf } from "@/lib/findings/materialize";

export interface ProbeEvent {
  probe: string;
  status: "start" | "done";
  findings: Finding[];
  /** human label of the check, e.g. "Key, secret and clock (STS GetCallerIdentity)" */
  label?: string;
}

export interface RunOptions {
  onProbe?: (e: ProbeEvent) => void;
  signal?: AbortSignal;
  /** benchmark baseline: the same probes, but every AWS call waits for the previous one */
  serial?: boolean;
  /** tests: run a different probe set */
  probes?: Probe[];
  /** filled in when the run ends: how many AWS calls it made (benchmark and tests) */
  stats?: { awsCalls?: number };
}

/** Probes whose findings come from no AWS answer: local checks of the input, the env file and SMTP. */
const LOCAL_PROBES = new Set<ProbeId>(["input", "env", "smtp"]);

/**
 * Findings that stand. When STS's endpoint answered with something that is not AWS (an HTML page, a 404), every
 * finding read from an AWS answer is void — "identity missing", "permissions missing for an empty principal" would be
 * derived from garbage — so only local findings and the endpoint's own finding remain.
 */
function credible(collected: { probe: ProbeId; finding: RawFinding }[], facts: Facts): RawFinding[] {
  if (!facts.endpointNotAws) return collected.map((c) => c.finding);
  return collected
    .filter((c) => LOCAL_PROBES.has(c.probe) || c.finding.code.startsWith("endpoint."))
    .map((c) => c.finding);
}

/** A probe may chain a few dependent calls (plus one clock retry); beyond this it is cut off, never left hanging. */
function probeDeadlineMs(timeoutMs: number): number {
  return timeoutMs * 3 + 1000;
}

/**
 * Runs every probe whose needs are met, all at once, and the next ones as soon as theirs are: the critical path is
 * the longest chain of dependent round trips, not the number of checks. Results stream through `onProbe`.
 * Throws a ZodError for malformed input (callers answer 400).
 */
export async function runDiagnosis(raw: DiagnoseInputRaw, opts: RunOptions = {}): Promise<Report> {
  const startedAt = performance.now();
  const input = DiagnoseInputSchema.parse(raw);
  const probes = opts.probes ?? PROBES;
  const aws = new AwsAccess(input, undefined, opts.signal, opts.serial);
  const ctx: ProbeContext = { input, aws, signal: opts.signal };
  const facts: Facts = {};
  const collected: { probe: ProbeId; finding: RawFinding }[] = [];
  const started = new Set<ProbeId>();
  const done = new Set<ProbeId>();
  const known = new Set(probes.map((p) => p.id));

  const emit = (p: Probe, status: ProbeEvent["status"], findings: RawFinding[]) => {
    if (!opts.onProbe) return;
    try {
      opts.onProbe({
        probe: p.id,
        label: p.label,
        status,
        findings: sortFindings(dedupeFindings(findings).map(materializeRaw)),
      });
    } catch {
      // a listener's failure (closed stream) must not stop the diagnosis
    }
  };

  const runOne = async (p: Probe): Promise<RawFinding[]> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<RawFinding[]>((resolve) => {
      timer = setTimeout(
        () =>
          resolve([
            {
              code: "endpoint.timeout",
              evidence: { service: p.label, endpoint: `probe ${p.id}`, timeoutMs: probeDeadlineMs(input.timeoutMs) },
            },
          ]),
        probeDeadlineMs(input.timeoutMs),
      );
    });
    const work = p.run(ctx, facts).then(
      (r) => {
        Object.assign(facts, r.facts ?? {});
        if (p.id === "input") aws.setCredentials(facts.creds);
        return r.findings;
      },
      (err: unknown): RawFinding[] => [
        {
          code: "endpoint.unexpected-error",
          evidence: {
            service: p.label,
            operation: p.id,
            status: "?",
            region: input.region ?? "?",
            errorCode: "ProbeFailed",
            message: String((err as Error)?.message ?? err).slice(0, 300),
            endpoint: `probe ${p.id}`,
          },
        },
      ],
    );
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };

  await new Promise<void>((resolve) => {
    let running = 0;
    const pump = () => {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const p of probes) {
          if (started.has(p.id)) continue;
          // a need that no probe provides (a probe left out of the set) counts as met
          if (!p.needs.every((n) => done.has(n) || !known.has(n))) continue;
          started.add(p.id);
          progressed = true;
          if (opts.signal?.aborted || (p.when && !p.when(ctx, facts))) {
            done.add(p.id);
            continue;
          }
          running++;
          emit(p, "start", []);
          void runOne(p).then((findings) => {
            collected.push(...findings.map((finding) => ({ probe: p.id, finding })));
            done.add(p.id);
            running--;
            emit(p, "done", findings);
            pump();
          });
        }
      }
      if (running === 0) resolve();
    };
    pump();
  });
  aws.destroy();
  if (opts.stats) opts.stats.awsCalls = aws.log.length;

  const findings = sortFindings(dedupeFindings(credible(collected, facts)).map(materializeRaw));
  return { status: statusOf(findings), findings, durationMs: Math.round(performance.now() - startedAt) };
}
