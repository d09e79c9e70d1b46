import { z } from "zod";

/**
 * The emulator's seed configuration. This schema is a contract: the README documents it, scenario files in
 * tests/scenarios/ and the demo config (emulator/demo-config.json) are validated by it.
 */

const Arn = z.string().startsWith("arn:");

export const StatementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(["Allow", "Deny"]),
    Action: z.union([z.string(), z.array(z.string())]).optional(),
    NotAction: z.union([z.string(), z.array(z.string())]).optional(),
    Resource: z.union([z.string(), z.array(z.string())]).optional(),
    NotResource: z.union([z.string(), z.array(z.string())]).optional(),
    Condition: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export const PolicyDocumentSchema = z
  .object({
    Version: z.string().optional(),
    Id: z.string().optional(),
    Statement: z.union([StatementSchema, z.array(StatementSchema)]),
  })
  .passthrough();

export const AccessKeySeedSchema = z.object({
  id: z.string().regex(/^(AKIA|ASIA)[A-Z0-9]{16}$/, "access key id: AKIA or ASIA followed by 16 upper-case characters"),
  secret: z.string().length(40),
  status: z.enum(["Active", "Inactive"]).default("Active"),
  /** ASIA keys: the session token that must accompany them. */
  sessionToken: z.string().optional(),
  /** ASIA keys: when the token stops working (ISO-8601). */
  expiresAt: z.string().datetime().optional(),
  /** When the key was created (ISO-8601); defaults to the emulator's start. Lets tests seed old keys. */
  createDate: z.string().datetime().optional(),
});

export const UserSeedSchema = z.object({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
  path: z.string().default("/"),
  /** inline policies: policy name → document */
  inlinePolicies: z.record(z.string(), PolicyDocumentSchema).default({}),
  /** managed policy ARNs, AWS-managed (arn:aws:iam::aws:policy/AmazonSESFullAccess …) or from managedPolicies below */
  managedPolicies: z.array(Arn).default([]),
  accessKeys: z.array(AccessKeySeedSchema).default([]),
  tags: z.array(z.object({ Key: z.string(), Value: z.string() })).default([]),
  createDate: z.string().datetime().optional(),
});

/** An IAM role (docs/emulator.md "Roles"): a trust policy saying who may assume it, and its permissions. */
export const RoleSeedSchema = z.object({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
  path: z.string().default("/"),
  description: z.string().optional(),
  /** seconds a session may last at most, 3600…43200 */
  maxSessionDuration: z.number().int().min(3600).max(43_200).default(3600),
  /** the trust policy: statements with a Principal (AWS ARNs, an account, or a Service such as ecs-tasks.amazonaws.com) */
  assumeRolePolicyDocument: PolicyDocumentSchema,
  inlinePolicies: z.record(z.string(), PolicyDocumentSchema).default({}),
  managedPolicies: z.array(Arn).default([]),
  tags: z.array(z.object({ Key: z.string(), Value: z.string() })).default([]),
  createDate: z.string().datetime().optional(),
});

export const ManagedPolicySeedSchema = z.object({
  name: z.string(),
  path: z.string().default("/"),
  document: PolicyDocumentSchema,
});

export const RegionSeedSchema = z.object({
  /** sandbox: true = ProductionAccessEnabled false; sandbox rules apply to sends */
  sandbox: z.boolean().default(true),
  sendingEnabled: z.boolean().default(true),
  /** defaults: sandbox 200 / 1; production 50000 / 14 */
  max24HourSend: z.number().optional(),
  maxSendRate: z.number().optional(),
  sentLast24Hours: z.number().default(0),
});

export const IdentitySeedSchema = z.object({
  region: z.string(),
  /** a domain (example.com) or an address (a@example.com) */
  identity: z.string(),
  /** seed status; omitted = Pending and decided by DNS like a freshly created identity */
  status: z.enum(["Pending", "Success", "Failed", "TemporaryFailure"]).optional(),
  /** Easy DKIM enabled (domains); tokens generated when omitted */
  dkim: z.boolean().default(true),
  dkimTokens: z.array(z.string()).length(3).optional(),
  dkimStatus: z.enum(["Pending", "Success", "Failed", "TemporaryFailure", "NotStarted"]).optional(),
  verificationToken: z.string().optional(),
  mailFromDomain: z.string().optional(),
});

export const DnsRecordSchema = z.object({
  /** fully-qualified name without the trailing dot, e.g. abc._domainkey.example.com */
  name: z.string(),
  type: z.enum(["A", "AAAA", "CNAME", "TXT", "MX", "NS"]),
  /** TXT: the text (unquoted); MX: the exchange host; CNAME: the target host */
  value: z.string(),
  priority: z.number().int().optional(),
  ttl: z.number().int().default(300),
});

export const EventDestinationSeedSchema = z.object({
  name: z.string().min(1),
  enabled: z.boolean().default(true),
  /** v2 (SEND, BOUNCE, …) or v1 (send, bounce, renderingFailure, …) spelling */
  matchingEventTypes: z
    .array(
      z.enum([
        "SEND",
        "REJECT",
        "BOUNCE",
        "COMPLAINT",
        "DELIVERY",
        "OPEN",
        "CLICK",
        "RENDERING_FAILURE",
        "DELIVERY_DELAY",
        "SUBSCRIPTION",
        "send",
        "reject",
        "bounce",
        "complaint",
        "delivery",
        "open",
        "click",
        "renderingFailure",
      ]),
    )
    .min(1),
  /** arn:aws:sns:<region>:<account>:<topic> */
  snsTopicArn: z.string().startsWith("arn:").optional(),
});

export const ConfigurationSetSeedSchema = z.object({
  region: z.string(),
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "configuration set name: 1-64 letters, digits, - and _"),
  sendingEnabled: z.boolean().default(true),
  eventDestinations: z.array(EventDestinationSeedSchema).default([]),
});

export const SnsSubscriptionSeedSchema = z
  .object({
    protocol: z.enum(["http", "https"]),
    /** the endpoint's URL; its scheme must match the protocol, as AWS requires */
    endpoint: z.string().url(),
    /**
     * Confirmed (the default): as if the endpoint had already fetched its SubscribeURL, so no confirmation message is
     * posted when the world starts. PendingConfirmation: listed with the ARN `PendingConfirmation` until confirmed.
     */
    status: z.enum(["Confirmed", "PendingConfirmation"]).default("Confirmed"),
  })
  .refine((s) => s.endpoint.startsWith(`${s.protocol}://`), {
    message: "endpoint must match the protocol (http:// or https://)",
    path: ["endpoint"],
  });

export const SnsTopicSeedSchema = z.object({
  region: z.string(),
  name: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "topic name: 1-256 letters, digits, - and _"),
  /** http(s) subscriptions the topic starts with (seeded ones post no SubscriptionConfirmation) */
  subscriptions: z.array(SnsSubscriptionSeedSchema).default([]),
});

export const SnsConfigSchema = z
  .object({
    topics: z.array(SnsTopicSeedSchema).default([]),
    /**
     * HTTP/S delivery: AWS's default policy is 3 retries 20 s apart (no-delay 0, linear backoff) after the first
     * attempt, each attempt with a 15 s timeout; tests shorten the delay to observe retries.
     */
    delivery: z
      .object({
        numRetries: z.number().int().min(0).max(100).default(3),
        retryDelayMs: z.number().int().min(0).default(20_000),
        timeoutMs: z.number().int().min(1).default(15_000),
      })
      .default({ numRetries: 3, retryDelayMs: 20_000, timeoutMs: 15_000 }),
    /**
     * Which http(s) endpoints SNS may deliver to. "loopback" (the default) refuses anything but 127.0.0.0/8, ::1
     * and localhost, so a test or the demo never posts to the outside world; "any" lifts that.
     */
    allowEndpoints: z.enum(["loopback", "any"]).default("loopback"),
  })
  .default({
    topics: [],
    delivery: { numRetries: 3, retryDelayMs: 20_000, timeoutMs: 15_000 },
    allowEndpoints: "loopback",
  });

export const EmulatorConfigSchema = z.object({
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .default("123456789012"),
  users: z.array(UserSeedSchema).default([]),
  /** IAM roles; their temporary credentials come from STS AssumeRole or /_emulator/container-credentials/<role> */
  roles: z.array(RoleSeedSchema).default([]),
  managedPolicies: z.array(ManagedPolicySeedSchema).default([]),
  /** SES per-region account state; a region not listed here but offered by SES starts sandboxed with defaults */
  regions: z.record(z.string(), RegionSeedSchema).default({}),
  identities: z.array(IdentitySeedSchema).default([]),
  /** SES configuration sets with their event destinations, per region */
  configurationSets: z.array(ConfigurationSetSeedSchema).default([]),
  /** SNS topics and the HTTP/S delivery policy */
  sns: SnsConfigSchema,
  dns: z
    .object({
      zones: z.array(z.object({ name: z.string(), records: z.array(DnsRecordSchema).default([]) })).default([]),
    })
    .default({ zones: [] }),
  /** Route 53 (docs/emulator.md): hosted zones whose records live in `dns` above; changes go INSYNC after syncAfterMs */
  route53: z
    .object({
      hostedZones: z
        .array(
          z.object({
            name: z.string(),
            /** Z… id; generated when omitted */
            id: z
              .string()
              .regex(/^Z[A-Z0-9]{1,31}$/)
              .optional(),
            private: z.boolean().default(false),
            comment: z.string().optional(),
          }),
        )
        .default([]),
      syncAfterMs: z.number().int().nonnegative().default(1000),
    })
    .default({ hostedZones: [], syncAfterMs: 1000 }),
  smtp: z.object({ region: z.string().default("us-east-1") }).default({ region: "us-east-1" }),
  verification: z
    .object({
      /** a Pending identity whose record is still missing this long after creation becomes Failed (AWS: 72 h) */
      failAfterSeconds: z.number().default(72 * 3600),
    })
    .default({ failAfterSeconds: 72 * 3600 }),
  /** allowed clock skew per signing service, in seconds (docs/emulator.md "What it checks", step 3: SES 5 min, IAM/STS/SNS 15 min) */
  clockSkewSeconds: z
    .object({
      ses: z.number().default(300),
      iam: z.number().default(900),
      sts: z.number().default(900),
      sns: z.number().default(900),
      route53: z.number().default(300),
    })
    .default({ ses: 300, iam: 900, sts: 900, sns: 900, route53: 300 }),
});

export type EmulatorConfig = z.infer<typeof EmulatorConfigSchema>;
export type EmulatorConfigInput = z.input<typeof EmulatorConfigSchema>;
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type RoleSeed = z.infer<typeof RoleSeedSchema>;
export type UserSeed = z.infer<typeof UserSeedSchema>;
export type IdentitySeed = z.infer<typeof IdentitySeedSchema>;
export type DnsRecord = z.infer<typeof DnsRecordSchema>;
export type ConfigurationSetSeed = z.infer<typeof ConfigurationSetSeedSchema>;
export type SnsConfig = z.infer<typeof SnsConfigSchema>;
export type SnsSubscriptionSeed = z.infer<typeof SnsSubscriptionSeedSchema>;
