import "server-only";
import { PROBES } from "@/lib/diagnose/probes";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { Diagnose } from "./service";

/**
 * The diagnosis engine as the health round runs it, behind one seam so the service can be tested with a fake.
 *
 * Without the region scans: where else the domain is verified (region-scan) and, in a sandboxed account, where
 * else the account has production access (sandbox-scan; without region-scan's answer it would ask every SES region,
 * ~25 more calls each round). Both are setup forensics, not "can the configured region send". A health round
 * repeats every cache period for as long as Sesame runs, so it stays within HEALTH_CALL_BUDGET whether the account
 * is sandboxed or not (docs/health.md#call-budget); the wizard and the doctor CLI still scan.
 */
const SETUP_ONLY = new Set(["region-scan", "sandbox-scan"]);
const HEALTH_PROBES = PROBES.filter((p) => !SETUP_ONLY.has(p.id));

/** AWS requests of the last round, for /api/metrics; on globalThis because each route bundle loads its own copy. */
const g = globalThis as typeof globalThis & { __sesameHealthAwsCalls?: number };
export const lastRoundAwsCalls = () => g.__sesameHealthAwsCalls;

export const runEngine: Diagnose = async (input, opts) => {
  const stats: { awsCalls?: number } = {};
  const report = await runDiagnosis(input, { ...opts, probes: HEALTH_PROBES, stats });
  g.__sesameHealthAwsCalls = stats.awsCalls;
  return report;
};
