/**
 * Every rule the signature doctor can name, with a stable id (tests, the CLI's --json and links rely on them) and
 * its wording. Details specific to one request are added by the checks.
 */
export const RULES = {
  ok: { title: "The signature is correct", fix: "Nothing to fix in the signing." },
  unverified: {
    title: "No structural problem found; signature not checked",
    fix: "Give the secret access key to check the signature itself.",
  },
  "no-auth": {
    title: "The request carries no signature",
    fix: "Sign it: an Authorization header (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…) plus X-Amz-Date, or the X-Amz-* query parameters of a presigned URL.",
  },
  "auth-malformed": {
    title: "The signature parameters are malformed",
    fix: "Write Authorization as `AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/region/service/aws4_request, SignedHeaders=a;b, Signature=<64 hex>`.",
  },
  "query-not-sorted": {
    title: "Query parameters were not sorted by name when signing",
    fix: "Sort the canonical query string by encoded parameter name (byte order: upper case before lower case), then by value.",
  },
  "query-encoding": {
    title: "Query parameters were percent-encoded the wrong way",
    fix: "Encode every name and value with RFC 3986 rules: keep only A–Z a–z 0–9 - . _ ~, everything else as %XX with upper-case hex; space is %20 (never +), + is %2B, / is %2F, * is %2A, ~ stays ~.",
  },
  "path-encoding": {
    title: "The path was not canonicalised the SigV4 way",
    fix: "For every service but S3, normalise the path (drop empty and . segments) and URI-encode the already-encoded path once more, keeping '/' (so %40 becomes %2540).",
  },
  "host-missing": {
    title: "The host header is not signed or not sent",
    fix: "Send a Host header and include `host` in SignedHeaders (with the port when it is not 80/443).",
  },
  "host-mismatch": {
    title: "The signed host differs from the host the request goes to",
    fix: "Sign the Host exactly as it is sent, including a non-default :port; when going through a proxy or custom endpoint, sign for that endpoint's host.",
  },
  "signed-headers": {
    title: "The SignedHeaders list is wrong",
    fix: "List, lower-case, sorted and separated by ';', exactly the headers you put in the canonical headers block: at least host and x-amz-date (and x-amz-security-token, x-amz-content-sha256 when sent).",
  },
  "header-values": {
    title: "Header values were not canonicalised",
    fix: "In the canonical headers, trim each value and collapse runs of whitespace to one space.",
  },
  "payload-hash": {
    title: "The payload hash is wrong",
    fix: "Use the hex SHA-256 of the exact body bytes sent (e3b0c442…b855 for an empty body); non-S3 services do not accept UNSIGNED-PAYLOAD.",
  },
  "amz-date-format": {
    title: "X-Amz-Date is missing or not in the YYYYMMDDTHHMMSSZ form",
    fix: "Send X-Amz-Date as UTC in ISO-8601 basic form, e.g. 20260123T101500Z.",
  },
  "scope-date-mismatch": {
    title: "The credential scope date does not match X-Amz-Date",
    fix: "Use the first 8 characters of X-Amz-Date (the UTC date, not the local one) as the scope date.",
  },
  "scope-region": {
    title: "The region in the credential scope is wrong",
    fix: "Sign with the region of the endpoint you call (us-east-1 for the global IAM and STS endpoints).",
  },
  "scope-service": {
    title: "The service in the credential scope is wrong",
    fix: "Sign with the endpoint's signing name: ses (or email) for SES v1 and v2, iam for IAM, sts for STS.",
  },
  "scope-terminator": {
    title: "The credential scope does not end in aws4_request",
    fix: "End the scope with the literal terminator aws4_request.",
  },
  "presign-expired": {
    title: "The presigned URL has expired",
    fix: "Presign it again; it is valid for X-Amz-Expires seconds after X-Amz-Date.",
  },
  "presign-expires-range": {
    title: "X-Amz-Expires is missing or out of range",
    fix: "Set X-Amz-Expires to a whole number of seconds from 1 to 604800 (7 days).",
  },
  "security-token-missing": {
    title: "Temporary (ASIA…) credentials without a session token",
    fix: "Send X-Amz-Security-Token (signed) with temporary credentials, or use a long-term AKIA… key.",
  },
  "wrong-secret": {
    title: "The signature was made with a different secret",
    fix: "Sign with the secret access key that belongs to this access key id, exactly as AWS showed it (40 characters, no spaces, quotes or newline).",
  },
  "clock-skew": {
    title: "The request time is too far from AWS's clock",
    fix: "Sync the clock (NTP) of the machine that signs; AWS accepts requests within a few minutes of its time.",
  },
  "unknown-key": {
    title: "AWS does not know this access key id",
    fix: "Check the access key id (and for ASIA keys the session token); a deleted or mistyped key gives this.",
  },
  "request-changed": {
    title: "The request AWS saw differs from the one pasted",
    fix: "Something between the signer and AWS (a proxy, a redirect, an HTTP client adding headers) changed the request after signing; sign what is actually sent.",
  },
  "curl-signs": {
    title: "curl signs this request itself",
    fix: "The command has no signature to examine (--aws-sigv4). Run it with -v and paste the request lines (starting with '> ') instead.",
  },
} as const satisfies Record<string, { title: string; fix: string }>;

export type RuleId = keyof typeof RULES;
