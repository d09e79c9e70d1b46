import { z } from "zod";
import { KEY_ID_RE, swappedFieldProblem } from "@/lib/credentials";
import { FindingSchema, ReportSchema, TargetIdSchema } from "@/lib/diagnose/schema";
import { DnsRecordRowSchema } from "@/lib/dns/records";
import { EventPlanSchema } from "@/lib/events/plan";
import { ProductionRequestSchema, ReviewSchema } from "@/lib/golive/production-request";
import { HEALTH_ROUTES } from "@/lib/health/contract";
import { PlannedChangeSchema } from "@/lib/golive/route53-plan";
import { type PortAdvice, PortResultSchema } from "@/lib/smtp/port-advice";

/**
 * The one contract between the setup, rotation and health routes and the screens that call them: every request body,
 * every answer and every streamed event is declared here once, as a zod schema (the health routes' schemas live in
 * lib/health/contract.ts and join the route table below). Routes parse requests with these
 * schemas and shape answers with their types; client components import the types only (`import type`), so zod never
 * reaches the browser bundle through this file. Browser-safe: no server-only import.
 */

// ——— shared pieces ———

/** How a platform (and a test send) talks to SES. */
export const ViaSchema = z.enum(["api", "smtp"]);
export type Via = z.infer<typeof ViaSchema>;

/**
 * Every refusal of a setup route: a message a person can act on, and the field it is about when there is one. When
 * AWS caused the refusal (a denial, rejected credentials, no answer …), `finding` is the catalogue's finding and
 * `error` its title, why and fix in one paragraph: the same words the doctor and the health page show.
 */
export const ErrorBodySchema = z.object({
  error: z.string(),
  field: z.string().optional(),
  finding: FindingSchema.optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const Ok = z.object({ ok: z.literal(true) });

export const EmailSchema = z
  .string()
  .trim()
  .min(3, "Enter an email address.")
  .max(254)
  .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, "Enter a plain address such as you@example.com.");

export const DomainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .min(3, "Enter a domain such as example.com.")
      .max(253)
      .regex(
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        "That is not a domain name (letters, digits, hyphens and dots, e.g. example.com; no https:// or @).",
      ),
  );

export const SubdomainLabelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "Use a single label such as mail or plunk.");

export const UserNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a user name.")
  .max(64, "IAM user names are at most 64 characters.")
  .regex(/^[\w+=,.@-]+$/, "IAM user names may contain letters, digits and + = , . @ _ - only.")
  .refine((v) => !swappedFieldProblem("IAM user name", v), {
    message: "That looks like a secret access key, not a user name: the fields look swapped. Nothing was saved.",
  });

/** Credentials typed into a form (bootstrap, identity management). Trimmed: these are not diagnosed, only used. */
export const CredsSchema = z.object({
  accessKeyId: z.string().trim().min(1, "Paste the access key ID.").max(128),
  secretAccessKey: z.string().trim().min(1, "Paste the secret access key.").max(256),
  sessionToken: z.string().trim().max(4096).optional(),
});

/** Demo only: the stand-in's bootstrap admin key, offered where the wizard asks for admin credentials. */
export const DemoBootstrapSchema = z.object({
  userName: z.string(),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
});
export type DemoBootstrap = z.infer<typeof DemoBootstrapSchema>;

// ——— step 1: target ———

export const TargetRequestSchema = z.object({
  target: TargetIdSchema,
  region: z.string().trim().toLowerCase().min(1, "Choose a region."),
  endpoint: z
    .string()
    .trim()
    .max(2048)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http(s):// URL, or leave it empty for AWS." }).optional()),
});
export const TargetResponseSchema = Ok.extend({ target: TargetIdSchema.optional(), region: z.string().optional() });

// ——— step 2: IAM user ———

/** Where a platform on the role path runs: the host whose role the default credential chain finds. */
export const RoleHostSchema = z.enum(["ec2", "ecs", "eks"]);
export type RoleHost = z.infer<typeof RoleHostSchema>;

export const RoleNameSchema = z
  .string()
  .trim()
  .min(1, "Enter the role's name.")
  .max(64, "IAM role names are at most 64 characters.")
  .regex(/^[\w+=,.@-]+$/, "IAM role names may contain letters, digits and + = , . @ _ - only.");

/** The platform's key as the wizard remembers it (ids only, never the secret). */
export const IamKeyRecordSchema = z.object({
  mode: z.enum(["auto", "manual"]),
  /** the key's owner: the user Sesame created, or what STS said about a pasted key */
  userName: z.string().optional(),
  userArn: z.string().optional(),
  policyName: z.string().optional(),
  accessKeyId: z.string(),
  at: z.string(),
});

/**
 * The role path (docs/wizard.md, "No stored keys: a role"): the platform gets its credentials from the AWS SDK's
 * default chain on its host; no key is made, held or written. The wizard's own calls use the chain Sesame runs with.
 */
export const IamRoleRecordSchema = z.object({
  mode: z.literal("role"),
  host: RoleHostSchema,
  roleName: z.string().optional(),
  roleArn: z.string().optional(),
  policyName: z.string(),
  policyArn: z.string().optional(),
  /** when Sesame attached the policy to the role itself (AttachRolePolicy) */
  attachedAt: z.string().optional(),
  at: z.string(),
});

export const IamRecordSchema = z.discriminatedUnion("mode", [IamKeyRecordSchema, IamRoleRecordSchema]);
export type IamRecord = z.infer<typeof IamRecordSchema>;

export const IamAutoRequestSchema = z.object({
  accessKeyId: z.string().trim().min(1, "Paste the bootstrap access key ID.").max(128),
  secretAccessKey: z.string().trim().min(1, "Paste the bootstrap secret access key.").max(256),
  sessionToken: z.string().trim().max(4096).optional(),
  userName: UserNameSchema,
  reuseExisting: z.boolean().default(false),
});
export const IamAutoResponseSchema = Ok.extend({
  userName: z.string(),
  userArn: z.string().optional(),
  policyName: z.string(),
  reusedUser: z.boolean(),
  callerArn: z.string().optional(),
  accessKeyId: z.string(),
});
export const IamProblemSchema = z.enum([
  "user-exists",
  "key-limit",
  "access-denied",
  "invalid-credentials",
  "network",
  "aws",
]);
export const IamAutoErrorSchema = ErrorBodySchema.extend({
  problem: IamProblemSchema.optional(),
  step: z.string().optional(),
  /** the bootstrap key's own forensics (swapped pair, SMTP password …) when it was refused before AWS was asked */
  findings: z.array(FindingSchema).optional(),
  permission: z.string().optional(),
  keys: z.array(z.object({ accessKeyId: z.string(), status: z.string(), created: z.string().optional() })).optional(),
});

/**
 * Manual path: deliberately NOT trimmed or reformatted: stray whitespace, quotes or a swapped pair are exactly what the
 * credential check (step 3) diagnoses and explains.
 */
export const IamManualRequestSchema = z.object({
  accessKeyId: z.string().min(1, "Paste the access key ID.").max(256),
  secretAccessKey: z.string().min(1, "Paste the secret access key.").max(512),
  sessionToken: z.string().max(4096).optional(),
  /** accepted only to be refused when a secret was pasted into it; the stored owner comes from STS */
  userName: z.string().trim().max(64).optional(),
});
export const IamManualResponseSchema = Ok.extend({
  accessKeyId: z.string(),
  /** the key's real owner as STS names it, when STS answered */
  userName: z.string().optional(),
});

// ——— step 3: credential check (NDJSON stream) ———

export const CheckEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("probe"),
    probe: z.string(),
    status: z.enum(["start", "done"]),
    findings: z.array(FindingSchema),
  }),
  z.object({ type: z.literal("report"), report: ReportSchema }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type CheckEvent = z.infer<typeof CheckEventSchema>;

// ——— step 4: env file ———

/** Where and when the wizard wrote the env file (no values). */
export const EnvRecordSchema = z.object({
  path: z.string(),
  names: z.array(z.string()),
  backup: z.string().optional(),
  at: z.string(),
});
export type EnvRecord = z.infer<typeof EnvRecordSchema>;

export const EnvLineSchema = z.object({
  key: z.string(),
  /** masked unless the value is harmless (region, host, port) */
  shown: z.string(),
  secret: z.boolean(),
  action: z.enum(["added", "updated", "unchanged"]),
});
export type EnvLine = z.infer<typeof EnvLineSchema>;

export const EnvPlanSchema = z.object({
  file: z.string(),
  fileName: z.string(),
  exists: z.boolean(),
  hash: z.string(),
  lines: z.array(EnvLineSchema),
  legacy: z.array(z.object({ name: z.string(), expected: z.string() })),
  findings: z.array(FindingSchema),
  restartHint: z.string(),
  mode: ViaSchema,
  /** the role path: no key variables are written, the platform's SDK finds the role on its host */
  role: z.boolean(),
  /** role path: key variables already in the file, which the SDK would prefer to the role (commented out on write) */
  staleKeys: z.array(z.string()),
});
export type EnvPlan = z.infer<typeof EnvPlanSchema>;

export const EnvRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("reveal") }),
  z.object({
    action: z.literal("write"),
    expectedHash: z.string().min(1).max(128),
    commentOutLegacy: z.boolean().default(false),
  }),
]);
export const EnvRevealResponseSchema = z.object({ values: z.record(z.string(), z.string()) });
export const EnvWriteResponseSchema = Ok.extend({
  written: z.boolean(),
  file: z.string(),
  backup: z.string().nullable(),
  /** every backup kept next to the file, and a sentence saying where and how many */
  backups: z.array(z.string()),
  backupNote: z.string().optional(),
  changes: z.array(z.object({ key: z.string(), action: z.string() })),
  restartHint: z.string(),
});
export const EnvErrorSchema = ErrorBodySchema.extend({
  conflict: z.string().optional(),
  /** the variable whose value the writer refuses */
  variable: z.string().optional(),
});

// ——— step 5: domain ———

/** SES statuses in SESv2 spelling; v1's Pending/Success/… are mapped onto these. */
export const SesStatusSchema = z.enum(["PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE", "NOT_STARTED", "UNKNOWN"]);
export type SesStatus = z.infer<typeof SesStatusSchema>;

export const DnsRecordSpecSchema = DnsRecordRowSchema.extend({ id: z.string() });
export type DnsRecordSpec = z.infer<typeof DnsRecordSpecSchema>;

export const DomainStatusSchema = z.object({
  domain: z.string(),
  region: z.string(),
  verification: SesStatusSchema,
  dkim: SesStatusSchema,
  dkimTokens: z.array(z.string()),
  mailFrom: z.object({ domain: z.string(), status: SesStatusSchema }).optional(),
  records: z.array(DnsRecordSpecSchema),
});
export type DomainStatus = z.infer<typeof DomainStatusSchema>;

export const LiveRecordSchema = z.object({
  id: z.string(),
  status: z.enum(["ok", "missing", "wrong", "unknown"]),
  found: z.array(z.string()),
  /** what is wrong with this record and how to fix it (catalogue wording) */
  finding: FindingSchema.optional(),
});
export type LiveRecord = z.infer<typeof LiveRecordSchema>;

/** The domain is verified in other SES regions: the engine's finding and those regions (nearest first as scanned). */
export const IdentityElsewhereSchema = z.object({ regions: z.array(z.string()).min(1), finding: FindingSchema });
export type IdentityElsewhere = z.infer<typeof IdentityElsewhereSchema>;

export const DomainRequestSchema = z.object({
  domain: DomainNameSchema,
  mailFromSubdomain: z.union([SubdomainLabelSchema, z.literal("")]).optional(),
  /** other credentials for identity management when the platform's least-privilege key may not (kept in memory) */
  creds: CredsSchema.optional(),
  /** create it in the wizard's region even though it exists in another region */
  createAnyway: z.boolean().default(false),
});
export const DomainResponseSchema = Ok.extend({
  status: DomainStatusSchema,
  live: z.object({ rows: z.array(LiveRecordSchema), findings: z.array(FindingSchema) }),
});
export type DomainResponse = z.infer<typeof DomainResponseSchema>;
export const DomainErrorSchema = ErrorBodySchema.extend({
  permission: z.string().optional(),
  code: z.string().optional(),
  needCreds: z.boolean().optional(),
  /** the domain exists in other SES regions: offer to switch the platform's region instead of creating it here */
  elsewhere: IdentityElsewhereSchema.optional(),
});
export type DomainError = z.infer<typeof DomainErrorSchema>;

export const DemoDnsRequestSchema = z.object({ ids: z.array(z.string().max(64)).max(20).optional() });
export const DemoDnsResponseSchema = Ok.extend({ published: z.array(z.string()) });

export const RegionSwitchRequestSchema = z.object({ region: z.string().trim().toLowerCase().min(1) });
export const RegionSwitchResponseSchema = Ok.extend({ region: z.string() });

// ——— step 6: test send ———

export const SendRequestSchema = z.object({ via: ViaSchema, from: EmailSchema, to: EmailSchema });

export const SendOutcomeSchema = z.object({
  via: ViaSchema,
  ok: z.boolean(),
  messageId: z.string().optional(),
  /** AWS error code or SMTP reply code */
  code: z.string().optional(),
  /** what SES said, verbatim (no secrets are ever part of it) */
  message: z.string().optional(),
  /** identities SES listed as "not verified" */
  unverified: z.array(z.string()).optional(),
  /** the region SES named in its rejection */
  rejectedRegion: z.string().optional(),
  permission: z.string().optional(),
});
export type SendOutcome = z.infer<typeof SendOutcomeSchema>;

/** The answer to a send (200 when SES accepted it, 422 when it refused): SES's words plus the engine's why. */
export const SendResponseSchema = SendOutcomeSchema.extend({
  findings: z.array(FindingSchema),
  /** the configuration set the send went through (the platform's own path once the Events step built the loop) */
  configurationSet: z.string().optional(),
});
export type SendResponse = z.infer<typeof SendResponseSchema>;

// ——— the Events step (SES → SNS → webhook loop) ———

const WebhookUrlSchema = z.string().trim().min(1, "Enter the platform's webhook URL.").max(2048);

export const EventsRequestSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("create"),
    webhookUrl: WebhookUrlSchema,
    topicName: EventPlanSchema.shape.topicName.optional(),
    creds: z.object({
      accessKeyId: z.string().trim().min(1, "Paste the set-up access key ID.").max(128),
      secretAccessKey: z.string().trim().min(1, "Paste the set-up secret access key.").max(256),
      sessionToken: z.string().trim().max(4096).optional(),
    }),
  }),
  z.object({
    action: z.literal("manual"),
    webhookUrl: WebhookUrlSchema,
    topicArn: z
      .string()
      .trim()
      .regex(/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, "Enter the topic ARN (arn:aws:sns:…)."),
  }),
  z.object({ action: z.literal("platform") }),
  z.object({ action: z.literal("skip") }),
  z.object({ action: z.literal("bounce") }),
]);

/** Each action's answer: a skip (and its trade-off), a bounce test send, or the built loop and what was written. */
export const EventsPostResponseSchema = Ok.extend({
  skipped: z.boolean().optional(),
  tradeoff: z.string().nullable().optional(),
  messageId: z.string().optional(),
  configurationSet: z.string().optional(),
  to: z.string().optional(),
  topicArn: z.string().optional(),
  sets: z.array(z.string()).optional(),
  written: z.array(z.string()).optional(),
  file: z.string().optional(),
  restartHint: z.string().optional(),
  warning: z.string().optional(),
});
export const EventsErrorSchema = ErrorBodySchema.extend({
  step: z.string().optional(),
  permission: z.string().optional(),
});

export const EventReceivedSchema = z.object({
  type: z.string(),
  eventType: z.string().optional(),
  /** the SES MessageId for event notifications, else the SNS message id */
  messageId: z.string().optional(),
  destination: z.string().optional(),
  signatureValid: z.boolean().optional(),
  at: z.string().optional(),
});
export const EventsStatusResponseSchema = Ok.extend({
  status: z.enum(["confirmed", "pending", "problem"]),
  findings: z.array(FindingSchema),
  /** demo: what the stand-in's receiver got */
  received: z.array(EventReceivedSchema).optional(),
});
export type EventsStatus = z.infer<typeof EventsStatusResponseSchema>;

// ——— the Test send step's connectivity panel (which SES SMTP ports answer from this host) ———

export const SmtpPortsRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("check") }),
  z.object({ action: z.literal("apply") }),
]);
export const SmtpPortsResponseSchema = z.object({
  host: z.string().optional(),
  results: z.array(PortResultSchema),
  recommended: PortResultSchema.optional(),
  advice: z.array(z.custom<PortAdvice>()),
  /** apply: the variables written, whether the file changed, and where */
  applied: z.record(z.string(), z.string()).optional(),
  written: z.boolean().optional(),
  file: z.string().optional(),
});
export type SmtpPortsResponse = z.infer<typeof SmtpPortsResponseSchema>;

// ——— go live: production access (Done step) and Publish to Route 53 (Domain step) ———

/** Credentials given for one request (never stored, logged or returned). */
const OnceCredsSchema = z.object({
  accessKeyId: z.string().trim().min(1, "Paste the access key ID.").max(128),
  secretAccessKey: z.string().trim().min(1, "Paste the secret access key.").max(256),
  sessionToken: z.string().trim().max(4096).optional(),
});

export const ProductionAccessRequestSchema = OnceCredsSchema.extend({ request: ProductionRequestSchema });
export const ProductionAccessResponseSchema = z.object({
  ok: z.boolean().optional(),
  region: z.string(),
  review: ReviewSchema.optional(),
});
export const ProductionAccessErrorSchema = ErrorBodySchema.extend({
  problem: z.enum(["denied", "conflict", "rejected", "network"]).optional(),
  /** for a denial: the AWS CLI command to run with credentials that may */
  cli: z.string().optional(),
});

/** "Keys without keys": create the platform's policy as a managed policy for a role, with credentials used once. */
export const RolePolicyRequestSchema = OnceCredsSchema;
export const RolePolicyResponseSchema = Ok.extend({
  policyName: z.string(),
  policyArn: z.string(),
  /** a policy of that name was already there; it was left unchanged */
  existed: z.boolean(),
  callerArn: z.string().optional(),
});
export const RolePolicyProblemSchema = z.enum(["access-denied", "invalid-credentials", "network", "aws"]);
export type RolePolicyProblem = z.infer<typeof RolePolicyProblemSchema>;
export const RolePolicyErrorSchema = ErrorBodySchema.extend({
  problem: RolePolicyProblemSchema.optional(),
  /** the IAM action the credentials lack */
  permission: z.string().optional(),
});

/** Choose the role path for the platform (records it; no credentials involved). */
export const IamRoleRequestSchema = z.object({
  host: RoleHostSchema,
  roleName: RoleNameSchema.optional(),
});
export const IamRoleResponseSchema = Ok.extend({ iam: IamRoleRecordSchema });
/** A target that cannot run on a role is refused with the engine's finding (credentials.chain-not-supported). */
export const IamRoleErrorSchema = ErrorBodySchema.extend({ finding: FindingSchema.optional() });

/** Create the policy if needed and attach it to an existing role, with credentials used once. */
export const RoleAttachRequestSchema = OnceCredsSchema.extend({ host: RoleHostSchema, roleName: RoleNameSchema });
export const RoleAttachResponseSchema = Ok.extend({
  iam: IamRoleRecordSchema,
  /** the policy was already there (left unchanged) */
  existed: z.boolean(),
});
export const RoleAttachErrorSchema = ErrorBodySchema.extend({
  problem: z.enum(["access-denied", "invalid-credentials", "no-role", "network", "aws"]).optional(),
  permission: z.string().optional(),
  finding: FindingSchema.optional(),
});

export const Route53RequestSchema = z.object({
  action: z.enum(["plan", "apply"]),
  /** the operator saw which existing records differ and said to overwrite them */
  confirmReplace: z.boolean().default(false),
  /** credentials that may change the zone, for this request only; default: the platform key */
  credentials: OnceCredsSchema.optional(),
});
export const Route53ResponseSchema = z.object({
  zone: z.object({ id: z.string(), name: z.string() }),
  plan: z.array(PlannedChangeSchema),
  policy: z.string(),
  changeId: z.string().optional(),
  status: z.enum(["INSYNC", "PENDING"]).optional(),
  /** a CNAME collides with other records at a name of the plan: the catalogue's finding */
  conflict: FindingSchema.optional(),
});
export const Route53ErrorSchema = ErrorBodySchema.extend({
  problem: z.enum(["no-zone", "denied"]).optional(),
  /** no-zone: the zone the operator may create by hand and the command that does it (lib/golive/route53-zone.ts) */
  createZone: z.object({ domain: z.string(), command: z.string() }).optional(),
  zone: z.object({ id: z.string(), name: z.string() }).optional(),
  plan: z.array(PlannedChangeSchema).optional(),
  policy: z.string().optional(),
});

// ——— lock, reset, session ———

export const EmptyRequestSchema = z.object({}).strict();
export const SessionRequestSchema = z.object({ token: z.string().max(512) });
/** The start-up link's trade called directly, `/api/setup/session?token=…&next=/setup/…` (a 303 redirect answers). */
export const SessionLinkQuerySchema = z.object({ token: z.string().optional(), next: z.string().optional() });
/** The start-up link `/setup/<page>?token=…` as next.config.ts rewrites it (a 303 redirect to the page answers). */
export const StartupLinkQuerySchema = z.object({ token: z.string().optional() });
export const OkResponseSchema = Ok;
export const LockResponseSchema = Ok.extend({ locked: z.literal(true) });

// ——— key rotation (/setup/rotate) ———

export const RotationStepSchema = z.enum(["written", "verified", "deactivated", "done"]);
export type RotationStep = z.infer<typeof RotationStepSchema>;

export const RotateActionSchema = z.enum(["create", "verify", "deactivate", "reactivate", "delete", "forget-admin"]);
export type RotateAction = z.infer<typeof RotateActionSchema>;

export const RotateRequestSchema = z.object({
  action: RotateActionSchema,
  admin: z
    .object({
      accessKeyId: z
        .string()
        .trim()
        .regex(KEY_ID_RE, "The admin access key ID is 20 characters starting with AKIA or ASIA."),
      secretAccessKey: z.string().trim().length(40, "The admin secret access key is 40 characters."),
      sessionToken: z.string().trim().optional(),
    })
    .optional(),
});

export const RotationViewSchema = z.object({
  /** progress with key ids masked (the page is behind the setup token, but ids still need not travel) */
  state: z
    .object({
      step: RotationStepSchema,
      userName: z.string(),
      oldKeyMasked: z.string(),
      newKeyMasked: z.string(),
      startedAt: z.string(),
      updatedAt: z.string(),
      backupPath: z.string().nullable().optional(),
    })
    .optional(),
  deployedKey: z.string().optional(),
  userName: z.string().optional(),
  keys: z
    .array(
      z.object({
        /** masked */
        id: z.string(),
        status: z.string(),
        createdAt: z.string().optional(),
        role: z.enum(["deployed", "old", "new", "other"]),
      }),
    )
    .optional(),
  /** why the key list is missing (no permission …) */
  keysProblem: z.string().optional(),
  restartHint: z.string(),
  target: z.string(),
});
export type RotationView = z.infer<typeof RotationViewSchema>;
export const RotateResponseSchema = RotationViewSchema.extend({ adminHeld: z.boolean() });
export type RotateResponse = z.infer<typeof RotateResponseSchema>;

// ——— the route table ———

/**
 * Every route under app/api/ (the signature doctor's tool route aside: lib/sigv4/doctor/input-schema.ts is its
 * contract): method and path, request schema, answer schema and the extra fields of its refusals. A route answering
 * text marks it with `text: true` (its `response` is the text); an NDJSON route declares its `events` instead of a
 * response. `callSetup` (components/setup/api.ts) is typed from this table, so a screen cannot send or read a field
 * the route does not declare; tests/unit/route-contract.test.ts checks the table against the route files.
 */
export const SETUP_ROUTES = {
  "POST /api/setup/target": { request: TargetRequestSchema, response: TargetResponseSchema, error: ErrorBodySchema },
  "POST /api/setup/iam/auto": {
    request: IamAutoRequestSchema,
    response: IamAutoResponseSchema,
    error: IamAutoErrorSchema,
  },
  "POST /api/setup/iam/role-policy": {
    request: RolePolicyRequestSchema,
    response: RolePolicyResponseSchema,
    error: RolePolicyErrorSchema,
  },
  "POST /api/setup/iam/role": {
    request: IamRoleRequestSchema,
    response: IamRoleResponseSchema,
    error: IamRoleErrorSchema,
  },
  "POST /api/setup/iam/role-attach": {
    request: RoleAttachRequestSchema,
    response: RoleAttachResponseSchema,
    error: RoleAttachErrorSchema,
  },
  "POST /api/setup/iam/manual": {
    request: IamManualRequestSchema,
    response: IamManualResponseSchema,
    error: ErrorBodySchema,
  },
  "POST /api/setup/check": { request: EmptyRequestSchema, events: CheckEventSchema, error: ErrorBodySchema },
  "GET /api/setup/env": { request: EmptyRequestSchema, response: EnvPlanSchema, error: ErrorBodySchema },
  "POST /api/setup/env": {
    request: EnvRequestSchema,
    response: z.union([EnvRevealResponseSchema, EnvWriteResponseSchema]),
    error: EnvErrorSchema,
  },
  /** the env file as Sesame would write it, as an attachment (`<target>.env`) */
  "POST /api/setup/env/download": {
    request: EmptyRequestSchema,
    response: z.string(),
    error: ErrorBodySchema,
    text: true,
  },
  "GET /api/setup/domain": { request: EmptyRequestSchema, response: DomainResponseSchema, error: DomainErrorSchema },
  "POST /api/setup/domain": { request: DomainRequestSchema, response: DomainResponseSchema, error: DomainErrorSchema },
  "POST /api/setup/domain/region": {
    request: RegionSwitchRequestSchema,
    response: RegionSwitchResponseSchema,
    error: ErrorBodySchema,
  },
  "POST /api/setup/demo/dns": {
    request: DemoDnsRequestSchema,
    response: DemoDnsResponseSchema,
    error: ErrorBodySchema,
  },
  "GET /api/setup/events": {
    request: EmptyRequestSchema,
    response: EventsStatusResponseSchema,
    error: ErrorBodySchema,
  },
  "POST /api/setup/events": {
    request: EventsRequestSchema,
    response: EventsPostResponseSchema,
    error: EventsErrorSchema,
  },
  "POST /api/setup/smtp-ports": {
    request: SmtpPortsRequestSchema,
    response: SmtpPortsResponseSchema,
    error: ErrorBodySchema,
  },
  "GET /api/setup/production-access": {
    request: EmptyRequestSchema,
    response: ProductionAccessResponseSchema,
    error: ErrorBodySchema,
  },
  "POST /api/setup/production-access": {
    request: ProductionAccessRequestSchema,
    response: ProductionAccessResponseSchema,
    error: ProductionAccessErrorSchema,
  },
  "POST /api/setup/route53": {
    request: Route53RequestSchema,
    response: Route53ResponseSchema,
    error: Route53ErrorSchema,
  },
  "POST /api/setup/send": {
    request: SendRequestSchema,
    response: SendResponseSchema,
    // a refusal by SES carries the outcome and the engine's findings too (HTTP 422)
    error: SendResponseSchema.partial().extend(ErrorBodySchema.shape),
  },
  /** a 303 redirect to `next` (a wizard path), with the session cookie when the token was right */
  "GET /api/setup/session": {
    request: SessionLinkQuerySchema,
    response: z.literal(""),
    error: ErrorBodySchema,
    text: true,
  },
  /** the start-up link itself; `{...path}` is the wizard page to land on */
  "GET /api/setup/session/link/{...path}": {
    request: StartupLinkQuerySchema,
    response: z.literal(""),
    error: ErrorBodySchema,
    text: true,
  },
  "POST /api/setup/session": { request: SessionRequestSchema, response: OkResponseSchema, error: ErrorBodySchema },
  "DELETE /api/setup/session": { request: EmptyRequestSchema, response: OkResponseSchema, error: ErrorBodySchema },
  "POST /api/setup/lock": { request: EmptyRequestSchema, response: LockResponseSchema, error: ErrorBodySchema },
  "POST /api/setup/reset": { request: EmptyRequestSchema, response: OkResponseSchema, error: ErrorBodySchema },
  "GET /api/rotate": { request: EmptyRequestSchema, response: RotateResponseSchema, error: ErrorBodySchema },
  "POST /api/rotate": { request: RotateRequestSchema, response: RotateResponseSchema, error: ErrorBodySchema },
  ...HEALTH_ROUTES,
} as const;

export type SetupRoutes = typeof SETUP_ROUTES;
export type SetupRoute = keyof SetupRoutes;
/** What a screen sends (before the route's defaults and trimming apply). */
export type RequestOf<R extends SetupRoute> = z.input<SetupRoutes[R]["request"]>;
/** One event of an NDJSON route's stream. */
export type EventOf<R extends SetupRoute> = SetupRoutes[R] extends { events: infer E extends z.ZodType }
  ? z.infer<E>
  : never;
/** What the route answers on success: its JSON or text, or for an NDJSON route the stream of its events. */
export type ResponseOf<R extends SetupRoute> = SetupRoutes[R] extends { response: infer S extends z.ZodType }
  ? z.infer<S>
  : AsyncIterable<EventOf<R>>;
/** What the route answers when it refuses (always with `error`). */
export type ErrorOf<R extends SetupRoute> = z.infer<SetupRoutes[R]["error"]>;
