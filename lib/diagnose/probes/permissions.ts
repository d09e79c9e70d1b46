import { type AwsService, type CallResult, isAccessDenied, isAuthFailure, type SdkOf } from "@/lib/aws";
import type { AwsAccess } from "../aws-access";
import type { RawFinding } from "@/lib/findings/materialize";
import { subjectsOf } from "../subjects";
import { targetInfo } from "../target-info";
import type { Principal, Probe } from "../types";

/** Actions a sending key should not have; any of them allowed means the policy is broader than needed. */
export const SENTINEL_ACTIONS = [
  "iam:CreateUser",
  "iam:CreateAccessKey",
  "iam:PutUserPolicy",
  "iam:AttachUserPolicy",
  "ses:UpdateAccountSendingEnabled",
  "ses:PutAccountDetails",
  "ses:CreateReceiptRule",
  "ses:DeleteEmailIdentity",
  "ses:DeleteIdentity",
  "s3:ListAllMyBuckets",
  "ec2:RunInstances",
];

const SEND_ACTIONS = new Set(["ses:SendEmail", "ses:SendRawEmail"]);
/** The mailbox simulator accepts mail in the sandbox and never delivers it (docs/aws-facts.md §3.2). */
export const SIMULATOR_SUCCESS = "success@simulator.amazonses.com";
/** A name no one verifies: a lookup of it proves the permission without touching real identities. */
const PROBE_IDENTITY = "sesame-permission-probe.invalid";

/** Simulation needs an IAM ARN; an assumed-role session is evaluated as its role. */
export function policySourceArn(p: Principal): string {
  const m = p.arn.match(/^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : p.arn;
}

type Verdict = "allowed" | "denied" | "unknown";

function verdictOf(r: CallResult<unknown>): Verdict {
  if (r.ok) return "allowed";
  if (isAccessDenied(r.error)) return "denied";
  if (r.error.kind !== "aws" || isAuthFailure(r.error)) return "unknown";
  // An endpoint that does not know the operation answered before any authorization happened.
  if (/^(InvalidAction|UnknownOperation(Exception)?|NotImplemented)$/.test(r.error.code)) return "unknown";
  // Any other AWS answer (NotFound, MessageRejected …) comes after authorization: the action is allowed.
  return "allowed";
}

function harmlessCall(
  aws: AwsAccess,
  action: string,
  region: string,
  opts: { from?: string; readOnly: boolean },
): Promise<Verdict> | undefined {
  const ask = <S extends AwsService, C>(service: S, op: string, make: (sdk: SdkOf<S>) => C) =>
    aws.call(service, region, op, make).then(verdictOf);
  switch (action) {
    case "ses:GetSendQuota":
      return ask("ses", "GetSendQuota", (sdk) => new sdk.GetSendQuotaCommand({}));
    case "ses:GetAccount":
      return ask("sesv2", "GetAccount", (sdk) => new sdk.GetAccountCommand({}));
    case "ses:ListIdentities":
      return ask("ses", "ListIdentities", (sdk) => new sdk.ListIdentitiesCommand({ MaxItems: 1 }));
    case "ses:ListEmailIdentities":
      return ask("sesv2", "ListEmailIdentities", (sdk) => new sdk.ListEmailIdentitiesCommand({ PageSize: 1 }));
    case "ses:GetIdentityVerificationAttributes":
      return ask(
        "ses",
        action.slice(4),
        (sdk) => new sdk.GetIdentityVerificationAttributesCommand({ Identities: [PROBE_IDENTITY] }),
      );
    case "ses:GetIdentityDkimAttributes":
      return ask(
        "ses",
        action.slice(4),
        (sdk) => new sdk.GetIdentityDkimAttributesCommand({ Identities: [PROBE_IDENTITY] }),
      );
    case "ses:GetIdentityMailFromDomainAttributes":
      return ask(
        "ses",
        action.slice(4),
        (sdk) => new sdk.GetIdentityMailFromDomainAttributesCommand({ Identities: [PROBE_IDENTITY] }),
      );
    case "ses:GetEmailIdentity":
      return ask(
        "sesv2",
        "GetEmailIdentity",
        (sdk) => new sdk.GetEmailIdentityCommand({ EmailIdentity: PROBE_IDENTITY }),
      );
    case "ses:SendEmail":
      if (opts.readOnly || !opts.from) return undefined;
      return ask(
        "ses",
        "SendEmail",
        (sdk) =>
          new sdk.SendEmailCommand({
            Source: opts.from,
            Destination: { ToAddresses: [SIMULATOR_SUCCESS] },
            Message: {
              Subject: { Data: "Sesame permission check" },
              Body: { Text: { Data: "Sent to the SES mailbox simulator by Sesame's doctor." } },
            },
          }),
      );
    case "ses:SendRawEmail": {
      if (opts.readOnly || !opts.from) return undefined;
      const mime = `From: ${opts.from}\r\nTo: ${SIMULATOR_SUCCESS}\r\nSubject: Sesame permission check\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSent to the SES mailbox simulator by Sesame's doctor.\r\n`;
      return ask(
        "ses",
        "SendRawEmail",
        (sdk) =>
          new sdk.SendRawEmailCommand({
            Source: opts.from,
            Destinations: [SIMULATOR_SUCCESS],
            RawMessage: { Data: new TextEncoder().encode(mime) },
          }),
      );
    }
    default:
      return undefined;
  }
}

async function simulate(
  aws: AwsAccess,
  principal: Principal,
  actions: string[],
  resources: string[],
): Promise<Map<string, boolean> | undefined> {
  if (actions.length === 0) return new Map();
  const r = await aws.call(
    "iam",
    "us-east-1",
    "SimulatePrincipalPolicy",
    (sdk) =>
      new sdk.SimulatePrincipalPolicyCommand({
        PolicySourceArn: policySourceArn(principal),
        ActionNames: actions,
        ResourceArns: resources,
      }),
  );
  if (!r.ok) return undefined;
  const out = new Map<string, boolean>();
  for (const e of r.output.EvaluationResults ?? []) {
    if (!e.EvalActionName) continue;
    const name = actions.find((a) => a.toLowerCase() === e.EvalActionName?.toLowerCase()) ?? e.EvalActionName;
    out.set(name, (out.get(name) ?? false) || e.EvalDecision === "allowed");
  }
  return out;
}

/**
 * Every action the target needs, by name. IAM policy simulation answers for all actions in one call when the key
 * may use it; harmless calls (reads of a name nobody verifies, sends to the mailbox simulator when not read-only)
 * run at the same time as the fallback, so the answer costs one round trip after STS either way.
 */
export const permissionsProbe: Probe = {
  id: "permissions",
  label: "Permissions for the target",
  needs: ["identity"],
  when: (_ctx, f) => !!f.authenticated && !!f.principal && !!f.region,
  async run(ctx, facts) {
    const principal = facts.principal as Principal;
    const region = facts.region as string;
    const info = targetInfo(ctx.input.target);
    const required = info.requiredActions;
    const sentinels = SENTINEL_ACTIONS.filter((a) => !required.includes(a));
    const domain = subjectsOf(ctx.input)[0]?.candidates[0];
    // Send actions may be narrowed to identity ARNs (the wizard's own policy is: lib/policy). With a domain, ask for
    // its identity; without one, ask for "*" and for any identity of the account in the region, and a denial only
    // means "not checked": the policy may allow the identity the platform really sends from.
    const sendResources = domain
      ? [`arn:aws:ses:${region}:${principal.account}:identity/${domain}`]
      : ["*", `arn:aws:ses:${region}:${principal.account}:identity/*`];
    const from = ctx.input.from?.trim() || undefined;

    const harmless = required.map((a) => ({
      action: a,
      verdict: harmlessCall(ctx.aws, a, region, { from, readOnly: ctx.input.readOnly }),
    }));
    const [general, send, ...verdicts] = await Promise.all([
      simulate(ctx.aws, principal, [...required.filter((a) => !SEND_ACTIONS.has(a)), ...sentinels], ["*"]),
      simulate(
        ctx.aws,
        principal,
        required.filter((a) => SEND_ACTIONS.has(a)),
        sendResources,
      ),
      ...harmless.map((h) => h.verdict ?? Promise.resolve<Verdict>("unknown")),
    ]);

    const base = { principal: principal.arn, target: info.label };
    const findings: RawFinding[] = [];
    if (general && send) {
      const decisions = new Map([...general, ...send]);
      const denied = required.filter((a) => decisions.get(a) !== true);
      const missing = domain ? denied : denied.filter((a) => !SEND_ACTIONS.has(a));
      const sendUnchecked = domain ? [] : denied.filter((a) => SEND_ACTIONS.has(a));
      const broad = sentinels.filter((a) => decisions.get(a) === true);
      if (sendUnchecked.length)
        findings.push({
          code: "permissions.send-not-checked",
          evidence: { ...base, actions: sendUnchecked.join(", "), method: "IAM policy simulation" },
        });
      if (missing.length)
        findings.push({
          code: "permissions.missing",
          evidence: { ...base, actions: missing.join(", "), count: missing.length, method: "IAM policy simulation" },
        });
      if (broad.length)
        findings.push({
          code: "permissions.too-broad",
          evidence: { ...base, actions: broad.join(", "), method: "IAM policy simulation" },
        });
      return { findings };
    }

    const denied = harmless.filter((_, i) => verdicts[i] === "denied").map((h) => h.action);
    const unknown = harmless.filter((_, i) => verdicts[i] === "unknown").map((h) => h.action);
    if (denied.length)
      findings.push({
        code: "permissions.missing",
        evidence: { ...base, actions: denied.join(", "), count: denied.length, method: "harmless calls" },
      });
    if (unknown.length) {
      const reason = ctx.input.readOnly ? "read-only" : !from ? "no-from" : "none";
      findings.push({
        code: "permissions.unverified",
        evidence: {
          ...base,
          actions: unknown.join(", "),
          reason,
          fromExample: from ?? `you@${domain ?? "example.com"}`,
        },
      });
    }
    return { findings };
  },
};
