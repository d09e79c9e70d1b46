import type { AwsAccess } from "./aws-access";
import type { RawFinding } from "@/lib/findings/catalogue";
import type { FormatFinding } from "./forensics";
import type { DiagnoseInput } from "./schema";

export type ProbeId =
  | "input"
  | "identity"
  | "account"
  | "domain"
  | "region-scan"
  | "region-verdict"
  | "sandbox-scan"
  | "permissions"
  | "env"
  | "dns"
  | "smtp"
  | "smtp-ports"
  | "production-access"
  | "credential-chain"
  | "recipient"
  | "events";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Principal {
  arn: string;
  account: string;
  userId: string;
  /** IAM user name when the principal is a user */
  userName?: string;
  kind: "user" | "assumed-role" | "root" | "other";
}

export interface IdentityState {
  /** the identity looked up (domain or address) */
  name: string;
  found: boolean;
  verified: boolean;
  /** v1 spelling: Pending | Success | Failed | TemporaryFailure | NotStarted */
  status?: string;
  dkimStatus?: string;
  dkimTokens?: string[];
  verificationToken?: string;
  mailFromDomain?: string;
}

/** What probes learn and later probes use. Every field optional: a probe only adds what it found out. */
export interface Facts {
  /** cleaned credentials safe to sign with; absent = no AWS call can be made */
  creds?: Credentials;
  /** the SES region to use; absent = region-dependent probes do not run */
  region?: string;
  /** region to sign STS with (us-east-1, or us-gov-west-1 in GovCloud) */
  stsRegion?: string;
  /** codes the input probe reported (a later SignatureDoesNotMatch names the likely one) */
  inputCodes?: string[];
  /** custom endpoint only: key format findings held back until STS says whether the endpoint accepts the key */
  formatFindings?: FormatFinding[];
  /** the custom STS endpoint, when there is one */
  customEndpoint?: string;
  principal?: Principal;
  /** the identity probe authenticated successfully */
  authenticated?: boolean;
  /** STS's endpoint answered with something that is not an AWS answer: every AWS-derived finding is void */
  endpointNotAws?: boolean;
  /** AWS time minus local time, seconds */
  clockSkewSeconds?: number;
  account?: {
    sandbox?: boolean;
    sendingEnabled?: boolean;
    max24HourSend?: number;
    maxSendRate?: number;
    sentLast24Hours?: number;
    /** SESv2 GetAccount Details.ReviewDetails: the production-access request, when one was filed */
    review?: { status: string; caseId?: string };
    /** which read answered: SESv2 GetAccount, or the v1 quota when GetAccount was refused */
    source?: "GetAccount" | "GetSendQuota";
  };
  /** identities of the domain / from address in the target region */
  identities?: IdentityState[];
  /** how SES's MAIL FROM attributes of the domain were read (the DNS probe needs the name to look up) */
  mailFromRead?: { ok: true } | { ok: false; refused: boolean; errorCode: string };
  /** what must be verified to send (the domain, the From address), and its state in the target region */
  subjects?: { label: string; verified: boolean; statusHere: string }[];
  /** other regions where the account has production access with sending enabled */
  productionElsewhere?: string[];
  /** region → identities verified there (other regions only) */
  verifiedElsewhere?: Record<string, string[]>;
}

export interface ProbeContext {
  input: DiagnoseInput;
  aws: AwsAccess;
  signal?: AbortSignal;
}

export interface ProbeResult {
  facts?: Partial<Facts>;
  findings: RawFinding[];
}

export interface Probe {
  id: ProbeId;
  /** shown in progress output */
  label: string;
  needs: ProbeId[];
  /** false = skipped (no findings, counts as done) */
  when?: (ctx: ProbeContext, facts: Facts) => boolean;
  run(ctx: ProbeContext, facts: Facts): Promise<ProbeResult>;
}
