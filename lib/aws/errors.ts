/**
 * Classifies whatever an AWS SDK v3 call threw into the few kinds the engine reasons about: an AWS error answer
 * (code, status, request id), or no usable answer at all (unreachable, timeout, TLS), with 5xx and throttling apart.
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
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
  "EADDRNOTAVAIL",
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

/** `timedOut` lets the caller say its own deadline fired (an abort we caused is a timeout, not a cancellation). */
export function classifyError(err: unknown, opts: { timedOut?: boolean } = {}): ClassifiedError {
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

  const ncode = nodeCode(e);
  if (name === "TimeoutError" || ncode === "ETIMEDOUT" || ncode === "ESOCKETTIMEDOUT" || /timed? ?out/i.test(message)) {
    return { kind: "timeout", code: ncode ?? "Timeout", message };
  }
  if (name === "AbortError") return { kind: "aborted", code: "AbortError", message };
  if (ncode && TLS_CODE_RE.test(ncode)) return { kind: "tls", code: ncode, message };
  if (/SSL|TLS|certificate|wrong version number/i.test(message)) return { kind: "tls", code: ncode ?? "TLS", message };
  if (ncode && UNREACHABLE_CODES.has(ncode)) return { kind: "unreachable", code: ncode, message };
  if (/socket hang up|ECONNRESET|connect E|getaddrinfo/i.test(message)) {
    return { kind: "unreachable", code: ncode ?? "ECONNRESET", message };
  }
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
]);

export const ACCESS_DENIED_CODES = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"]);

export function isAccessDenied(e: ClassifiedError): boolean {
  return e.kind === "aws" && ACCESS_DENIED_CODES.has(e.code);
}

export function isAuthFailure(e: ClassifiedError): boolean {
  return e.kind === "aws" && AUTH_ERROR_CODES.has(e.code);
}

/** "Signature expired: …" / "Signature not yet current: …": the clock, not the credentials (reference/aws.md §1.2). */
export function isClockError(e: ClassifiedError): boolean {
  return e.kind === "aws" && /Signature (expired|not yet current)/i.test(e.message);
}

/** "Credential should be scoped to a valid region, not 'x'." — the endpoint wants another signing region. */
export function isScopeRegionError(e: ClassifiedError): boolean {
  return e.kind === "aws" && /scoped to a valid region/i.test(e.message);
}
