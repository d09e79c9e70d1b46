import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { regionsToScan } from "@/lib/diagnose/probes/region-scan";
import { runDiagnosis } from "@/lib/diagnose/run";
import { finding, keyOf, resetTo, setFaults, startScenario } from "./diagnose-harness";

/**
 * What a diagnosis costs: calls per region for the other-regions sandbox scan, and no listener pile-up on the
 * caller's abort signal. A counting proxy in front of the emulator records every AWS request the engine makes.
 */

let em: RunningEmulator;
let proxy: Server;
let proxyUrl: string;
interface Seen {
  region: string;
  operation: string;
}
const seen: Seen[] = [];

/** SESv2 is REST (GET /v2/email/account = GetAccount); v1, STS and IAM are Query (Action=…). */
function operationOf(method: string, url: string, body: string): string {
  if (url.startsWith("/v2/email/account")) return method === "GET" ? "GetAccount" : `v2 ${method} ${url}`;
  if (url.startsWith("/v2/email/identities/")) return "GetEmailIdentity";
  return new URLSearchParams(body).get("Action") ?? `${method} ${url}`;
}

beforeAll(async () => {
  em = await startScenario("account");
  const target = new URL(em.url);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ""));
      seen.push({
        region: scope?.[1] ?? "?",
        operation: operationOf(req.method ?? "GET", req.url ?? "", String(body)),
      });
      const out = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => proxy?.close(() => r()));
  await em?.close();
});

function diagnoseViaProxy(input: Parameters<typeof runDiagnosis>[0], signal?: AbortSignal) {
  seen.length = 0;
  return runDiagnosis({ region: "us-east-1", endpoint: proxyUrl, timeoutMs: 3000, ...input }, signal ? { signal } : {});
}

const otherRegionCalls = (op: string) => seen.filter((s) => s.operation === op && s.region !== "us-east-1");

describe("other regions' sandbox state (target region sandboxed)", () => {
  it("no domain: one GetAccount per other SES region, nothing more", async () => {
    await resetTo(em, "account");
    const r = await diagnoseViaProxy({ ...keyOf("account", "usesend"), target: "usesend" });
    expect(finding(r, "account.production-in-other-region").evidence.productionRegions).toBe("us-west-2");
    const asked = otherRegionCalls("GetAccount").map((s) => s.region);
    expect(asked.sort()).toEqual(regionsToScan("us-east-1").sort());
    expect(otherRegionCalls("GetSendQuota")).toEqual([]);
  });

  it("GetAccount refused (Plunk's policy): the v1 quota per region, GetAccount not retried region by region", async () => {
    await resetTo(em, "account");
    const r = await diagnoseViaProxy({ ...keyOf("account", "plunk-sender"), target: "plunk" });
    // Plunk's policy cannot read the sending switch, so paused eu-west-1 may be listed too; us-west-2 always is
    expect(String(finding(r, "account.production-in-other-region").evidence.productionRegions).split(", ")).toContain(
      "us-west-2",
    );
    expect(otherRegionCalls("GetAccount")).toEqual([]);
    expect(otherRegionCalls("GetSendQuota")).toHaveLength(regionsToScan("us-east-1").length);
  });

  it("with a domain: only the regions where it is verified are asked", async () => {
    await resetTo(em, "account");
    const r = await diagnoseViaProxy({ ...keyOf("account", "usesend"), target: "usesend", domain: "example.com" });
    expect(finding(r, "account.production-in-other-region").evidence.productionRegions).toBe("us-west-2");
    // example.com is verified in us-east-1 (target), eu-west-1 (paused) and us-west-2 (production)
    expect(
      otherRegionCalls("GetAccount")
        .map((s) => s.region)
        .sort(),
    ).toEqual(["eu-west-1", "us-west-2"]);
    const total = seen.length;
    // the identity scan is one read per region; everything else is a handful of calls in the target region
    expect(total).toBeLessThanOrEqual(regionsToScan("us-east-1").length * 2 + 15);
  });

  it("a domain verified nowhere else: no other region's sandbox state is asked", async () => {
    await resetTo(em, "account");
    const r = await diagnoseViaProxy({ ...keyOf("account", "usesend"), target: "usesend", domain: "other.example" });
    expect(r.findings.map((f) => f.code)).toContain("account.sandbox");
    expect(otherRegionCalls("GetAccount")).toEqual([]);
  });
});

describe("the caller's abort signal", () => {
  it("dozens of concurrent calls under one signal add no listeners to it (no MaxListenersExceededWarning)", async () => {
    await resetTo(em, "account");
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      await diagnoseViaProxy({ ...keyOf("account", "plunk-sender"), target: "plunk" }, controller.signal);
      // many calls really were in flight together under that signal
      expect(seen.length).toBeGreaterThan(20);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.includes("MaxListenersExceeded"))).toEqual([]);
  });

  it("aborting the signal still stops every call at once", async () => {
    await resetTo(em, "account");
    await setFaults(em, { latencyMs: 2000 });
    try {
      const controller = new AbortController();
      const started = performance.now();
      setTimeout(() => controller.abort(), 100);
      await diagnoseViaProxy(
        { ...keyOf("account", "usesend"), target: "usesend", domain: "example.com" },
        controller.signal,
      );
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      await setFaults(em, { latencyMs: 0 });
    }
  });
});
