import { z } from "zod";
import type { TargetId } from "@/lib/diagnose/schema";
import { getTarget, type TargetPreset } from "@/lib/env/targets";

/**
 * Least-privilege IAM policy per target (docs/aws-facts.md §4.5–4.6). Most SES control-plane actions have no
 * resource-level support, so they stay on "*"; the send actions can be narrowed to identity ARNs (and the
 * configuration sets the platform sends through, which SES also authorises).
 */
const StringOrList = z.union([z.string(), z.array(z.string())]);

export const PolicyStatementSchema = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(["Allow", "Deny"]),
  Action: StringOrList.optional(),
  NotAction: StringOrList.optional(),
  Resource: StringOrList.optional(),
  NotResource: StringOrList.optional(),
  Condition: z.record(z.string(), z.unknown()).optional(),
});
export type PolicyStatement = z.infer<typeof PolicyStatementSchema>;

export const PolicyDocumentSchema = z.object({
  Version: z.string(),
  Statement: z.union([PolicyStatementSchema, z.array(PolicyStatementSchema)]),
});
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

export interface PolicyOptions {
  region?: string;
  accountId?: string;
  /** verified identities (domains or addresses) the platform sends from; narrows the send actions */
  identities?: string[];
  /** configuration sets the platform sends through (SES authorises a send against them too); default: any set */
  configurationSets?: string[];
  /**
   * Add the read-only calls Sesame's doctor and health make to check the event loop (configuration sets, topic,
   * subscriptions). The platform never calls them; without them the events check reports "not checked".
   */
  eventChecks?: boolean;
}

/** What Sesame reads to check the event loop (docs/events.md); read-only, scoped to sets and topics. */
export const EVENT_READ_ACTIONS = [
  "ses:DescribeConfigurationSet",
  "ses:ListConfigurationSets",
  "sns:GetTopicAttributes",
  "sns:ListSubscriptionsByTopic",
];

/**
 * What the one-time set-up credentials need to build the loop (the wizard's Events step). The platform's key keeps
 * none of them: it only sends through the sets.
 */
export const EVENT_SETUP_ACTIONS = [
  "ses:CreateConfigurationSet",
  "ses:DescribeConfigurationSet",
  "ses:CreateConfigurationSetEventDestination",
  "ses:UpdateConfigurationSetEventDestination",
  "sns:CreateTopic",
  "sns:GetTopicAttributes",
  "sns:Subscribe",
  "sns:ListSubscriptionsByTopic",
];

/** The read statements for the events check, scoped to configuration-set and topic ARNs of the account. */
export function eventReadStatements(opts: PolicyOptions = {}): PolicyStatement[] {
  const region = opts.region?.trim() || "*";
  const account = opts.accountId?.trim() || "*";
  return [
    {
      Sid: "SesameEventLoopReadSets",
      Effect: "Allow",
      Action: ["ses:DescribeConfigurationSet"],
      Resource: `arn:aws:ses:${region}:${account}:configuration-set/*`,
    },
    // ListConfigurationSets has no resource-level permissions; it finds useSend's sets by name.
    { Sid: "SesameEventLoopListSets", Effect: "Allow", Action: ["ses:ListConfigurationSets"], Resource: "*" },
    {
      Sid: "SesameEventLoopReadTopics",
      Effect: "Allow",
      Action: ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic"],
      Resource: `arn:aws:sns:${region}:${account}:*`,
    },
  ];
}

function configSetArns(sets: string[] | undefined, region: string, account: string): string[] {
  const names = (sets ?? []).map((n) => n.trim()).filter(Boolean);
  if (!names.length) return [`arn:aws:ses:${region}:${account}:configuration-set/*`];
  return [...new Set(names)].map((n) => `arn:aws:ses:${region}:${account}:configuration-set/${n}`);
}

/** Actions that accept an identity ARN as resource (SES service authorization reference). */
const SEND_ACTIONS = new Set([
  "ses:SendEmail",
  "ses:SendRawEmail",
  "ses:SendTemplatedEmail",
  "ses:SendBulkEmail",
  "ses:SendBulkTemplatedEmail",
]);

function identityArns(identities: string[], region: string, account: string): string[] {
  const arns: string[] = [];
  for (const raw of identities) {
    const id = raw.trim().toLowerCase();
    if (!id) continue;
    arns.push(`arn:aws:ses:${region}:${account}:identity/${id}`);
    // Addresses at a verified domain are authorised against the address identity when one exists.
    if (!id.includes("@")) arns.push(`arn:aws:ses:${region}:${account}:identity/*@${id}`);
  }
  return arns;
}

export function policyFor(target: TargetId | TargetPreset, opts: PolicyOptions = {}): PolicyDocument {
  const preset = typeof target === "string" ? getTarget(target) : target;
  const region = opts.region?.trim() || "*";
  const account = opts.accountId?.trim() || "*";
  const identities = (opts.identities ?? []).filter((i) => i.trim());
  const actions = [...new Set(preset.requiredActions)];
  // narrowed when the identities or the configuration sets are known: SES authorises a send on both (docs/events.md)
  const narrowSends = identities.length > 0 || (opts.configurationSets ?? []).some((n) => n.trim());
  const sendActions = narrowSends ? actions.filter((a) => SEND_ACTIONS.has(a)) : [];
  const otherActions = actions.filter((a) => !sendActions.includes(a));

  const statements: PolicyStatement[] = [];
  const ses = otherActions.filter((a) => a.startsWith("ses:"));
  const rest = otherActions.filter((a) => !a.startsWith("ses:"));
  if (ses.length) statements.push({ Sid: "SesControlPlane", Effect: "Allow", Action: ses, Resource: "*" });
  if (sendActions.length) {
    statements.push({
      Sid: "SesSendFromOwnIdentities",
      Effect: "Allow",
      Action: sendActions,
      Resource: [
        ...(identities.length
          ? identityArns(identities, region, account)
          : [`arn:aws:ses:${region}:${account}:identity/*`]),
        ...configSetArns(opts.configurationSets, region, account),
      ],
    });
  }
  if (rest.length) {
    // useSend names its topics "<prefix>-<region>-unsend"; the prefix is per install, so scope to the account only.
    const resource = rest.every((a) => a.startsWith("sns:")) ? `arn:aws:sns:${region}:${account}:*` : "*";
    statements.push({ Sid: "Events", Effect: "Allow", Action: rest, Resource: resource });
  }
  if (opts.eventChecks) statements.push(...eventReadStatements(opts));
  return { Version: "2012-10-17", Statement: statements };
}

export function policyJson(target: TargetId | TargetPreset, opts: PolicyOptions = {}): string {
  return JSON.stringify(policyFor(target, opts), null, 2);
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Reasons a policy grants more than a sending platform needs (wildcard actions, IAM rights, NotAction allows).
 * Accepts any JSON; a document that is not a policy gives one reason saying so.
 */
export function isTooBroad(doc: unknown): string[] {
  const parsed = PolicyDocumentSchema.safeParse(doc);
  if (!parsed.success) return ["not an IAM policy document"];
  const statements = Array.isArray(parsed.data.Statement) ? parsed.data.Statement : [parsed.data.Statement];
  const reasons: string[] = [];
  for (const s of statements) {
    if (s.Effect !== "Allow") continue;
    for (const action of list(s.Action)) {
      const a = action.trim();
      const lower = a.toLowerCase();
      if (a === "*" || lower === "*:*") reasons.push(`"${a}" allows every action on every AWS service`);
      else if (lower.startsWith("iam:")) reasons.push(`"${a}" lets the platform's key manage IAM`);
      else if (lower.endsWith(":*")) reasons.push(`"${a}" allows every ${lower.split(":")[0]} action`);
      else if (a.includes("*") && !lower.startsWith("ses:get") && !lower.startsWith("ses:list"))
        reasons.push(`"${a}" is a wildcard that matches more actions than needed`);
    }
    if (s.NotAction !== undefined) reasons.push("an Allow with NotAction grants everything not listed");
  }
  return [...new Set(reasons)];
}

/** AWS CLI commands for the manual path (the operator runs them with an admin profile). */
export function awsCliCommands(
  target: TargetId | TargetPreset,
  userName: string,
  opts: PolicyOptions & { policyFile?: string } = {},
): string[] {
  const preset = typeof target === "string" ? getTarget(target) : target;
  assertUserName(userName);
  const user = shellWord(userName);
  const file = opts.policyFile ?? `sesame-${preset.id}-policy.json`;
  const policyName = `sesame-${preset.id}-ses`;
  return [
    `cat > ${shellWord(file)} <<'POLICY'\n${policyJson(preset, opts)}\nPOLICY`,
    `aws iam create-user --user-name ${user}`,
    `aws iam put-user-policy --user-name ${user} --policy-name ${policyName} --policy-document file://${shellWord(file)}`,
    `aws iam create-access-key --user-name ${user}`,
  ];
}

/** The same steps for the IAM console. */
export function consoleSteps(target: TargetId | TargetPreset, userName: string): string[] {
  const preset = typeof target === "string" ? getTarget(target) : target;
  return [
    "Open the IAM console → Users → Create user.",
    `Name the user "${userName}". Do not give it console access.`,
    "Skip the permissions page (no group, no managed policy), then create the user.",
    `Open the user → Permissions → Add permissions → Create inline policy → JSON, paste the policy below and name it "sesame-${preset.id}-ses".`,
    'Security credentials → Create access key → "Application running outside AWS" → copy the access key ID and the secret (shown only once).',
    `Paste both into Sesame; it writes them under ${describeVars(preset)}.`,
  ];
}

function describeVars(preset: TargetPreset): string {
  const v = preset.vars;
  const names = preset.mode === "smtp" ? [v.smtpUser, v.smtpPassword] : [v.accessKeyId, v.secretAccessKey];
  return names.filter(Boolean).join(" and ");
}

/** IAM user names: 1–64 of letters, digits and `+=,.@_-`. */
export function assertUserName(userName: string): void {
  if (!/^[\w+=,.@-]{1,64}$/.test(userName))
    throw new Error("IAM user names are 1–64 characters of letters, digits and + = , . @ _ -");
}

function shellWord(s: string): string {
  return /^[A-Za-z0-9_.@+=,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
