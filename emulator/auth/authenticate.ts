import { type ParsedAuth, type RawRequest, formatAmzDate, parseAmzDate, verifyRequest } from "../../lib/sigv4";
import { AwsError } from "../core/types";
import { isValidScopeRegion, type SigningService } from "../regions";

/**
 * SigV4 authentication of one request, in the order docs/emulator.md "What it checks" lists, raising the query-protocol
 * codes (the server maps them to JSON codes for SESv2). Parsing (missing / incomplete) happens before this.
 */

export interface KeyRecord {
  secret: string;
  status: "Active" | "Inactive";
  sessionToken?: string;
  expiresAt?: Date;
}

export interface AuthTarget {
  service: SigningService;
  /** scope service names accepted (SES: ses and email) */
  acceptedNames: string[];
  /** allowed skew in seconds */
  skewSeconds: number;
}

const MAX_PRESIGNED_TTL = 604_800;

const incomplete = (m: string) => new AwsError("IncompleteSignature", m, 400);
const mismatch = (m: string) => new AwsError("SignatureDoesNotMatch", m, 403);
const invalidToken = () =>
  new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);

export const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const minutes = (seconds: number) => `${Number((seconds / 60).toFixed(2))} min.`;

/** Throws the AwsError AWS would answer with; returns normally when the request is authentic. */
export async function authenticate(
  raw: RawRequest,
  auth: ParsedAuth,
  target: AuthTarget,
  now: Date,
  lookupKey: (accessKeyId: string) => KeyRecord | undefined,
): Promise<void> {
  if (auth.form === "header" && /(^|&)X-Amz-Algorithm=/.test(raw.rawQuery)) {
    throw new AwsError(
      "SignatureDoesNotMatch",
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
      400,
    );
  }
  const amzDate = auth.amzDate ?? "";
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) {
    throw incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }

  // Time window. A presigned URL lives X-Amz-Expires seconds; a header-signed request the service's skew window.
  let window = target.skewSeconds;
  if (auth.form === "query") {
    const expires = auth.expires;
    if (expires === undefined) {
      throw incomplete(
        "AWS query-string parameters must include 'X-Amz-Expires'. Re-examine the query-string parameters.",
      );
    }
    if (Number.isNaN(expires)) throw incomplete("X-Amz-Expires should be a number");
    if (expires < 1) throw incomplete("X-Amz-Expires must be non-negative");
    if (expires > MAX_PRESIGNED_TTL) {
      throw incomplete(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_TTL}`);
    }
    window = expires;
  }
  const nowStamp = formatAmzDate(now);
  if (requestTime.getTime() < now.getTime() - window * 1000) {
    const limit = formatAmzDate(new Date(now.getTime() - window * 1000));
    throw mismatch(`Signature expired: ${amzDate} is now earlier than ${limit} (${nowStamp} - ${minutes(window)})`);
  }
  if (requestTime.getTime() > now.getTime() + target.skewSeconds * 1000) {
    const limit = formatAmzDate(new Date(now.getTime() + target.skewSeconds * 1000));
    throw mismatch(
      `Signature not yet current: ${amzDate} is still later than ${limit} (${nowStamp} + ${minutes(target.skewSeconds)})`,
    );
  }

  // AWS answers an unsigned Host as a signature mismatch (403), not as an incomplete signature.
  if (!auth.signedHeaders.includes("host")) {
    throw mismatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  // Credential scope: every wrong piece is named, in one message (AWS concatenates them, trailing spaces and all)
  const scopeProblems: string[] = [];
  if (!isValidScopeRegion(target.service, auth.region)) {
    scopeProblems.push(`Credential should be scoped to a valid region, not '${auth.region}'. `);
  }
  if (!target.acceptedNames.includes(auth.service)) {
    scopeProblems.push(`Credential should be scoped to correct service: '${target.acceptedNames[0]}'. `);
  }
  if (auth.terminator !== "aws4_request") {
    scopeProblems.push(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'. `,
    );
  }
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    scopeProblems.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (scopeProblems.length > 0) throw mismatch(scopeProblems.join(""));

  // Key and session token
  const key = lookupKey(auth.accessKeyId);
  if (key?.status !== "Active") throw invalidToken();
  if (auth.accessKeyId.startsWith("ASIA")) {
    if (!auth.securityToken || auth.securityToken !== key.sessionToken) throw invalidToken();
    if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) {
      throw new AwsError("ExpiredToken", "The security token included in the request is expired", 403);
    }
  }

  const verdict = await verifyRequest(raw, auth, key.secret);
  if (!verdict.ok) throw mismatch(SIGNATURE_MISMATCH);
}

/** The JSON-protocol (SESv2) code for a query-protocol auth code (docs/emulator.md "What it checks"). */
export function jsonAuthCode(code: string): string {
  const map: Record<string, string> = {
    MissingAuthenticationToken: "MissingAuthenticationTokenException",
    IncompleteSignature: "IncompleteSignatureException",
    SignatureDoesNotMatch: "InvalidSignatureException",
    InvalidClientTokenId: "UnrecognizedClientException",
    ExpiredToken: "ExpiredTokenException",
    AccessDenied: "AccessDeniedException",
  };
  return map[code] ?? code;
}
