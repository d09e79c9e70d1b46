/**
 * Seams between the emulator's parts. The HTTP server, auth and IAM/STS live on one side; SES v1, SESv2, SMTP and
 * DNS on the other. Both sides program against these types only.
 */

/** An AWS error as the services raise it; the server renders it in the protocol's envelope (XML or JSON). */
export class AwsError extends Error {
  constructor(
    /** AWS error code, e.g. "MessageRejected", "AccessDenied", "NotFoundException" */
    public readonly code: string,
    message: string,
    /** HTTP status */
    public readonly status = 400,
  ) {
    super(message);
    this.name = "AwsError";
  }
  /** "Sender" for 4xx, "Receiver" for 5xx (query protocol <Type>) */
  get type(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}

/** The IAM principal a request (or an SMTP login) was authenticated as. */
export interface Principal {
  accountId: string;
  /** arn:aws:iam::<acct>:user/<path><name>, or arn:aws:sts::<acct>:assumed-role/<role>/<session> for a role session */
  arn: string;
  /** the user's name; for a role session the role's name (SES's ses:caller-identity tag) */
  userName: string;
  /** AIDA… unique id; AROA…:<session> for a role session */
  userId: string;
  accessKeyId: string;
  /** set for temporary credentials from STS AssumeRole or the container credentials endpoint */
  role?: { name: string; arn: string; sessionName: string };
}

export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

/** Condition keys of one request beyond the global ones the authorizer already holds, e.g. ses:FromAddress. */
export type ConditionValues = Record<string, string | string[]>;

/** IAM policy evaluation for the principal of the current request; provided by the auth side. */
export interface Authorizer {
  /**
   * action like "ses:SendRawEmail" (case-insensitive); resource ARN or "*"; `context` adds request-specific
   * condition keys. `missing: "possible"` asks whether the action could be allowed for some request (keys the
   * context lacks count as satisfiable for Allows), for checks made before the request's details are known.
   */
  evaluate(action: string, resource?: string, context?: ConditionValues, missing?: "strict" | "possible"): Decision;
}

/** What a service handler gets for one authenticated request. */
export interface RequestContext {
  requestId: string;
  /** region from the SigV4 credential scope (= the endpoint's region) */
  region: string;
  principal: Principal;
  authz: Authorizer;
  /** the emulator's notion of "now" (real time shifted by the clock-offset fault) */
  now(): Date;
}

/** REST-JSON request for SESv2 (path under /v2/email/, already percent-decoded per segment). */
export interface RestRequest {
  method: string;
  /** decoded path, e.g. /v2/email/identities/a@example.com */
  path: string;
  query: Record<string, string>;
  /** parsed JSON body, or undefined */
  body: unknown;
}
export interface RestResponse {
  status: number;
  body?: unknown;
  /** extra response headers (Route 53's Location on CreateHostedZone) */
  headers?: Record<string, string>;
}
/** One message accepted by SES (API or SMTP), kept for the admin API's sent-mail list. */
export interface SentMessage {
  messageId: string;
  region: string;
  via: "ses-v1" | "sesv2" | "smtp";
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  /** raw MIME, when the message was raw */
  raw?: string;
  timestamp: string;
  accessKeyId: string;
  /** the configuration set the send went through */
  configurationSet?: string;
}

/** Fault injection, set through POST /_emulator/faults. */
export interface Faults {
  /** added to every HTTP request (and SMTP greeting), ms */
  latencyMs: number;
  /** shifts the emulator's clock (Date header and signature window), seconds */
  clockOffsetSeconds: number;
  /** every Nth matching request fails with Throttling / TooManyRequestsException (0 = off) */
  throttleEvery: number;
  /** every Nth request gets a 5xx InternalFailure / ServiceUnavailable (0 = off) */
  errorEvery: number;
  /** every Nth request has its connection destroyed without a response (0 = off) */
  dropEvery: number;
  /** restrict faults to a service ("ses", "iam", "sts") or all when undefined */
  service?: string;
}
