import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import type { Entry } from "@/lib/health/cache";
import { renderMetrics } from "@/lib/health/metrics";
import type { HealthSnapshot } from "@/lib/health/snapshot";

/** Prometheus text over the health snapshot; the route is off unless SESAME_METRICS=1. */

const snap: HealthSnapshot = {
  status: "warn",
  checkedAt: "2026-11-23T11:36:01.455Z",
  durationMs: 612,
  target: "plunk",
  source: "env-file",
  components: [
    { id: "credentials", label: "Credentials", key: "credentials:valid", status: "pass", summary: "", findings: [] },
    { id: "account", label: "Account", key: "account:production", status: "warn", summary: "", findings: [] },
    { id: "domain", label: "Domain", key: "domain:verified", status: "fail", summary: "", findings: [] },
    { id: "smtp", label: "SMTP", key: "smtp:reachable", status: "skipped", summary: "", findings: [] },
  ],
};
const entry: Entry<HealthSnapshot> = {
  value: snap,
  checkedAt: Date.parse(snap.checkedAt),
  stale: true,
  refreshing: true,
};

/** Every sample line, as name{labels} → value; comment lines must be HELP or TYPE. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("#")) {
      expect(line).toMatch(/^# (HELP|TYPE) sesame_[a-z_]+ .+$/);
      continue;
    }
    const m = /^(sesame_[a-z_]+(?:\{[^}]*\})?) (-?[0-9.e+]+)$/.exec(line);
    expect(m, line).not.toBeNull();
    out.set(m?.[1] ?? "", Number(m?.[2]));
  }
  return out;
}

describe("metrics", () => {
  afterEach(() => {
    delete process.env.SESAME_METRICS;
  });

  it("renders status gauges per component, duration, start time, staleness, rounds and AWS calls", () => {
    const s = samples(renderMetrics(entry, 7, 15));
    expect(s.get("sesame_health_status")).toBe(1);
    expect(s.get('sesame_health_component_status{component="credentials",check="credentials:valid"}')).toBe(0);
    expect(s.get('sesame_health_component_status{component="account",check="account:production"}')).toBe(1);
    expect(s.get('sesame_health_component_status{component="domain",check="domain:verified"}')).toBe(2);
    // not checked: no status sample, checked 0 — never a 0 that reads as pass
    expect([...s.keys()].some((k) => k.includes('component="smtp",check'))).toBe(false);
    expect(s.get('sesame_health_component_checked{component="smtp"}')).toBe(0);
    expect(s.get("sesame_health_round_duration_seconds")).toBe(0.612);
    expect(s.get("sesame_health_round_start_timestamp_seconds")).toBe(Date.parse(snap.checkedAt) / 1000);
    expect(s.get("sesame_health_stale")).toBe(1);
    expect(s.get("sesame_health_rounds_total")).toBe(7);
    expect(s.get("sesame_health_round_aws_calls")).toBe(15);
  });

  it("is off unless SESAME_METRICS=1: 404 JSON saying how to turn it on, before any health round", async () => {
    const res = await GET();
    expect(res.status).toBe(404);
    expect((await res.json()).error).toContain("SESAME_METRICS=1");
  });
});
