import "server-only";
import { PROBES } from "@/lib/diagnose/probes";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { Diagnose } from "./service";

/**
 * The diagnosis engine as the health round runs it, behind one seam so the service can be tested with a fake.
 *
 * Without the region scan: it asks every other SES region where the domain is verified and where the account has
 * production access (~100 calls), which is setup forensics, not "can the configured region send". A health round
 * repeats every cache period for as long as Sesame runs, so it stays at about a dozen calls; the wizard and the
 * doctor CLI still scan.
 */
const HEALTH_PROBES = PROBES.filter((p) => p.id !== "region-scan");

export const runEngine: Diagnose = (input, opts) => runDiagnosis(input, { ...opts, probes: HEALTH_PROBES });
