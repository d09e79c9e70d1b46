import "server-only";
import { readFile } from "node:fs/promises";
import { smtpHost } from "@/lib/regions";
import type { SesameConfig } from "@/lib/config";
import type { TargetPreset } from "@/lib/env/targets";
import { writeEnvFile } from "@/lib/env/write";
import { type PortAdvice, type PortResult, portAdvice, recommendedPort } from "@/lib/smtp/port-advice";
import { parsePortMap, probeSmtpPorts } from "@/lib/smtp/ports";

/** The port check keeps each stage short: a dropped port costs this much, not the full AWS deadline. */
const PORT_DEADLINE_MS = 3000;

export interface Connectivity {
  host: string;
  results: PortResult[];
  recommended?: PortResult;
  advice: PortAdvice[];
}

/** The wizard's "Connectivity" check: every SES SMTP port of the region from this host (docs/health.md). */
export async function checkConnectivity(
  config: SesameConfig,
  target: TargetPreset,
  region: string,
): Promise<Connectivity> {
  const host = smtpHost(region);
  const dial = parsePortMap(config.smtpPortMap);
  const ca = config.smtpCaFile ? await readFile(config.smtpCaFile, "utf8").catch(() => undefined) : undefined;
  const results = await probeSmtpPorts({
    host,
    timeoutMs: Math.min(config.timeoutMs, PORT_DEADLINE_MS),
    ...(ca ? { ca } : {}),
    ...(dial ? { dial } : {}),
  });
  const recommended = recommendedPort(results);
  return { host, results, recommended, advice: recommended ? portAdvice(target.id, recommended) : [] };
}

/**
 * SMTP targets: the recommended port and its TLS flag into the env file (SMTP_PORT, SMTP_SECURE), every other line
 * kept. API targets have nothing to write: they send over HTTPS.
 */
export async function applyPort(
  file: string,
  target: TargetPreset,
  chosen: PortResult,
): Promise<{ written: boolean; vars: Record<string, string> }> {
  if (target.mode !== "smtp") return { written: false, vars: {} };
  const settings = portAdvice(target.id, chosen)[0].settings;
  const vars = Object.fromEntries(
    settings.map((s) => [s.name === "SMTP_PORT" ? (target.vars.smtpPort ?? s.name) : s.name, s.value]),
  );
  const res = await writeEnvFile(file, vars);
  return { written: res.written, vars };
}
