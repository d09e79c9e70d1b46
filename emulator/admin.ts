import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { safeDecode } from "../lib/sigv4";
import { trustAllows } from "./auth/trust";
import { DnsRecordSchema } from "./config";
import { isoSeconds } from "./core/ids";
import { BodyTooLarge, readBody, sendJson } from "./core/http";
import { AwsError } from "./core/types";
import { FaultsPatchSchema } from "./faults";
import type { World } from "./state";
import { RECEIVER_NAME } from "./webhooks/receiver";

const ReviewDecisionSchema = z.object({
  region: z.string().min(1),
  status: z.enum(["GRANTED", "DENIED", "FAILED"]),
});
const VerifyEmailSchema = z.object({ region: z.string().min(1), address: z.string().email() });

/**
 * Loopback admin API under /_emulator/ (no auth; the emulator only binds 127.0.0.1). JSON in, JSON out.
 * Secrets never leave through here: the state lists key ids and status only.
 */

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function parseJson(body: Buffer, optional: boolean): unknown {
  const text = body.toString("utf8").trim();
  if (text === "") {
    if (optional) return undefined;
    throw new AdminError(400, "a JSON body is required");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AdminError(400, "the body is not valid JSON");
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AdminError(
      400,
      `invalid ${what}: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
      r.error.issues,
    );
  }
  return r.data;
}

export function iamSnapshot(world: World) {
  const iam = world.iam;
  return {
    users: iam.listUsers().map((u) => ({
      name: u.name,
      path: u.path,
      arn: u.arn,
      userId: u.userId,
      createDate: isoSeconds(u.createDate),
      tags: u.tags,
      inlinePolicies: Object.fromEntries([...u.inlinePolicies].map(([n, doc]) => [n, JSON.parse(doc)])),
      managedPolicies: [...u.managedPolicyArns],
      // never the secret or the session token
      accessKeys: u.accessKeys.map((k) => ({
        accessKeyId: k.id,
        status: k.status,
        createDate: isoSeconds(k.createDate),
        expiresAt: k.expiresAt ? isoSeconds(k.expiresAt) : undefined,
        lastUsed: k.lastUsed ? { ...k.lastUsed, date: isoSeconds(k.lastUsed.date) } : undefined,
      })),
    })),
    roles: iam.roles.list().map((r) => ({
      name: r.name,
      path: r.path,
      arn: r.arn,
      roleId: r.roleId,
      createDate: isoSeconds(r.createDate),
      description: r.description,
      maxSessionDuration: r.maxSessionDuration,
      assumeRolePolicyDocument: JSON.parse(r.trustDocument),
      inlinePolicies: Object.fromEntries([...r.inlinePolicies].map(([n, doc]) => [n, JSON.parse(doc)])),
      managedPolicies: [...r.managedPolicyArns],
      tags: r.tags,
      // never a session's secret or token
      sessions: iam.roles
        .listSessions()
        .filter((s) => s.role === r)
        .map((s) => ({ accessKeyId: s.accessKeyId, arn: s.arn, expiresAt: isoSeconds(s.expiresAt) })),
    })),
    managedPolicies: iam
      .listManagedPolicies()
      .filter((p) => !p.awsManaged)
      .map((p) => ({ name: p.name, arn: p.arn, path: p.path, document: JSON.parse(p.document) })),
  };
}

/**
 * The platform webhook receivers: POST /_emulator/webhooks/<name>[/<path>] receives SNS messages; GET lists one
 * receiver's messages (or all receivers without a name); DELETE clears.
 */
async function webhooks(
  world: World,
  method: string,
  path: string,
  body: Buffer,
  reply: (status: number, value: unknown) => void,
): Promise<void> {
  const [name, ...rest] = path
    .slice("/_emulator/webhooks".length)
    .split("/")
    .filter((s) => s !== "");
  if (name === undefined) {
    if (method === "GET") return reply(200, { receivers: world.webhooks.list() });
    if (method === "DELETE") {
      world.webhooks.clear();
      return reply(200, { ok: true });
    }
    throw new AdminError(405, `${method} is not allowed on /_emulator/webhooks`);
  }
  const decoded = safeDecode(name);
  if (!RECEIVER_NAME.test(decoded)) throw new AdminError(400, "receiver name: 1-64 letters, digits, - and _");
  if (method === "POST") {
    const { status, message } = await world.webhooks.receive(decoded, rest.length ? `/${rest.join("/")}` : "", body);
    return reply(status, { ok: status === 200, type: message.type, signatureValid: message.signatureValid });
  }
  if (rest.length > 0) throw new AdminError(404, `no admin route ${method} ${safeDecode(path)}`);
  if (method === "GET") return reply(200, world.webhooks.messages(decoded));
  if (method === "DELETE") {
    world.webhooks.clear(decoded);
    return reply(200, { ok: true });
  }
  throw new AdminError(405, `${method} is not allowed on a webhook receiver`);
}

/** the service an ECS task role trusts; the endpoint plays the ECS agent, which assumes the role as that service */
const ECS_TASKS = "ecs-tasks.amazonaws.com";

/**
 * GET /_emulator/container-credentials/<role>: what the ECS agent serves at AWS_CONTAINER_CREDENTIALS_FULL_URI, so
 * the AWS SDK's default chain resolves the role's temporary credentials (docs/emulator.md "Roles").
 */
function containerCredentials(world: World, roleName: string) {
  const role = world.iam.roles.find(roleName);
  if (!role)
    throw new AdminError(404, `no role named ${roleName}: create it with iam:CreateRole or seed it in roles[]`);
  if (!trustAllows(role.trust, { kind: "service", service: ECS_TASKS })) {
    throw new AdminError(403, `role ${role.name} does not trust ${ECS_TASKS}, so no task can run as it`);
  }
  const session = world.iam.roles.startSession(
    role,
    `ecs-task-${randomBytes(8).toString("hex")}`,
    role.maxSessionDuration,
  );
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secret,
    Token: session.sessionToken,
    Expiration: isoSeconds(session.expiresAt),
    RoleArn: role.arn,
  };
}

export async function handleAdmin(
  world: World,
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  rawQuery: string,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const path = rawPath.replace(/\/+$/, "") || "/";
  const reply = (status: number, value: unknown) => sendJson(res, status, value, world.now());
  try {
    const body = await readBody(req, 4 * 1024 * 1024);
    if (path === "/_emulator/webhooks" || path.startsWith("/_emulator/webhooks/")) {
      return await webhooks(world, method, path, body, reply);
    }
    if (path.startsWith("/_emulator/container-credentials/")) {
      if (method !== "GET") throw new AdminError(405, `${method} is not allowed on the container credentials endpoint`);
      return reply(
        200,
        containerCredentials(world, safeDecode(path.slice("/_emulator/container-credentials/".length))),
      );
    }
    const key = `${method} ${path}`;
    switch (key) {
      case "GET /_emulator":
      case "GET /_emulator/state":
        return reply(200, {
          accountId: world.config.accountId,
          now: world.now().toISOString(),
          smtp: { region: world.config.smtp.region },
          iam: iamSnapshot(world),
          ses: world.ses.state(),
          sns: world.sns.snapshot(),
          dns: world.dns.list(),
          faults: world.faults.settings,
        });
      case "GET /_emulator/secrets":
        // the stand-in's own (fake) key secrets and session tokens, for the e2e secret scan
        // (tests/e2e/secret-scan.ts) to know every secret a run created; /_emulator/state never carries them
        return reply(200, {
          keys: [
            ...world.iam.listUsers().flatMap((u) =>
              u.accessKeys.map((k) => ({
                userName: u.name,
                accessKeyId: k.id,
                secretAccessKey: k.secret,
                sessionToken: k.sessionToken,
              })),
            ),
            // role sessions (AssumeRole, the container credentials endpoint)
            ...world.iam.roles.listSessions().map((s) => ({
              userName: `${s.role.name} (role session)`,
              accessKeyId: s.accessKeyId,
              secretAccessKey: s.secret,
              sessionToken: s.sessionToken,
            })),
          ],
        });
      case "POST /_emulator/reset": {
        const config = parseJson(body, true);
        try {
          world.reset(config);
        } catch (err) {
          if (err instanceof z.ZodError) {
            throw new AdminError(
              400,
              `invalid config: ${err.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
              err.issues,
            );
          }
          throw err;
        }
        return reply(200, { ok: true, users: world.iam.listUsers().length });
      }
      case "GET /_emulator/dns":
        return reply(200, world.dns.list());
      case "POST /_emulator/dns": {
        const record = validate(DnsRecordSchema, parseJson(body, false), "DNS record");
        return reply(201, world.dns.add(record));
      }
      case "DELETE /_emulator/dns": {
        const q = Object.fromEntries(new URLSearchParams(rawQuery));
        if (!q.name) throw new AdminError(400, "name is required: DELETE /_emulator/dns?name=&type=&value=");
        return reply(200, {
          removed: world.dns.remove({ name: q.name, type: q.type || undefined, value: q.value || undefined }),
        });
      }
      case "GET /_emulator/sent":
        return reply(200, world.ses.sent());
      case "DELETE /_emulator/sent":
        world.ses.clearSent();
        return reply(200, { ok: true });
      case "POST /_emulator/ses/verify-email": {
        // The click on the link in AWS's verification mail, which the stand-in never sends.
        const { region, address } = validate(VerifyEmailSchema, parseJson(body, false), "verify-email request");
        if (!world.ses.verifyEmailAddress(region, address)) {
          throw new AdminError(404, `no email identity ${address} in ${region}`);
        }
        return reply(200, { ok: true, region, address });
      }
      case "GET /_emulator/sns":
        return reply(200, { ...(world.sns.snapshot() as object), deliveries: world.sns.deliveries() });
      case "POST /_emulator/ses/production-access": {
        // AWS's reviewer: decides a pending PutAccountDetails request (docs/emulator.md, "Production access")
        const { region, status } = validate(ReviewDecisionSchema, parseJson(body, false), "review decision");
        const r = world.ses.decideProductionAccess(region, status);
        if (!r.ok) throw new AdminError(409, `cannot decide in ${region}: ${r.error}`);
        return reply(200, { ok: true, region, status, caseId: r.caseId });
      }
      case "GET /_emulator/faults":
        return reply(200, world.faults.settings);
      case "POST /_emulator/faults":
        return reply(200, world.faults.merge(validate(FaultsPatchSchema, parseJson(body, false), "faults")));
      case "POST /_emulator/faults/reset":
        world.faults.reset();
        return reply(200, world.faults.settings);
      default:
        throw new AdminError(404, `no admin route ${method} ${safeDecode(path)}`);
    }
  } catch (err) {
    if (err instanceof AdminError) return reply(err.status, { error: err.message, details: err.details });
    if (err instanceof BodyTooLarge) return reply(413, { error: err.message });
    if (err instanceof AwsError) return reply(err.status, { error: err.message, code: err.code });
    return reply(500, { error: "internal error" });
  }
}
