import "server-only";

/**
 * Classifies whatever an AWS SDK v3 call threw into the few kinds Sesame reasons about: an AWS error answer (code,
 * status, request id), or no usable answer at all (unreachable, dropped, timeout, TLS), with 5xx and throttling apart.
 * The one place that reads SDK errors: wizard, rotation, health and the doctor all ask these functions.
 */

/** "not-aws": an answer that is not the AWS protocol at all (an HTML page, a 404/501 without an AWS error code). */
export type ErrorKind =
  | "aws"
  | "not-aws"
  | "unreachable"
  | "timeout"
  | "tls"
  | "server-error"
  | "throttled"
  | "aborted";

export interface ClassifiedError {
  kind: ErrorKind;
  /** AWS error code (e.g. SignatureDoesNotMatch) or the Node error code (e.g. ECONNREFUSED) */
  code: string;
  status?: number;
  message: string;
  requestId?: string;
}

const THROTTLE_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);

const TLS_CODE_RE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO$|HOSTNAME_MISMATCH|ERR_OSSL)|CERT/;
/** The server (or something in between) closed the connection: an answer was cut off, not late. */
const DROPPED_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);
const DROPPED_MESSAGE_RE = /socket hang up|ECONNRESET|EPIPE|other side closed|premature close/i;
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  ...DROPPED_CODES,
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: string;
  cause?: unknown;
  errno?: number;
}

function nodeCode(e: SdkLikeError | undefined, depth = 0): string | undefined {
  if (!e || depth > 4) return undefined;
  if (typeof e.code === "string" && e.code) return e.code;
  return nodeCode(e.cause as SdkLikeError | undefined, depth + 1);
}

function messages(e: SdkLikeError | undefined, depth = 0): string {
  if (!e || depth > 4) return "";
  return `${e.message ?? ""} ${messages(e.cause as SdkLikeError | undefined, depth + 1)}`;
}

export interface ClassifyOptions {
  /** the caller's own deadline fired (an abort we caused is a timeout, not a cancellation) */
  timedOut?: boolean;
}

export function classifyError(err: unknown, opts: ClassifyOptions = {}): ClassifiedError {
  const e = (err ?? {}) as SdkLikeError;
  const message = String(e.message ?? err ?? "unknown error")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 500);
  if (opts.timedOut) return { kind: "timeout", code: "Timeout", message: "no answer before the deadline" };

  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId;
  const name = e.name ?? "Error";

  if (status !== undefined) {
    const code = e.Code ?? (name === "Error" || name === "UnknownError" ? `HTTP${status}` : name);
    if (THROTTLE_CODES.has(code) || status === 429) return { kind: "throttled", code, status, message, requestId };
    if (status >= 500) return { kind: "server-error", code, status, message, requestId };
    return { kind: "aws", code, status, message, requestId };
  }

  // The caller gave up (its own signal): whatever the socket did afterwards is not the endpoint's fault.
  if (name === "AbortError") return { kind: "aborted", code: "AbortError", message };
  const ncode = nodeCode(e);
  // A reset or hang-up first: the SDK may label it a timeout, but nothing waited for a deadline (issue: a dropped
  // connection was reported as "did not answer within 5000 ms" after 90 ms).
  if ((ncode && DROPPED_CODES.has(ncode)) || DROPPED_MESSAGE_RE.test(messages(e))) {
    return { kind: "unreachable", code: ncode && DROPPED_CODES.has(ncode) ? ncode : "ECONNRESET", message };
  }
  if (name === "TimeoutError" || ncode === "ETIMEDOUT" || ncode === "ESOCKETTIMEDOUT" || /timed? ?out/i.test(message)) {
    return { kind: "timeout", code: ncode ?? "Timeout", message };
  }
  if (ncode && TLS_CODE_RE.test(ncode)) return { kind: "tls", code: ncode, message };
  if (/SSL|TLS|certificate|wrong version number/i.test(message)) return { kind: "tls", code: ncode ?? "TLS", message };
  if (ncode && UNREACHABLE_CODES.has(ncode)) return { kind: "unreachable", code: ncode, message };
  if (/connect E|getaddrinfo/i.test(message)) return { kind: "unreachable", code: ncode ?? "ECONNREFUSED", message };
  // An SDK error with a service code but no status (rare: deserialisation of an odd body).
  if (name && name !== "Error" && !ncode) return { kind: "aws", code: name, message };
  return { kind: "unreachable", code: ncode ?? name, message };
}

/** Authentication failures: the key, secret, token or signature is not accepted (not authorization). */
export const AUTH_ERROR_CODES = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "ExpiredToken",
  "ExpiredTokenException",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "InvalidAccessKeyId",
  "AuthFailure",
]);

// SNS denies with AuthorizationError (403), not AccessDenied (docs/events.md)
export const ACCESS_DENIED_CODES = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
  "AuthorizationErrorException",
]);

export function isAccessDenied(e: ClassifiedError): boolean {
  return e.kind === "aws" && ACCESS_DENIED_CODES.has(e.code);
}

export function isAuthFailure(e: ClassifiedError): boolean {
  return e.kind === "aws" && AUTH_ERROR_CODES.has(e.code);
}

/** No usable answer came back: the network, the endpoint or its TLS, not AWS's verdict on the request. */
export function isNetworkFailure(e: ClassifiedError): boolean {
  return e.kind === "unreachable" || e.kind === "timeout" || e.kind === "tls";
}

/** SDK v3 names some errors with an "Exception" suffix that the wire code lacks (EntityAlreadyExists…). */
export function hasCode(e: ClassifiedError, wireCode: string): boolean {
  return e.kind === "aws" && e.code.replace(/Exception$/, "") === wireCode.replace(/Exception$/, "");
}

/** "Signature expired: …" / "Signature not yet current: …": the clock, not the credentials (docs/aws-facts.md). */
export function isClockError(e: ClassifiedError): boolean {
  return e.kind === "aws" && /Signature (expired|not yet current)/i.test(e.message);
}

/** "Credential should be scoped to a valid region, not 'x'." — the endpoint wants another signing region. */
export function isScopeRegionError(e: ClassifiedError): boolean {
  return e.kind === "aws" && /scoped to a valid region/i.test(e.message);
}

/** AWS's wording for a denial names the action: "not authorized to perform: iam:CreateUser" or "`ses:SendRawEmail'". */
export function permissionFromMessage(message: string): string | undefined {
  return /not authorized to perform:?\s*`?([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
}

/** A failed call, thrown by the door's `send` for code that prefers exceptions to result values. */
export class AwsCallError extends Error {
  readonly error: ClassifiedError;
  /** for an access denial: the action AWS named */
  readonly permission?: string;
  constructor(error: ClassifiedError) {
    super(error.message);
    this.name = "AwsCallError";
    this.error = error;
    this.permission = isAccessDenied(error) ? permissionFromMessage(error.message) : undefined;
  }
}

/** The classified error behind anything a door call threw (an AwsCallError, or a raw error from elsewhere). */
export function awsErrorOf(err: unknown): ClassifiedError {
  return err instanceof AwsCallError ? err.error : classifyError(err);
}
