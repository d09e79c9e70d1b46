import { describe, expect, it } from "vitest";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { Probe, ProbeId } from "@/lib/diagnose/types";

/** The runner with stand-in probes: concurrency from `needs`, deadlines, failures turned into findings. */

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function probe(id: ProbeId, needs: ProbeId[], ms: number, log: string[], extra: Partial<Probe> = {}): Probe {
  return {
    id,
    label: id,
    needs,
    async run() {
      log.push(`start ${id}`);
      await wait(ms);
      log.push(`end ${id}`);
      return { findings: [] };
    },
    ...extra,
  };
}

describe("runDiagnosis runner", () => {
  it("starts every probe whose needs are met at once; the time is the longest chain", async () => {
    const log: string[] = [];
    const probes = [
      probe("input", [], 0, log),
      probe("identity", ["input"], 200, log),
      probe("account", ["input"], 200, log),
      probe("domain", ["input"], 200, log),
      probe("permissions", ["identity"], 200, log),
    ];
    const t0 = Date.now();
    const r = await runDiagnosis({ target: "plunk" }, { probes });
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(750); // one at a time would be 800
    expect(log.indexOf("start account")).toBeLessThan(log.indexOf("end identity"));
    expect(log.indexOf("start permissions")).toBeGreaterThan(log.indexOf("end identity"));
    expect(r.status).toBe("pass");
  });

  it("skips probes whose condition fails, and their dependents still run", async () => {
    const log: string[] = [];
    const r = await runDiagnosis(
      { target: "plunk" },
      { probes: [probe("input", [], 0, log, { when: () => false }), probe("identity", ["input"], 0, log)] },
    );
    expect(log).toEqual(["start identity", "end identity"]);
    expect(r.findings).toEqual([]);
  });

  it("cuts off a probe that hangs, reporting a timeout instead of hanging", async () => {
    const hung: Probe = { id: "account", label: "hung", needs: [], run: () => new Promise(() => {}) };
    const t0 = Date.now();
    const r = await runDiagnosis({ target: "plunk", timeoutMs: 50 }, { probes: [hung] });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.findings.map((f) => f.code)).toEqual(["endpoint.timeout"]);
    expect(r.status).toBe("fail");
  });

  it("turns a probe's crash into a finding, and the others still report", async () => {
    const boom: Probe = {
      id: "account",
      label: "boom",
      needs: [],
      run: async () => {
        throw new Error("kaput");
      },
    };
    const ok: Probe = {
      id: "domain",
      label: "ok",
      needs: [],
      run: async () => ({
        findings: [
          {
            code: "account.sandbox",
            evidence: { region: "us-east-1", max24HourSend: 200, maxSendRate: 1, method: "SESv2 GetAccount" },
          },
        ],
      }),
    };
    const r = await runDiagnosis({ target: "plunk" }, { probes: [boom, ok] });
    expect(r.findings.map((f) => f.code).sort()).toEqual(["account.sandbox", "endpoint.unexpected-error"]);
    expect(r.findings.find((f) => f.code === "endpoint.unexpected-error")?.evidence.message).toBe("kaput");
  });

  it("stops starting probes once aborted", async () => {
    const log: string[] = [];
    const ac = new AbortController();
    const first: Probe = {
      ...probe("input", [], 0, log),
      run: async () => {
        ac.abort();
        return { findings: [] };
      },
    };
    await runDiagnosis(
      { target: "plunk" },
      { probes: [first, probe("identity", ["input"], 0, log)], signal: ac.signal },
    );
    expect(log).toEqual([]);
  });
});
