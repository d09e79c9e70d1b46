import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { readConfig } from "@/lib/config";
import { EnvRecordSchema, IamRecordSchema, ViaSchema } from "./contract";
import { ReportStatusSchema, TargetIdSchema } from "@/lib/diagnose/schema";
import { EventsStateSchema } from "@/lib/events/state";
import { PortResultSchema } from "@/lib/smtp/port-advice";

export const ProvedSchema = z.object({
  accessKeyId: z.string().optional(),
  /** on the role path: the role the default chain gave (no key id) */
  roleName: z.string().optional(),
  /** when that key was entered: the same key id pasted again (perhaps with another secret) is another proof */
  keyEnteredAt: z.string().optional(),
  region: z.string().optional(),
  domain: z.string().optional(),
});
export type Proved = z.infer<typeof ProvedSchema>;

/** What the wizard remembers between requests and restarts. No secrets: key ids only, never secret keys. */
export const WizardStateSchema = z.object({
  target: TargetIdSchema.optional(),
  region: z.string().optional(),
  endpoint: z.string().url().optional(),
  iam: IamRecordSchema.optional(),
  check: z.object({ status: ReportStatusSchema, errors: z.number(), warnings: z.number(), at: z.string() }).optional(),
  env: EnvRecordSchema.optional(),
  envDownloadedAt: z.string().optional(),
  domain: z
    .object({
      name: z.string(),
      mailFrom: z.string().optional(),
      region: z.string(),
      status: z.string().optional(),
      verifiedAt: z.string().optional(),
    })
    .optional(),
  events: EventsStateSchema.optional(),
  sends: z
    .array(
      z.object({
        via: ViaSchema,
        from: z.string(),
        to: z.string(),
        ok: z.boolean(),
        messageId: z.string().optional(),
        error: z.string().optional(),
        at: z.string(),
        /** what this send proved: the key, region and domain it went through (stale once any of them changes) */
        proved: ProvedSchema.optional(),
      }),
    )
    .default([]),
  /** production-access requests filed from the wizard, per region (the review itself is read from GetAccount) */
  productionAccess: z
    .record(
      z.string(),
      z.object({
        status: z.enum(["PENDING", "GRANTED", "DENIED", "FAILED"]),
        caseId: z.string().optional(),
        at: z.string(),
      }),
    )
    .optional(),
  /** the last SMTP port check from this host (docs/health.md, "Connectivity") */
  connectivity: z
    .object({
      results: z.array(PortResultSchema),
      recommended: z.number().int().optional(),
      /** when the recommendation was written to the env file (SMTP targets) */
      appliedAt: z.string().optional(),
      at: z.string(),
    })
    .optional(),
  doneAt: z.string().optional(),
});
export type WizardState = z.infer<typeof WizardStateSchema>;

function stateFile(): string {
  return path.join(readConfig().stateDir, "wizard.json");
}

export async function loadState(): Promise<WizardState> {
  try {
    const raw = JSON.parse(await readFile(stateFile(), "utf8"));
    const parsed = WizardStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : WizardStateSchema.parse({});
  } catch {
    return WizardStateSchema.parse({});
  }
}

/** Writers are serialised in-process so two quick requests cannot interleave read-modify-write. */
const g = globalThis as typeof globalThis & { __sesameStateChain?: Promise<unknown> };

export function updateState(mutate: (s: WizardState) => WizardState | undefined): Promise<WizardState> {
  const run = async () => {
    const current = await loadState();
    const next = WizardStateSchema.parse(mutate(structuredClone(current)) ?? current);
    const file = stateFile();
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, file);
    return next;
  };
  const p = (g.__sesameStateChain ?? Promise.resolve()).then(run, run);
  g.__sesameStateChain = p.catch(() => undefined);
  return p;
}

export async function resetState(): Promise<WizardState> {
  return updateState(() => WizardStateSchema.parse({}));
}
