import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { SesameConfig } from "@/lib/config";
import { envVarsWithSmtpPassword, getTarget } from "@/lib/env/targets";
import { readEnvFile, writeEnvFile } from "@/lib/env/write";
import { loadDeployedConfig } from "@/lib/health/config";
import { maskKeyId } from "@/lib/health/snapshot";
import {
  AwsDoor,
  type AwsWhere,
  awsErrorOf,
  awsFailureFinding,
  type ClassifiedError,
  failureBody,
  hasCode,
  isAccessDenied,
  isAuthFailure,
  isNetworkFailure,
  withDoor,
} from "@/lib/aws";
import { finding as findingOf, type RawFinding } from "@/lib/findings/catalogue";
import type { Finding } from "@/lib/findings/model";
import { type RotationStep, RotationStepSchema, type RotationView } from "@/lib/setup/contract";
import type { SessionSecrets } from "@/lib/setup/secrets";

/**
 * Access-key rotation without downtime, in the order AWS recommends: create a second key, put it where the platform
 * reads it, prove it works, then deactivate the old key (reversible) and finally delete it.
 *
 * The new secret goes straight from CreateAccessKey into the env file and is never returned, logged or stored
 * elsewhere. Progress (key ids only) lives in <stateDir>/rotation.json so a restart or a second tab resumes it.
 * IAM calls use the operator's admin credentials for this session when given, else the deployed key itself
 * (which then needs iam:CreateAccessKey/UpdateAccessKey/DeleteAccessKey on its own user).
 */

export { RotationStepSchema, type RotationStep } from "@/lib/setup/contract";

export const RotationStateSchema = z.object({
  step: RotationStepSchema,
  /** IAM user both keys belong to */
  userName: z.string(),
  oldKeyId: z.string(),
  newKeyId: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  backupPath: z.string().nullable().optional(),
});
export type RotationState = z.infer<typeof RotationStateSchema>;

export class RotateError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = "rotate",
    /** the catalogue's finding when AWS caused it (message is then its title, why and fix) */
    readonly finding?: Finding,
    /** the AWS error behind it */
    readonly aws?: ClassifiedError,
  ) {
    super(message);
  }

  static of(status: number, raw: RawFinding, code = "rotate", aws?: ClassifiedError): RotateError {
    const { error, finding } = failureBody(raw);
    return new RotateError(status, error, code, finding, aws);
  }
}

export interface RotateContext {
  config: SesameConfig;
  /** admin credentials entered for this rotation (kept in session memory by the caller), optional */
  admin?: SessionSecrets;
  processEnv?: Record<string, string | undefined>;
  /** how long to wait for a new key to start working (IAM is eventually consistent) */
  propagationMs?: number;
}

function stateFile(config: SesameConfig): string {
  return path.join(config.stateDir, "rotation.json");
}

export async function loadRotation(config: SesameConfig): Promise<RotationState | undefined> {
  try {
    const parsed = RotationStateSchema.safeParse(JSON.parse(await readFile(stateFile(config), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function saveRotation(config: SesameConfig, state: RotationState): Promise<void> {
  const file = stateFile(config);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/** The deployed key (from the env file or process env) and where to reach AWS with it. */
async function deployed(ctx: RotateContext) {
  const d = await loadDeployedConfig(ctx.config, ctx.processEnv);
  const { accessKeyId, secretAccessKey, sessionToken } = d.input;
  if (!accessKeyId || !secretAccessKey) {
    throw new RotateError(
      409,
      getTarget(d.target).mode === "smtp"
        ? "SMTP targets store a derived SMTP password, not the secret key, so this flow cannot verify or manage the key. Create a new key in the wizard's IAM step (it writes SMTP_USER and SMTP_PASSWORD), then deactivate and delete the old key in the IAM console."
        : `No access key found in ${d.envFile} or the process environment. Finish the setup wizard first.`,
    );
  }
  if (!d.region) throw new RotateError(409, "The env file names no region; finish the setup wizard first.");
  const where: AwsWhere = {
    region: d.region,
    endpoint: d.input.endpoint,
    endpoints: d.input.endpoints,
    timeoutMs: ctx.config.timeoutMs,
  };
  return { d, key: { accessKeyId, secretAccessKey, sessionToken } satisfies SessionSecrets, where };
}

/** A failed IAM or STS call of the rotation as the catalogue's finding: 504 no answer, 403 denied, else 502. */
function awsFailure(
  err: unknown,
  call: { operation: string; where: AwsWhere; admin: boolean; service?: "iam" | "sts" },
): RotateError {
  if (err instanceof RotateError) return err;
  const info = awsErrorOf(err);
  const service = call.service ?? "iam";
  const raw = awsFailureFinding(info, {
    who: call.admin ? "rotation" : "platform",
    task: service === "sts" ? "identify" : "rotate-keys",
    service,
    operation: call.operation,
    where: call.where,
    remedy: "rotation-admin",
  });
  if (isNetworkFailure(info)) return RotateError.of(504, raw, "rotate", info);
  if (isAccessDenied(info)) return RotateError.of(403, raw, "access-denied", info);
  return RotateError.of(502, raw, "rotate", info);
}

/** The door for IAM key management: the admin credentials of this rotation when given, else the deployed key. */
function iamDoor(ctx: RotateContext, dep: { key: SessionSecrets; where: AwsWhere }): AwsDoor {
  const k = ctx.admin ?? dep.key;
  return new AwsDoor(dep.where, {
    accessKeyId: k.accessKeyId,
    secretAccessKey: k.secretAccessKey,
    sessionToken: k.sessionToken || undefined,
  });
}

async function whoAmI(key: SessionSecrets, where: AwsWhere): Promise<{ userName: string; arn: string }> {
  try {
    const out = await withDoor(key, where, (door) => door.send("sts", (sdk) => new sdk.GetCallerIdentityCommand({})));
    const arn = out.Arn ?? "";
    const m = /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
    if (!m?.[1])
      throw new RotateError(
        409,
        `The deployed key does not belong to an IAM user (${arn || "unknown"}); only user keys can be rotated.`,
      );
    return { userName: m[1], arn };
  } catch (err) {
    if (err instanceof RotateError) throw err;
    throw awsFailure(err, { operation: "GetCallerIdentity", where, admin: false, service: "sts" });
  }
}

/** What the rotation page shows: declared once in the setup contract. */
export type { RotationView } from "@/lib/setup/contract";

function masked(state: RotationState): RotationView["state"] {
  const { oldKeyId, newKeyId, ...rest } = state;
  return { ...rest, oldKeyMasked: maskKeyId(oldKeyId) ?? "", newKeyMasked: maskKeyId(newKeyId) ?? "" };
}

/** What the rotation page shows: progress, the deployed key (masked), and the user's keys when they may be listed. */
export async function rotationView(ctx: RotateContext): Promise<RotationView> {
  const state = await loadRotation(ctx.config);
  const target = getTarget(ctx.config.target);
  const view: RotationView = { restartHint: target.restartHint, target: target.id, state: state && masked(state) };
  let dep: Awaited<ReturnType<typeof deployed>>;
  try {
    dep = await deployed(ctx);
  } catch (err) {
    if (err instanceof RotateError) return { ...view, keysProblem: err.message };
    throw err;
  }
  view.deployedKey = maskKeyId(dep.key.accessKeyId);
  const iam = iamDoor(ctx, dep);
  try {
    const { userName } = await whoAmI(dep.key, dep.where);
    view.userName = userName;
    const out = await iam.send("iam", (sdk) => new sdk.ListAccessKeysCommand({ UserName: userName }));
    view.keys = (out.AccessKeyMetadata ?? []).map((k) => ({
      id: maskKeyId(k.AccessKeyId) ?? "?",
      status: k.Status ?? "?",
      createdAt: k.CreateDate?.toISOString(),
      role:
        k.AccessKeyId === dep.key.accessKeyId
          ? "deployed"
          : k.AccessKeyId === state?.oldKeyId
            ? "old"
            : k.AccessKeyId === state?.newKeyId
              ? "new"
              : "other",
    }));
  } catch (err) {
    view.keysProblem = awsFailure(err, { operation: "ListAccessKeys", where: dep.where, admin: !!ctx.admin }).message;
  } finally {
    iam.destroy();
  }
  return view;
}

/** Step 1+2: create the second key and write it to the env file in one go, so its secret is never held anywhere else. */
export async function createAndWrite(ctx: RotateContext): Promise<RotationView> {
  const current = await loadRotation(ctx.config);
  if (current && current.step !== "done") {
    throw new RotateError(
      409,
      `A rotation is already under way (step: ${current.step}). Finish it or delete the old key first.`,
    );
  }
  const dep = await deployed(ctx);
  const target = getTarget(ctx.config.target);
  const { userName } = await whoAmI(dep.key, dep.where);
  const envBefore = await readEnvFile(ctx.config.envFile);

  const iam = iamDoor(ctx, dep);
  try {
    let created: { id: string; secret: string };
    try {
      const out = await iam.send("iam", (sdk) => new sdk.CreateAccessKeyCommand({ UserName: userName }));
      if (!out.AccessKey?.AccessKeyId || !out.AccessKey.SecretAccessKey)
        throw new Error("CreateAccessKey returned no key");
      created = { id: out.AccessKey.AccessKeyId, secret: out.AccessKey.SecretAccessKey };
    } catch (err) {
      // the SDK names IAM's LimitExceeded error LimitExceededException
      if (hasCode(awsErrorOf(err), "LimitExceeded")) {
        const code = awsErrorOf(err).code;
        throw RotateError.of(
          409,
          findingOf("setup.key-limit", { userName, errorCode: code, remedy: "rotation" }),
          "key-limit",
        );
      }
      throw awsFailure(err, { operation: "CreateAccessKey", where: dep.where, admin: !!ctx.admin });
    }

    const smtpPort = Number(dep.d.input.smtpPort) || 587;
    const vars = await envVarsWithSmtpPassword(target, {
      accessKeyId: created.id,
      secretAccessKey: created.secret,
      region: dep.where.region,
      smtpPort,
    });
    let backupPath: string | null = null;
    try {
      const res = await writeEnvFile(ctx.config.envFile, vars, { expectedHash: envBefore.hash });
      backupPath = res.backupPath;
    } catch (err) {
      // The key exists but nobody has it: delete it again rather than leave an orphan counting against the limit.
      await iam
        .send("iam", (sdk) => new sdk.DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: created.id }))
        .catch(() => undefined);
      throw new RotateError(
        409,
        `Writing the env file failed (${err instanceof Error ? err.message : "unknown error"}); the new key was deleted again and nothing changed.`,
        "env-write",
      );
    }
    const now = new Date().toISOString();
    await saveRotation(ctx.config, {
      step: "written",
      userName,
      oldKeyId: dep.key.accessKeyId,
      newKeyId: created.id,
      startedAt: now,
      updatedAt: now,
      backupPath,
    });
  } finally {
    iam.destroy();
  }
  return rotationView(ctx);
}

/** Step 3: the key in the env file now is the new one, and AWS accepts it (retrying while IAM propagates it). */
export async function verifyNew(ctx: RotateContext): Promise<RotationView> {
  const state = await requireStep(ctx.config, ["written", "verified"]);
  const dep = await deployed(ctx);
  if (dep.key.accessKeyId !== state.newKeyId) {
    throw new RotateError(
      409,
      `The env file holds ${maskKeyId(dep.key.accessKeyId)}, not the new key ${maskKeyId(state.newKeyId)}. Someone edited it; restore it from the backup${state.backupPath ? ` (${state.backupPath})` : ""} or start over.`,
    );
  }
  const deadline = Date.now() + (ctx.propagationMs ?? 20_000);
  for (let attempt = 0; ; attempt++) {
    try {
      const me = await whoAmI(dep.key, dep.where);
      if (me.userName !== state.userName) {
        throw new RotateError(409, `The new key belongs to ${me.userName}, not ${state.userName}.`, "wrong-user");
      }
      break;
    } catch (err) {
      if (err instanceof RotateError && err.code === "wrong-user") throw err;
      const aws = err instanceof RotateError ? err.aws : awsErrorOf(err);
      // a brand-new key is "invalid" for a few seconds on real AWS; anything else will not fix itself
      const retriable = !!aws && (aws.code === "InvalidClientTokenId" || isNetworkFailure(aws));
      if (!retriable || Date.now() + 1000 > deadline) {
        if (!aws || !isAuthFailure(aws))
          throw awsFailure(err, { operation: "GetCallerIdentity", where: dep.where, admin: false, service: "sts" });
        throw RotateError.of(
          502,
          awsFailureFinding(aws, {
            who: "new-key",
            task: "identify",
            service: "sts",
            operation: "GetCallerIdentity",
            where: dep.where,
            remedy: "add-permission",
            rejected: "propagation",
          }),
          "rotate",
          aws,
        );
      }
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 4000)));
    }
  }
  // Signing with it against SES proves the secret made it into the file intact; a denial still means it authenticated.
  try {
    await withDoor(dep.key, dep.where, (door) => door.send("ses", (sdk) => new sdk.GetSendQuotaCommand({})));
  } catch (err) {
    const info = awsErrorOf(err);
    if (isAuthFailure(info) || isNetworkFailure(info)) {
      const raw = awsFailureFinding(info, {
        who: "new-key",
        task: "rotate-verify",
        service: "ses",
        operation: "GetSendQuota",
        where: dep.where,
        remedy: "add-permission",
        rejected: "propagation",
      });
      throw RotateError.of(502, raw, "rotate", info);
    }
  }
  await saveRotation(ctx.config, { ...state, step: "verified", updatedAt: new Date().toISOString() });
  return rotationView(ctx);
}

async function requireStep(config: SesameConfig, allowed: RotationStep[]): Promise<RotationState> {
  const state = await loadRotation(config);
  if (!state || state.step === "done") throw new RotateError(409, "No rotation under way. Start one first.");
  if (!allowed.includes(state.step)) {
    throw new RotateError(409, `This step needs the rotation at ${allowed.join(" or ")}; it is at ${state.step}.`);
  }
  return state;
}

async function setOldStatus(ctx: RotateContext, state: RotationState, status: "Active" | "Inactive"): Promise<void> {
  const dep = await deployed(ctx);
  const iam = iamDoor(ctx, dep);
  try {
    await iam.send(
      "iam",
      (sdk) =>
        new sdk.UpdateAccessKeyCommand({ UserName: state.userName, AccessKeyId: state.oldKeyId, Status: status }),
    );
  } catch (err) {
    throw awsFailure(err, { operation: "UpdateAccessKey", where: dep.where, admin: !!ctx.admin });
  } finally {
    iam.destroy();
  }
}

/** Step 4: deactivate the old key (reversible: `reactivateOld`). Only after the new key was verified. */
export async function deactivateOld(ctx: RotateContext): Promise<RotationView> {
  const state = await requireStep(ctx.config, ["verified"]);
  await setOldStatus(ctx, state, "Inactive");
  await saveRotation(ctx.config, { ...state, step: "deactivated", updatedAt: new Date().toISOString() });
  return rotationView(ctx);
}

/** Undo for step 4, when something still used the old key. */
export async function reactivateOld(ctx: RotateContext): Promise<RotationView> {
  const state = await requireStep(ctx.config, ["deactivated"]);
  await setOldStatus(ctx, state, "Active");
  await saveRotation(ctx.config, { ...state, step: "verified", updatedAt: new Date().toISOString() });
  return rotationView(ctx);
}

/** Step 5: delete the old key for good. Only once it has been inactive (so nothing still depends on it). */
export async function deleteOld(ctx: RotateContext): Promise<RotationView> {
  const state = await requireStep(ctx.config, ["deactivated"]);
  const dep = await deployed(ctx);
  const iam = iamDoor(ctx, dep);
  try {
    await iam.send(
      "iam",
      (sdk) => new sdk.DeleteAccessKeyCommand({ UserName: state.userName, AccessKeyId: state.oldKeyId }),
    );
  } catch (err) {
    if (!hasCode(awsErrorOf(err), "NoSuchEntity"))
      throw awsFailure(err, { operation: "DeleteAccessKey", where: dep.where, admin: !!ctx.admin });
  } finally {
    iam.destroy();
  }
  await saveRotation(ctx.config, { ...state, step: "done", updatedAt: new Date().toISOString() });
  return rotationView(ctx);
}
