import "server-only";
import { stat } from "node:fs/promises";
import type { SesameConfig } from "@/lib/config";
import type { DiagnoseInputRaw, Finding, Report, TargetId } from "@/lib/diagnose/schema";
import { materialize } from "@/lib/findings/materialize";
import { createHealthCache, type Entry, type HealthCache } from "./cache";
import { type DeployedConfig, loadDeployedConfig } from "./config";
import { unpublishHealthResponse } from "./respond";
import { checkKeyAge } from "./key-age";
import { componentsChecked, fromReport, type HealthSnapshot } from "./snapshot";

/**
 * The health round (engine + key age against the deployed configuration) behind the cache. One service per
 * process: the page, the JSON route and the re-check button all share it, so AWS sees one round per period.
 */

export type Diagnose = (
  input: DiagnoseInputRaw,
  opts: { signal?: AbortSignal; onProbe?: (e: { probe: string; status: "start" | "done" }) => void },
) => Promise<Report>;
export type KeyAge = typeof checkKeyAge;

export interface HealthServiceOptions {
  config: SesameConfig;
  diagnose: Diagnose;
  keyAge?: KeyAge;
  /** domain to fall back on when SESAME_DOMAIN is unset (the wizard's state) */
  domainFallback?: () => Promise<string | undefined>;
  /** target to check when SESAME_TARGET is unset (the wizard's state): the platform the wizard set up */
  targetFallback?: () => Promise<TargetId | undefined>;
  processEnv?: Record<string, string | undefined>;
  now?: () => number;
  /** overrides for tests; defaults derive from config */
  periodMs?: number;
  maxStaleMs?: number;
  deadlineMs?: number;
  minForceIntervalMs?: number;
}

export interface HealthService {
  get(): Promise<Entry<HealthSnapshot>>;
  /**
   * force a round: at most one forced round per cache period (only a signed-in operator may ask, see
   * app/api/health/recheck); `changed`: the deployed configuration was just rewritten, see HealthCache
   */
  refresh(opts?: { changed?: boolean }): Promise<Entry<HealthSnapshot>>;
  readonly runs: number;
  readonly periodMs: number;
}

/**
 * The most AWS calls one health round may make, sandboxed account or not (docs/health.md#call-budget): the
 * engine's probes minus the all-regions scan, plus the key-age read. tests/security/health.test.ts counts them.
 */
export const HEALTH_CALL_BUDGET = 20;

/** Per-call deadline T: the engine's critical path is a few dependent calls, so the whole round gets 4·T + 2 s. */
export function deadlineFor(config: SesameConfig): number {
  return 4 * config.timeoutMs + 2000;
}

export function createHealthService(opts: HealthServiceOptions): HealthService {
  const now = opts.now ?? Date.now;
  const periodMs = opts.periodMs ?? opts.config.healthCacheSeconds * 1000;
  const deadlineMs = opts.deadlineMs ?? deadlineFor(opts.config);
  const keyAge = opts.keyAge ?? checkKeyAge;
  let lastDeployed: DeployedConfig | undefined;
  let lastEnvStamp: string | undefined;

  /** mtime and size of the env file: a forced re-check after the file changed is not held to the period limit */
  const envStamp = () =>
    stat(opts.config.envFile).then(
      (st) => `${st.mtimeMs}:${st.size}`,
      () => "absent",
    );

  async function round(signal: AbortSignal): Promise<HealthSnapshot> {
    const startedAt = now();
    lastEnvStamp = await envStamp();
    const target = opts.targetFallback ? await opts.targetFallback().catch(() => undefined) : undefined;
    const deployed = await loadDeployedConfig(target ? { ...opts.config, target } : opts.config, opts.processEnv);
    if (!deployed.domain && opts.domainFallback) {
      deployed.domain = await opts.domainFallback().catch(() => undefined);
      deployed.input.domain = deployed.domain;
    }
    lastDeployed = deployed;
    const meta = {
      checkedAt: new Date(startedAt).toISOString(),
      target: deployed.target,
      region: deployed.region,
      keyId: deployed.keyId,
      domain: deployed.domain,
      source: deployed.source,
    };
    if (deployed.source === "none") {
      const report: Report = { status: "fail", findings: [noCredentials(deployed)], durationMs: now() - startedAt };
      return fromReport(report, meta);
    }
    const { accessKeyId, secretAccessKey, sessionToken } = deployed.input;
    const ran: string[] = [];
    const onProbe = (e: { probe: string; status: string }) => {
      if (e.status === "done") ran.push(e.probe);
    };
    const [report, ageFindings] = await Promise.all([
      opts.diagnose(deployed.input, { signal, onProbe }),
      accessKeyId && secretAccessKey
        ? keyAge({
            accessKeyId,
            secretAccessKey,
            sessionToken,
            region: deployed.input.region,
            endpoint: deployed.input.endpoint,
            endpoints: deployed.input.endpoints,
            timeoutMs: opts.config.timeoutMs,
            signal,
          }).catch((): Finding[] => [])
        : Promise.resolve<Finding[]>([]),
    ]);
    const checked = componentsChecked(ran);
    if (ageFindings.length) checked.add("keyAge");
    return fromReport({ ...report, durationMs: now() - startedAt }, meta, ageFindings, checked);
  }

  function failed(reason: "timeout" | "error", error: unknown, startedAt: number): HealthSnapshot {
    const message =
      reason === "timeout"
        ? `AWS did not answer within ${Math.round(deadlineMs / 1000)} s`
        : `the health round failed: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}`;
    const finding =
      reason === "timeout"
        ? materialize("endpoint.health-timeout", { deadlineMs })
        : materialize("endpoint.health-error", { deadlineMs, message: message.slice(0, 240) });
    const d = lastDeployed;
    return {
      ...fromReport(
        { status: "fail", findings: [finding], durationMs: now() - startedAt },
        {
          checkedAt: new Date(startedAt).toISOString(),
          target: d?.target ?? opts.config.target,
          region: d?.region,
          keyId: d?.keyId,
          domain: d?.domain,
          source: d?.source ?? "none",
        },
      ),
      error: message,
    };
  }

  const cache: HealthCache<HealthSnapshot> = createHealthCache<HealthSnapshot>({
    run: round,
    periodMs,
    maxStaleMs: opts.maxStaleMs ?? Math.max(5 * periodMs, 5 * 60_000),
    deadlineMs,
    onFailure: failed,
    // A round whose only failures are "cannot reach AWS" says nothing about the configuration: keep the last answer.
    isOutage: (s) => s.status === "fail" && s.components.every((c) => c.status !== "fail" || c.id === "endpoint"),
    now,
    minForceIntervalMs: opts.minForceIntervalMs,
    minForcedGapMs: periodMs,
  });

  return {
    get: () => cache.get(),
    refresh: async (o) => {
      unpublishHealthResponse();
      // the operator just edited the env file: re-check what is deployed now, whatever the period limit says
      const changed = o?.changed || (lastEnvStamp !== undefined && (await envStamp()) !== lastEnvStamp);
      return cache.refresh(changed ? { changed: true } : o);
    },
    get runs() {
      return cache.runs;
    },
    periodMs,
  };
}

function noCredentials(d: DeployedConfig): Finding {
  return materialize("env.health-no-credentials", {
    envFile: d.envFile,
    envFileFound: d.envFileFound,
    target: d.target,
  });
}
