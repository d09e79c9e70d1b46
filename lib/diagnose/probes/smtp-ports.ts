import { hasSmtp, smtpHost } from "@/lib/regions";
import { type PortResult, portAdvice, recommendedPort } from "@/lib/smtp/port-advice";
import { probeSmtpPorts } from "@/lib/smtp/ports";
import type { RawFinding } from "@/lib/findings/materialize";
import type { Probe } from "../types";

/** The port check keeps its deadline short: a dropped port costs this much, not the full AWS deadline. */
const PORT_DEADLINE_MS = 3000;

const OUTCOME_WORDS: Record<PortResult["outcome"], string> = {
  reachable: "works",
  timeout: "timed out",
  refused: "was refused",
  "tls-failed": "failed TLS",
  error: "failed",
};

export function matrixText(results: PortResult[]): string {
  return results
    .map((r) => `${r.port} (${r.tls === "implicit" ? "TLS" : "STARTTLS"}) ${OUTCOME_WORDS[r.outcome]}`)
    .join(", ");
}

/**
 * "Connectivity": SES's SMTP endpoint on all five ports at once (docs/health.md). Runs when asked (doctor
 * --smtp-ports) and in health for SMTP targets; reports blocked ports, none at all, or the configured port blocked.
 */
export const smtpPortsProbe: Probe = {
  id: "smtp-ports",
  label: "SMTP ports",
  needs: ["input"],
  when: (ctx, f) => ctx.input.smtpPorts && !!f.region && hasSmtp(f.region),
  async run(ctx, facts) {
    const region = facts.region as string;
    const host = smtpHost(region);
    const dial = ctx.input.smtpPortMap
      ? Object.fromEntries(Object.entries(ctx.input.smtpPortMap).map(([k, v]) => [Number(k), v]))
      : undefined;
    const results = await probeSmtpPorts({
      host,
      timeoutMs: Math.min(ctx.input.timeoutMs, PORT_DEADLINE_MS),
      ...(ctx.input.smtpCa ? { ca: ctx.input.smtpCa } : {}),
      ...(dial ? { dial } : {}),
    });
    const matrix = matrixText(results);
    const best = recommendedPort(results);
    const failed = results.filter((r) => r.outcome !== "reachable");
    if (!best) return { findings: [{ code: "smtp.ports-none", evidence: { host, region, matrix } }] };
    const settings = portAdvice(ctx.input.target, best)[0];
    const recommended = {
      recommendedPort: best.port,
      recommendedTls: best.tls === "implicit" ? "TLS from the first byte" : "STARTTLS",
      recommendedSettings:
        settings.settings.map((s) => `${s.name}=${s.value}`).join(", ") ||
        `port ${best.port}, ${best.tls === "implicit" ? "secure: true" : "secure: false with STARTTLS"}`,
    };
    const findings: RawFinding[] = [];
    // the SMTP target's configured port (not Sesame's own override of where to connect)
    const configured = ctx.input.target === "smtp" ? Number(ctx.input.env?.SMTP_PORT) : Number.NaN;
    const mine = results.find((r) => r.port === configured);
    if (mine && mine.outcome !== "reachable") {
      findings.push({
        code: "smtp.port-configured-blocked",
        evidence: { port: configured, outcome: OUTCOME_WORDS[mine.outcome], host, matrix, ...recommended },
      });
    }
    if (failed.length > 0) {
      findings.push({
        code: "smtp.ports-blocked",
        evidence: { blocked: failed.map((r) => r.port).join(", "), host, region, matrix, ...recommended },
      });
    }
    return { findings };
  },
};
