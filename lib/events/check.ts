import "server-only";
import { inputProbe } from "@/lib/diagnose/probes/input";
import { eventsProbe } from "@/lib/diagnose/probes/events";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { Finding, TargetId } from "@/lib/diagnose/schema";

/**
 * The wizard's view of the loop: the engine's events probe run with the platform's own key (what the doctor and the
 * health page will see), and the one word the step polls for.
 */
export type LoopStatus = "confirmed" | "pending" | "problem";

export interface LoopCheck {
  status: LoopStatus;
  findings: Finding[];
}

export function loopStatusOf(findings: Finding[]): LoopStatus {
  const blocking = findings.filter(
    (f) => (f.code.startsWith("events.") || f.code.startsWith("endpoint.")) && f.severity !== "info",
  );
  if (blocking.some((f) => f.code === "events.subscription-pending")) return "pending";
  return blocking.some(
    (f) => f.severity === "error" || f.code === "events.no-subscription" || f.code === "events.not-checked",
  )
    ? "problem"
    : "confirmed";
}

export async function checkLoop(args: {
  target: TargetId;
  region: string;
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  endpoint?: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<LoopCheck> {
  const report = await runDiagnosis(
    {
      target: args.target,
      region: args.region,
      accessKeyId: args.creds.accessKeyId,
      secretAccessKey: args.creds.secretAccessKey,
      ...(args.creds.sessionToken ? { sessionToken: args.creds.sessionToken } : {}),
      ...(args.endpoint ? { endpoint: args.endpoint } : {}),
      env: args.env,
      timeoutMs: args.timeoutMs,
    },
    { probes: [inputProbe, eventsProbe], signal: args.signal },
  );
  // input forensics were the credential step's business; here only the loop counts
  const findings = report.findings.filter((f) => f.code.startsWith("events.") || f.code.startsWith("endpoint."));
  return { status: loopStatusOf(findings), findings };
}
