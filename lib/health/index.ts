import "server-only";
import { readConfig } from "@/lib/config";
import { loadState } from "@/lib/setup/state";
import { runEngine } from "./engine";
import { createHealthService, type HealthService } from "./service";

/**
 * The process-wide health service. Kept on globalThis because Next loads server modules once per route bundle;
 * the page, /api/health and the re-check button must share one cache or AWS would see one round per bundle.
 */
const g = globalThis as typeof globalThis & { __sesameHealth?: HealthService };

export function healthService(): HealthService {
  if (!g.__sesameHealth) {
    g.__sesameHealth = createHealthService({
      config: readConfig(),
      diagnose: runEngine,
      domainFallback: async () => (await loadState()).domain?.name,
      // SESAME_TARGET unset (the demo, a start without it): check the platform the wizard set up (docs/health.md)
      ...(process.env.SESAME_TARGET ? {} : { targetFallback: async () => (await loadState()).target }),
    });
  }
  return g.__sesameHealth;
}
