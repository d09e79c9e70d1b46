import { z } from "zod";
import { smtpHost } from "@/lib/regions";
import { type TargetId, TargetIdSchema } from "@/lib/findings/model";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

/**
 * One object per target platform: the exact variable names it reads, the SES actions it calls, and how to restart it.
 * The wizard, the policy generator, the env writer, the env linter and the permission probe all read this table, so a
 * platform's quirks live here and nowhere else (each preset names its platform's own docs in `docs`).
 *
 * `requiredActions` are full IAM action names (`ses:SendRawEmail`, `sns:CreateTopic`): SES v1 and SESv2 share the `ses:`
 * prefix, and useSend also needs SNS.
 */
export const TargetVarsSchema = z.object({
  accessKeyId: z.string().optional(),
  secretAccessKey: z.string().optional(),
  region: z.string().optional(),
  smtpHost: z.string().optional(),
  smtpPort: z.string().optional(),
  smtpUser: z.string().optional(),
  smtpPassword: z.string().optional(),
  /**
   * Where the platform reads a session token for temporary (ASIA…) keys. Absent: it builds its client from key id and
   * secret only, so temporary keys cannot work with it (docs/doctor.md, "Temporary keys").
   */
  sessionToken: z.string().optional(),
  /** further names the platform reads, keyed by role (e.g. mailFromSubdomain → MAIL_FROM_SUBDOMAIN) */
  extra: z.record(z.string(), z.string()).optional(),
});
export type TargetVars = z.infer<typeof TargetVarsSchema>;

export const TargetPresetSchema = z.object({
  id: TargetIdSchema,
  label: z.string(),
  description: z.string(),
  /** api: the platform signs SES API calls with the key; smtp: it logs in to email-smtp.<region> with a derived password */
  mode: z.enum(["api", "smtp"]),
  vars: TargetVarsSchema,
  /** wrong or legacy name found in an env → the name this platform actually reads */
  legacyNames: z.record(z.string(), z.string()),
  /** IAM actions the platform calls, full names (`ses:GetSendQuota`) */
  requiredActions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/)).min(1),
  sesApi: z.enum(["v1", "v2"]),
  docs: z.string().url(),
  /** the command that makes the platform pick up a rewritten env file */
  restartHint: z.string(),
  mailFromSubdomain: z.string(),
  /** true when the platform may run without static keys (default AWS credential chain) */
  credentialsOptional: z.boolean().default(false),
  /** region the platform assumes when its region variable is unset, if any */
  defaultRegion: z.string().optional(),
});
export type TargetPreset = z.infer<typeof TargetPresetSchema>;

/** Plunk's SES v1 calls (apps/api/src/services/SESService.ts); its docs omit GetSendQuota and DeleteIdentity. */
const PLUNK_ACTIONS = [
  "ses:VerifyDomainDkim",
  "ses:SetIdentityMailFromDomain",
  "ses:GetIdentityDkimAttributes",
  "ses:GetIdentityVerificationAttributes",
  "ses:SetIdentityFeedbackForwardingEnabled",
  "ses:DeleteIdentity",
  "ses:GetSendQuota",
  "ses:SendRawEmail",
  "ses:ListIdentities",
];

const RAW_TARGETS: Record<TargetId, z.input<typeof TargetPresetSchema>> = {
  plunk: {
    id: "plunk",
    label: "Plunk",
    description: "Plunk v2 (ghcr.io/useplunk/plunk): sends through the SES v1 API with its own AWS_SES_* keys.",
    mode: "api",
    vars: {
      accessKeyId: "AWS_SES_ACCESS_KEY_ID",
      secretAccessKey: "AWS_SES_SECRET_ACCESS_KEY",
      region: "AWS_SES_REGION",
      extra: {
        mailFromSubdomain: "MAIL_FROM_SUBDOMAIN",
        configurationSet: "SES_CONFIGURATION_SET",
        configurationSetNoTracking: "SES_CONFIGURATION_SET_NO_TRACKING",
      },
    },
    // v1 names (and the usual guesses) are ignored by v2, which throws at start-up when its own names are missing.
    legacyNames: {
      AWS_ACCESS_KEY_ID: "AWS_SES_ACCESS_KEY_ID",
      AWS_SECRET_ACCESS_KEY: "AWS_SES_SECRET_ACCESS_KEY",
      AWS_REGION: "AWS_SES_REGION",
      AWS_DEFAULT_REGION: "AWS_SES_REGION",
      SES_REGION: "AWS_SES_REGION",
      NEXT_PUBLIC_AWS_REGION: "AWS_SES_REGION",
      AWS_SES_CONFIGURATION_SET: "SES_CONFIGURATION_SET",
      AWS_ACCESS_KEY: "AWS_SES_ACCESS_KEY_ID",
      AWS_SECRET_KEY: "AWS_SES_SECRET_ACCESS_KEY",
    },
    requiredActions: PLUNK_ACTIONS,
    sesApi: "v1",
    docs: "https://github.com/useplunk/plunk",
    restartHint: "docker compose up -d --force-recreate plunk",
    mailFromSubdomain: "plunk",
  },
  "plunk-v1": {
    id: "plunk-v1",
    label: "Plunk v1 (legacy)",
    description:
      "The old Plunk image (driaug/plunk): standard AWS_* names and a dashboard region baked in at start-up.",
    mode: "api",
    vars: {
      accessKeyId: "AWS_ACCESS_KEY_ID",
      secretAccessKey: "AWS_SECRET_ACCESS_KEY",
      region: "AWS_REGION",
      extra: { configurationSet: "AWS_SES_CONFIGURATION_SET", dashboardRegion: "NEXT_PUBLIC_AWS_REGION" },
    },
    legacyNames: {
      AWS_SES_ACCESS_KEY_ID: "AWS_ACCESS_KEY_ID",
      AWS_SES_SECRET_ACCESS_KEY: "AWS_SECRET_ACCESS_KEY",
      AWS_SES_REGION: "AWS_REGION",
      AWS_DEFAULT_REGION: "AWS_REGION",
      SES_REGION: "AWS_REGION",
      SES_CONFIGURATION_SET: "AWS_SES_CONFIGURATION_SET",
      AWS_ACCESS_KEY: "AWS_ACCESS_KEY_ID",
      AWS_SECRET_KEY: "AWS_SECRET_ACCESS_KEY",
    },
    requiredActions: PLUNK_ACTIONS,
    sesApi: "v1",
    docs: "https://github.com/useplunk/plunk",
    restartHint: "docker compose up -d --force-recreate plunk",
    mailFromSubdomain: "plunk",
  },
  usesend: {
    id: "usesend",
    label: "useSend",
    description:
      "useSend (formerly unsend): SESv2 plus SNS for events; keys may come from the default credential chain.",
    mode: "api",
    vars: {
      accessKeyId: "AWS_ACCESS_KEY_ID",
      secretAccessKey: "AWS_SECRET_ACCESS_KEY",
      region: "AWS_DEFAULT_REGION",
      // with the keys unset it uses the SDK's default credential chain, which reads the token
      sessionToken: "AWS_SESSION_TOKEN",
    },
    legacyNames: {
      AWS_ACCESS_KEY: "AWS_ACCESS_KEY_ID",
      AWS_SECRET_KEY: "AWS_SECRET_ACCESS_KEY",
      AWS_REGION: "AWS_DEFAULT_REGION",
      AWS_SES_REGION: "AWS_DEFAULT_REGION",
      SES_REGION: "AWS_DEFAULT_REGION",
      AWS_SES_ACCESS_KEY_ID: "AWS_ACCESS_KEY_ID",
      AWS_SES_SECRET_ACCESS_KEY: "AWS_SECRET_ACCESS_KEY",
    },
    // apps/web/src/server/aws/ses.ts and ses-settings-service.ts; SESv2 SendEmail with Raw content is authorised as
    // ses:SendRawEmail, so both send actions are needed.
    requiredActions: [
      "ses:GetAccount",
      "ses:CreateEmailIdentity",
      "ses:GetEmailIdentity",
      "ses:DeleteEmailIdentity",
      "ses:PutEmailIdentityMailFromAttributes",
      "ses:ListEmailIdentities",
      "ses:SendEmail",
      "ses:SendRawEmail",
      "ses:CreateConfigurationSet",
      "ses:CreateConfigurationSetEventDestination",
      "ses:DeleteConfigurationSet",
      "ses:DeleteSuppressedDestination",
      "ses:TagResource",
      "sns:CreateTopic",
      "sns:Subscribe",
      "sns:DeleteTopic",
    ],
    sesApi: "v2",
    docs: "https://github.com/usesend/useSend",
    restartHint: "docker compose up -d --force-recreate usesend",
    mailFromSubdomain: "mail",
    credentialsOptional: true,
    defaultRegion: "us-east-1",
  },
  aws: {
    id: "aws",
    label: "AWS SDK app",
    description: "Any app that sends with an AWS SDK and the standard AWS_* variables.",
    mode: "api",
    vars: {
      accessKeyId: "AWS_ACCESS_KEY_ID",
      secretAccessKey: "AWS_SECRET_ACCESS_KEY",
      region: "AWS_REGION",
      // every AWS SDK's environment provider reads the token beside the key
      sessionToken: "AWS_SESSION_TOKEN",
      // The JS, Go and Java SDKs read AWS_REGION; boto3 and the AWS CLI read AWS_DEFAULT_REGION. Both are written.
      extra: { defaultRegion: "AWS_DEFAULT_REGION" },
    },
    legacyNames: {
      AWS_ACCESS_KEY: "AWS_ACCESS_KEY_ID",
      AWS_SECRET_KEY: "AWS_SECRET_ACCESS_KEY",
      SES_REGION: "AWS_REGION",
      AWS_SES_REGION: "AWS_REGION",
    },
    requiredActions: ["ses:SendEmail", "ses:SendRawEmail", "ses:GetSendQuota", "ses:GetAccount"],
    sesApi: "v2",
    docs: "https://docs.aws.amazon.com/ses/latest/dg/send-email-api.html",
    restartHint: "docker compose up -d --force-recreate app",
    mailFromSubdomain: "mail",
    // every AWS SDK falls back to its default credential chain (instance role, ECS task role, IRSA) without keys
    credentialsOptional: true,
  },
  smtp: {
    id: "smtp",
    label: "SMTP app",
    description:
      "Apps that only speak SMTP (listmonk, Ghost, Cal.com …): SES SMTP host, access key id, derived password.",
    mode: "smtp",
    vars: { smtpHost: "SMTP_HOST", smtpPort: "SMTP_PORT", smtpUser: "SMTP_USER", smtpPassword: "SMTP_PASSWORD" },
    legacyNames: { SMTP_PASS: "SMTP_PASSWORD", SMTP_USERNAME: "SMTP_USER", SMTP_SERVER: "SMTP_HOST" },
    requiredActions: ["ses:SendRawEmail"],
    sesApi: "v1",
    docs: "https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html",
    restartHint: "docker compose up -d --force-recreate app",
    mailFromSubdomain: "mail",
  },
};

export const TARGETS: Record<TargetId, TargetPreset> = Object.fromEntries(
  Object.entries(RAW_TARGETS).map(([id, raw]) => [id, TargetPresetSchema.parse(raw)]),
) as Record<TargetId, TargetPreset>;

export function getTarget(id: string): TargetPreset {
  const parsed = TargetIdSchema.safeParse(id);
  if (!parsed.success) throw new Error(`Unknown target "${id}"; expected one of ${TargetIdSchema.options.join(", ")}`);
  return TARGETS[parsed.data];
}

/** The variable names whose absence breaks the platform (credentials may be optional, see `credentialsOptional`). */
export function requiredVarNames(target: TargetPreset): string[] {
  const v = target.vars;
  if (target.mode === "smtp")
    return [v.smtpHost, v.smtpPort, v.smtpUser, v.smtpPassword].filter((n): n is string => !!n);
  const names = target.credentialsOptional ? [] : [v.accessKeyId, v.secretAccessKey];
  if (!target.defaultRegion) names.push(v.region);
  return names.filter((n): n is string => !!n);
}

export interface EnvVarsInput {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** SMTP targets: the SMTP password, derived beforehand (envVarsWithSmtpPassword does it from the secret) */
  smtpPassword?: string;
  smtpPort?: number;
  /** Plunk: MAIL_FROM_SUBDOMAIN, written only when it differs from the platform default */
  mailFromSubdomain?: string;
}

/** envVarsFor with the SMTP password derived from the secret for `region` when an SMTP target has none given. */
export async function envVarsWithSmtpPassword(
  target: TargetPreset | TargetId,
  input: EnvVarsInput,
): Promise<Record<string, string>> {
  const t = typeof target === "string" ? getTarget(target) : target;
  const needsPassword = t.mode === "smtp" && !!t.vars.smtpPassword && input.smtpPassword === undefined;
  const smtpPassword = needsPassword
    ? await deriveSmtpPassword(input.secretAccessKey, input.region)
    : input.smtpPassword;
  return envVarsFor(t, { ...input, smtpPassword });
}

/** The variables to write for a target, under its exact names; SMTP targets need `smtpPassword` derived first. */
export function envVarsFor(target: TargetPreset | TargetId, input: EnvVarsInput): Record<string, string> {
  const t = typeof target === "string" ? getTarget(target) : target;
  const v = t.vars;
  const out: Record<string, string> = {};
  if (t.mode === "smtp") {
    if (v.smtpHost) out[v.smtpHost] = smtpHost(input.region);
    if (v.smtpPort) out[v.smtpPort] = String(input.smtpPort ?? 587);
    if (v.smtpUser) out[v.smtpUser] = input.accessKeyId;
    if (v.smtpPassword) {
      if (input.smtpPassword === undefined) throw new Error(`${t.id}: the SMTP password must be derived first`);
      out[v.smtpPassword] = input.smtpPassword;
    }
    return out;
  }
  if (v.accessKeyId) out[v.accessKeyId] = input.accessKeyId;
  if (v.secretAccessKey) out[v.secretAccessKey] = input.secretAccessKey;
  if (v.region) out[v.region] = input.region;
  // Plunk v1's dashboard shows the MX record from its own copy of the region ("undefined" when unset, #73/#152).
  if (v.extra?.dashboardRegion) out[v.extra.dashboardRegion] = input.region;
  if (v.extra?.defaultRegion) out[v.extra.defaultRegion] = input.region;
  if (v.extra?.mailFromSubdomain && input.mailFromSubdomain && input.mailFromSubdomain !== t.mailFromSubdomain)
    out[v.extra.mailFromSubdomain] = input.mailFromSubdomain;
  return out;
}
