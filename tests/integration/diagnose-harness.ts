import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { EmulatorConfigInput } from "@/emulator/config";
import { EmulatorConfigSchema } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { DiagnoseInputRaw, Report } from "@/lib/diagnose/schema";

/** Shared by the diagnose-* and doctor-cli* integration tests: scenario configs, one emulator, fault switches. */

export const SCENARIO_DIR = path.resolve(__dirname, "../scenarios");

export function loadScenario(name: string): EmulatorConfigInput {
  const raw = JSON.parse(readFileSync(path.join(SCENARIO_DIR, `${name}.json`), "utf8"));
  EmulatorConfigSchema.parse(raw); // scenario files must stay valid emulator configs
  return raw as EmulatorConfigInput;
}

/** The first access key of a scenario's user: tests read credentials from the scenario, never hard-code them. */
export function keyOf(
  scenario: string,
  userName: string,
  index = 0,
): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  const cfg = loadScenario(scenario);
  const user = cfg.users?.find((u) => u.name === userName);
  const key = user?.accessKeys?.[index];
  if (!key) throw new Error(`scenario ${scenario} has no key ${index} for ${userName}`);
  return {
    accessKeyId: key.id,
    secretAccessKey: key.secret,
    ...(key.sessionToken ? { sessionToken: key.sessionToken } : {}),
  };
}

export async function startScenario(name: string): Promise<RunningEmulator> {
  return startEmulator(loadScenario(name), { quiet: true });
}

async function admin(em: RunningEmulator, method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${em.url}/_emulator/${p}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`admin ${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Back to a scenario's seed state with no faults. */
export async function resetTo(em: RunningEmulator, name: string): Promise<void> {
  await admin(em, "POST", "reset", loadScenario(name));
  await admin(em, "POST", "faults/reset");
}

/** Mail the emulator accepted (API and SMTP). */
export async function sentMail(em: RunningEmulator): Promise<{ to: string[]; from: string; via: string }[]> {
  return (await admin(em, "GET", "sent")) as { to: string[]; from: string; via: string }[];
}

export async function setFaults(em: RunningEmulator, patch: Record<string, unknown>): Promise<void> {
  await admin(em, "POST", "faults", patch);
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/**
 * Every finding of every report must read fully: a title, a why and a fix with each placeholder filled from its
 * evidence ("(unknown)" is what a missing one turns into).
 */
export function assertReadable(r: Report): Report {
  for (const f of r.findings) {
    for (const [part, text] of [
      ["title", f.title],
      ["detail", f.detail],
      ["fix", f.fix],
    ] as const) {
      if (!text.trim() || text.includes("(unknown)"))
        throw new Error(
          `${f.code}: ${part} is incomplete: ${JSON.stringify(text)} (evidence ${JSON.stringify(f.evidence)})`,
        );
    }
  }
  return r;
}

export async function diagnose(em: RunningEmulator, input: DiagnoseInputRaw): Promise<Report> {
  const report = await runDiagnosis({
    target: "plunk",
    region: "us-east-1",
    endpoint: em.url,
    dnsServer: `127.0.0.1:${em.ports.dns}`,
    timeoutMs: 3000,
    ...input,
  });
  return assertReadable(report);
}

export function codes(r: Report): string[] {
  return r.findings.map((f) => f.code);
}

export function finding(r: Report, code: string) {
  const f = r.findings.find((x) => x.code === code);
  if (!f) throw new Error(`expected ${code}; got ${codes(r).join(", ") || "no findings"}`);
  return f;
}
