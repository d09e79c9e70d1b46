import { maskKeyId as maskCredentialKeyId } from "@/lib/credentials";
import { z } from "zod";
import { specOf } from "@/lib/findings/catalogue";
import { materialize } from "@/lib/findings/materialize";
import { type Finding, FindingSchema, type Report, type TargetId, TargetIdSchema } from "@/lib/diagnose/schema";

/**
 * What one health round found, grouped into the components the page shows as cards and the JSON shows as checks.
 * Built from the engine's Report plus the key-age check; holds no secret (the key id is masked).
 */

export const CheckStatusSchema = z.enum(["pass", "warn", "fail", "skipped"]);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

export const ComponentResultSchema = z.object({
  /** component id: credentials, permissions, … */
  id: z.string(),
  label: z.string(),
  /** health+json key, `component:measurement` */
  key: z.string(),
  status: CheckStatusSchema,
  /** one line: what was seen */
  summary: z.string(),
  observedValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
  observedUnit: z.string().optional(),
  findings: z.array(FindingSchema),
});
export type ComponentResult = z.infer<typeof ComponentResultSchema>;

export const HealthSnapshotSchema = z.object({
  status: z.enum(["pass", "warn", "fail"]),
  /** ISO time the round started */
  checkedAt: z.string(),
  durationMs: z.number(),
  target: TargetIdSchema,
  region: z.string().optional(),
  /** masked, e.g. AKIA…MPLE */
  keyId: z.string().optional(),
  domain: z.string().optional(),
  /** where the credentials came from: "chain" when no key is configured and the AWS default chain was checked */
  source: z.enum(["env-file", "process-env", "chain", "none"]),
  components: z.array(ComponentResultSchema),
  /** set when the round itself failed (deadline, AWS unreachable, engine error) */
  error: z.string().optional(),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshotSchema>;

/**
 * Cards in page order: id, label, health+json key (draft-inadarei-api-health-check's `component:measurement`) and
 * the line a passing card shows.
 */
const CARDS = [
  ["credentials", "Credentials", "credentials:valid", "The access key is valid and active."],
  ["keyAge", "Key age", "credentials:age", "The access key is recent."],
  ["permissions", "Permissions", "permissions:allowed", "Every action the platform needs is allowed."],
  ["region", "Region", "region:configured", "The region is valid and offers SES."],
  ["account", "Account and sandbox", "account:production", "The account can send."],
  ["quota", "Sending quota", "quota:used", "Quota left for today."],
  ["domain", "Domain, DKIM and MAIL FROM", "domain:verified", "The domain is verified."],
  ["dns", "DNS records", "dns:records", "The DNS records are in place."],
  ["smtp", "SMTP", "smtp:reachable", "The SMTP endpoint answers."],
  ["clock", "Clock", "clock:skew", "The server clock agrees with AWS."],
  [
    "events",
    "Event loop",
    "events:confirmed",
    "Configuration sets exist, publish to SNS, and the webhook subscription is confirmed.",
  ],
  ["env", "Environment file", "env:file", "The env file has what the platform needs."],
  ["endpoint", "AWS endpoint", "endpoint:reachable", "AWS answers."],
] as const;
export type ComponentId = (typeof CARDS)[number][0];
export const COMPONENTS: readonly { id: ComponentId; label: string; key: string; pass: string }[] = CARDS.map(
  ([id, label, key, pass]) => ({ id, label, key, pass }),
);

const RANK: Record<CheckStatus, number> = { skipped: 0, pass: 1, warn: 2, fail: 3 };

export function worst<S extends CheckStatus>(statuses: S[]): S | "pass" {
  let w: S | "pass" = "pass";
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}

/**
 * For "can the platform send right now", AWS answering 5xx is a failure even though the engine (which diagnoses a
 * setup) grades it a warning. A brief blip does not flip the health status: the cache keeps the last good round
 * through outages for a while (see service.ts isOutage).
 */
const FAIL_FOR_HEALTH = new Set(["endpoint.server-error"]);

export function findingStatus(f: Finding): "pass" | "warn" | "fail" {
  if (FAIL_FOR_HEALTH.has(f.code)) return "fail";
  // "could not be checked" is never a pass, whatever the finding's severity (docs/health.md)
  if (specOf(f.code)?.unchecked) return f.severity === "error" ? "fail" : "warn";
  return f.severity === "error" ? "fail" : f.severity === "warn" ? "warn" : "pass";
}

/**
 * Which card a finding belongs to: the catalogue's `component` (key-age codes name their own card, keyAge), else the
 * code's area.
 */
export function componentOf(f: Finding): string {
  // the engine files quota under its account probe; the health page gives quota its own card
  if (/(^|[.-])quota([.-]|$)/.test(f.code)) return "quota";
  return f.component ?? f.code.split(".")[0];
}

/** Numbers the JSON reports as observedValue, looked up in the findings' evidence under the names probes use. */
const OBSERVED: Partial<Record<string, { fields: string[]; unit?: string }>> = {
  keyAge: { fields: ["ageDays"], unit: "d" },
  clock: { fields: ["skewSeconds", "offsetSeconds", "skew"], unit: "s" },
  quota: { fields: ["percent", "usedPercent"], unit: "%" },
  region: { fields: ["region"] },
  account: { fields: ["productionAccessEnabled", "production"] },
};

function observed(
  id: string,
  findings: Finding[],
): { observedValue?: string | number | boolean; observedUnit?: string } {
  const spec = OBSERVED[id];
  if (!spec) return {};
  for (const f of findings) {
    for (const field of spec.fields) {
      const v = f.evidence[field];
      if (v !== undefined && v !== null) return { observedValue: v, observedUnit: spec.unit };
    }
    // quota: derive the share used from the raw numbers when the probe reports those
    if (id === "quota") {
      const max = Number(f.evidence.max24HourSend ?? f.evidence.Max24HourSend);
      const sent = Number(f.evidence.sentLast24Hours ?? f.evidence.SentLast24Hours);
      if (max > 0 && Number.isFinite(sent))
        return { observedValue: Math.round((sent / max) * 1000) / 10, observedUnit: "%" };
    }
  }
  return {};
}

/** Which cards a probe that ran (and finished) speaks for: a card with no finding from a probe that ran is a pass. */
export const PROBE_COMPONENTS: Record<string, string[]> = {
  input: ["credentials", "region"],
  identity: ["credentials", "clock", "endpoint"],
  account: ["account", "quota"],
  domain: ["domain"],
  "region-scan": ["region"],
  "region-verdict": ["region"],
  permissions: ["permissions"],
  env: ["env"],
  dns: ["dns"],
  smtp: ["smtp"],
  events: ["events"],
  "smtp-ports": ["smtp"],
  "production-access": ["account"],
  "credential-chain": ["credentials"],
};

export function componentsChecked(probes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of probes) for (const c of PROBE_COMPONENTS[p] ?? []) out.add(c);
  return out;
}

/** Components every deployment has (given credentials); domain and DNS need a domain, SMTP an SMTP target. */
const ALWAYS = new Set(["credentials", "keyAge", "permissions", "region", "account", "quota", "clock", "endpoint"]);
/** Answered locally or from any AWS answer (a refusal carries AWS's clock too): only an unusable endpoint blocks them. */
const LOCAL_OR_ANY_ANSWER = new Set(["region", "clock", "env", "endpoint"]);

export interface Scope {
  domain?: string;
  target?: TargetId;
}

function applies(id: string, scope: Scope | undefined): boolean {
  if (!scope) return false;
  if (id === "domain" || id === "dns") return !!scope.domain;
  if (id === "smtp") return scope.target === "smtp";
  return ALWAYS.has(id);
}

export function groupFindings(findings: Finding[], checked: Set<string> = new Set(), scope?: Scope): ComponentResult[] {
  const byComponent = new Map<string, Finding[]>();
  for (const f of findings) {
    const id = componentOf(f);
    const list = byComponent.get(id) ?? [];
    list.push(f);
    byComponent.set(id, list);
  }
  // A rejected key, or AWS failing/throttling calls, means a probe that reported nothing may simply not have got an
  // answer: such components are "not checked", never a silent pass.
  const refused = (byComponent.get("credentials") ?? []).find((f) => findingStatus(f) === "fail");
  const unusable = (byComponent.get("endpoint") ?? []).find((f) => findingStatus(f) !== "pass");
  const blocked = !!(refused || unusable);
  const results: ComponentResult[] = [];
  for (const c of COMPONENTS) {
    let fs = byComponent.get(c.id) ?? [];
    byComponent.delete(c.id);
    // the endpoint card speaks for itself, env checks are local; everything else needs AWS's (usable) answer
    const ran = checked.has(c.id) && (LOCAL_OR_ANY_ANSWER.has(c.id) ? !unusable || c.id === "endpoint" : !blocked);
    if (fs.length === 0 && !ran && applies(c.id, scope)) {
      // could not be checked: a warning that says why, never a silent pass and never left out
      const none = (byComponent.get("env") ?? findings).find((f) => f.code === "env.health-no-credentials");
      const cause = none ?? unusable ?? refused;
      const why = none
        ? "no-credentials"
        : unusable
          ? "endpoint-unusable"
          : refused
            ? "credentials-refused"
            : "not-run";
      fs = [
        {
          ...materialize("health.not-checked", {
            label: c.label,
            because: why,
            reason: why,
            remedy: why,
            cause: cause?.code ?? null,
          }),
          component: c.id,
        },
      ];
    }
    results.push(toResult(c.id, c.label, c.key, c.pass, fs, ran, blocked));
  }
  // components the engine reports that this table does not know yet still show up, never silently dropped
  for (const [id, fs] of byComponent)
    results.push(toResult(id, id, `${id}:status`, "No problem found.", fs, true, false));
  return results;
}

function toResult(
  id: string,
  label: string,
  key: string,
  passText: string,
  fs: Finding[],
  ran: boolean,
  blocked: boolean,
): ComponentResult {
  const ordered = [...fs].sort((a, b) => RANK[findingStatus(b)] - RANK[findingStatus(a)]);
  const status: CheckStatus = fs.length ? worst(fs.map(findingStatus)) : ran ? "pass" : "skipped";
  const problem = ordered.find((f) => findingStatus(f) !== "pass");
  const summary =
    status === "skipped"
      ? blocked
        ? "Not confirmed: a credentials or AWS endpoint problem stopped the checks (see those cards)."
        : "Not checked."
      : (problem?.title ??
        (status === "pass" && !fs.some((f) => f.severity === "info") ? passText : (ordered[0]?.title ?? passText)));
  return { id, label, key, status, summary, findings: ordered, ...observed(id, ordered) };
}

export function overallStatus(components: ComponentResult[]): "pass" | "warn" | "fail" {
  const w = worst(components.map((c) => c.status));
  return w === "skipped" ? "pass" : w;
}

export function fromReport(
  report: Report,
  meta: Pick<HealthSnapshot, "checkedAt" | "target" | "region" | "keyId" | "domain" | "source">,
  extra: Finding[] = [],
  checked: Set<string> = new Set(),
): HealthSnapshot {
  const components = groupFindings([...report.findings, ...extra], checked, {
    ...(meta.domain ? { domain: meta.domain } : {}),
    target: meta.target,
  });
  const status = worst([report.status, overallStatus(components)]) as "pass" | "warn" | "fail";
  return { ...meta, status, durationMs: report.durationMs, components };
}

/**
 * Show enough of a key id to recognise it, never the whole of it — and nothing of a secret pasted into the key id
 * variable (the one rule of lib/credentials; /api/health is public).
 */
export function maskKeyId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return maskCredentialKeyId(id);
}
