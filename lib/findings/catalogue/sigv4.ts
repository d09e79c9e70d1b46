import type { FindingSpec } from "./spec";

/** The signature doctor's shared sentence parts: AWS's own answer, and a client mistake that reproduces the signature. */
const AWS_SAID = 'AWS answered {awsCode}: "{awsMessage}".';
const REPRODUCED = "The carried signature is reproduced when";

/**
 * The SigV4 signature doctor (lib/sigv4/doctor): one code per rule, `sigv4.<rule id>` (docs/doctor.md).
 *
 * The doctor emits `{code, evidence}` like every other check. A rule that can be seen in several ways picks its
 * sentence with the `case` phrase key (what was seen: the structure, AWS's answer, the client mistake whose
 * signature matches); each code has one severity, so a hint milder than the rule is its own code (e.g.
 * sigv4.query-order-unchecked next to sigv4.query-not-sorted). sigv4.ok is the one "pass" code. The signature
 * doctor's page loads this section alone (lib/findings/section.ts).
 */
export const SIGV4_FINDINGS = {
  "sigv4.ok": {
    severity: "pass",
    component: "signature",
    title: "The signature is correct",
    why: "The signature the request carries is the one the secret you gave computes for the request as carried.",
    fix: "Nothing to fix in the signing.",
    order: 200,
  },
  "sigv4.unverified": {
    severity: "info",
    component: "signature",
    title: "No structural problem found; signature not checked",
    why: "Scope, dates, signed headers and host look right. Without the secret access key only the request's structure can be checked, not the signature itself.",
    fix: "Give the secret access key to check the signature itself.",
    order: 201,
  },
  "sigv4.unverifiable": {
    severity: "info",
    component: "signature",
    title: "The signature cannot be checked",
    why: "The signature covers {headers}, which the request does not carry, so the value it was signed with is unknown and no secret could reproduce the signature.",
    fix: "Send the request with every signed header (or sign only what is sent) and check again.",
    order: 201,
  },
  "sigv4.input-unreadable": {
    severity: "error",
    component: "signature",
    title: "Could not read the request",
    why: "{problem}",
    fix: "Paste a URL, a curl command, or a raw HTTP request (request line, headers, blank line, body).",
    order: 202,
    phrases: {
      problem: {
        empty: "There is nothing to read: the text is empty.",
        unknown:
          "The pasted text is neither a URL, a curl command, a raw HTTP request (METHOD /path HTTP/1.1 and headers) nor an AWS error body.",
        "not-url": '"{text}" is not an http(s) URL.',
        "no-host": "The URL has no host.",
        "header-line": 'The header line "{text}" has no "name: value" form.',
        "request-line": "The first line is not an HTTP request line (METHOD /path HTTP/1.1).",
        "curl-single-quote": "A single quote in the curl command is never closed.",
        "curl-double-quote": "A double quote in the curl command is never closed.",
        "curl-ansi-quote": "A $'…' string in the curl command is never closed.",
        "curl-not-curl": "The command is not a curl command.",
        "curl-needs-value": "The curl option {text} needs a value.",
        "curl-body-file": "curl {text} reads the body from a file, which the doctor cannot see; paste the body itself.",
        "curl-extra-argument": 'The curl command has an unexpected argument "{text}" (only one URL is supported).',
        "curl-no-url": "The curl command has no URL.",
      },
    },
  },
  "sigv4.nothing-to-examine": {
    severity: "error",
    component: "signature",
    title: "Nothing to examine",
    why: "No request and no AWS error body were given.",
    fix: "Give a request (URL, curl command or raw HTTP) or the error body AWS answered with.",
    order: 203,
  },
  "sigv4.no-auth": {
    severity: "error",
    component: "signature",
    title: "The request carries no signature",
    why: "{case} AWS refuses a request without an Authorization header or the X-Amz-* query parameters of a presigned URL (MissingAuthenticationToken).",
    fix: "Sign it: an Authorization header (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…) plus X-Amz-Date, or the X-Amz-* query parameters of a presigned URL.",
    order: 204,
    phrases: {
      case: {
        none: "The request has neither an Authorization header nor X-Amz-Signature in its query.",
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.auth-malformed": {
    severity: "error",
    component: "signature",
    title: "The signature parameters are malformed",
    why: "{case} AWS reads the algorithm, credential scope, signed headers and signature from fixed places; a missing or misspelt part leaves it nothing to check.",
    fix: "Write Authorization as `AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/region/service/aws4_request, SignedHeaders=a;b, Signature=<64 hex>`.",
    order: 205,
    phrases: {
      case: {
        parse: 'AWS would answer {awsCode}: "{awsMessage}".',
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.signature-upper-case": {
    severity: "warn",
    component: "signature",
    title: "The signature is written in upper-case hex",
    why: "The signature is right but written in upper-case hex; AWS compares the lower-case hex form.",
    fix: "Send the signature as lower-case hex, as every SDK writes it.",
    order: 205,
  },
  "sigv4.curl-signs": {
    severity: "info",
    component: "signature",
    title: "curl signs this request itself",
    why: "The command uses --aws-sigv4: curl computes the signature when it sends, so the command holds no signature to examine.",
    fix: "The command has no signature to examine (--aws-sigv4). Run it with -v and paste the request lines (starting with '> ') instead.",
    order: 206,
  },
  "sigv4.amz-date-format": {
    severity: "error",
    component: "signature",
    title: "X-Amz-Date is missing or not in the YYYYMMDDTHHMMSSZ form",
    why: "{case} The request time is part of the string to sign and of the credential scope; AWS reads it only in ISO-8601 basic form, in UTC.",
    fix: "Send X-Amz-Date as UTC in ISO-8601 basic form, e.g. 20260123T101500Z.",
    order: 207,
    phrases: {
      case: {
        missing: "The request carries no X-Amz-Date (nor a Date header).",
        malformed: 'The request time is "{amzDate}".',
      },
    },
  },
  "sigv4.scope-date-mismatch": {
    severity: "error",
    component: "signature",
    title: "The credential scope date does not match X-Amz-Date",
    why: "{case} AWS requires the scope date to be the date part of X-Amz-Date; a signer that takes the local date signs with another signing key around midnight.",
    fix: "Use the first 8 characters of X-Amz-Date (the UTC date, not the local one) as the scope date.",
    order: 208,
    phrases: {
      case: {
        structural: "The Credential scope says {carried} but X-Amz-Date is {amzDate} (date {expected}).",
        signed: `${REPRODUCED} the signer used the date {signed} in its scope, while the Credential says {carried}.`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.scope-region": {
    severity: "error",
    component: "signature",
    title: "The region in the credential scope is wrong",
    why: "{case} The signing key is derived from the region, and AWS checks that the scope names the region of the endpoint that received the request.",
    fix: "Sign with the region of the endpoint you call (us-east-1 for the global IAM and STS endpoints).",
    order: 209,
    phrases: {
      case: {
        unknown: '"{carried}" in the Credential scope is not an AWS region.',
        "other-than-host": "The Credential scope says {carried} but the endpoint {host} expects {expected}.",
        "other-than-given": "The Credential scope says {carried} but the expected region you gave is {expected}.",
        signed: `${REPRODUCED} the signer signed for region {signed}, while the Credential says {carried}.`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.scope-service": {
    severity: "error",
    component: "signature",
    title: "The service in the credential scope is wrong",
    why: "{case} The signing key is derived from the service's signing name, and AWS checks that the scope names the service that received the request.",
    fix: "Sign with the endpoint's signing name: ses (or email) for SES v1 and v2, iam for IAM, sts for STS.",
    order: 210,
    phrases: {
      case: {
        "other-than-host": 'The Credential scope says "{carried}" but the endpoint {host} expects {expected}.',
        "other-than-given": 'The Credential scope says "{carried}" but the expected service you gave is {expected}.',
        signed: `${REPRODUCED} the signer signed for service {signed}, while the Credential says {carried}.`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.scope-terminator": {
    severity: "error",
    component: "signature",
    title: "The credential scope does not end in aws4_request",
    why: "{case} The last step of the signing key chain and the last part of the scope is the literal aws4_request; anything else is refused.",
    fix: "End the scope with the literal terminator aws4_request.",
    order: 211,
    phrases: {
      case: {
        structural: 'The Credential scope ends in "{carried}".',
        signed: `${REPRODUCED} the signer used aws4_request, while the Credential says "{carried}".`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.host-missing": {
    severity: "error",
    component: "signature",
    title: "The host header is not signed or not sent",
    why: "{case} Every SigV4 signature must cover the host header; AWS refuses a request whose host is unsigned or absent.",
    fix: "Send a Host header and include `host` in SignedHeaders (with the port when it is not 80/443).",
    order: 212,
    phrases: {
      case: {
        unsigned: 'SignedHeaders is "{signedHeaders}", without host.',
        "not-sent": "host is signed but the request has no Host header.",
      },
    },
  },
  "sigv4.host-mismatch": {
    severity: "error",
    component: "signature",
    title: "The signed host differs from the host the request goes to",
    why: "{case} AWS rebuilds the canonical request with the host it received; a host signed for another name or port gives a different signature.",
    fix: "Sign the Host exactly as it is sent, including a non-default :port; when going through a proxy or custom endpoint, sign for that endpoint's host.",
    order: 213,
    phrases: {
      case: {
        explicit: 'The Host header says "{carried}" but the request goes to "{expected}".',
        signed: `${REPRODUCED} the signer signed host "{signed}", while the request carries Host "{carried}".`,
        "signed-no-host": `${REPRODUCED} the signer signed host "{signed}", while the request carries no Host header.`,
      },
    },
  },
  "sigv4.signed-headers": {
    severity: "error",
    component: "signature",
    title: "The SignedHeaders list is wrong",
    why: "{case} AWS rebuilds the canonical headers from the SignedHeaders list, so a missing, extra, unsorted or upper-case name changes what is signed.",
    fix: "List, lower-case, sorted and separated by ';', exactly the headers you put in the canonical headers block: at least host and x-amz-date (and x-amz-security-token, x-amz-content-sha256 when sent).",
    order: 214,
    phrases: {
      case: {
        "upper-case": 'SignedHeaders "{signedHeaders}" has upper-case names; they must be lower case.',
        duplicate: 'SignedHeaders "{signedHeaders}" lists a header twice.',
        unsorted: 'SignedHeaders "{signedHeaders}" is not sorted (expected {expected}).',
        "not-sent": 'SignedHeaders "{signedHeaders}" covers {names}, which the request does not send.',
        "signed-sorted": `${REPRODUCED} the signer sorted the headers but SignedHeaders lists them in another order.`,
        "listed-not-signed": `${REPRODUCED} SignedHeaders lists "{names}" but the signer did not sign it.`,
        "signed-not-listed": `${REPRODUCED} the signer signed "{names}" but SignedHeaders does not list it.`,
        "canonical-only": `${REPRODUCED} the signer put "{names}" in the canonical headers but not in the SignedHeaders line or the header sent.`,
      },
    },
  },
  "sigv4.signed-headers-unsigned-amz": {
    severity: "warn",
    component: "signature",
    title: "X-Amz headers are sent but not signed",
    why: "The request sends {names} without listing them in SignedHeaders; AWS expects the x-amz-* headers it reads (date, session token, content hash) to be covered by the signature.",
    fix: "List {names} in SignedHeaders (lower case, sorted) and sign them.",
    order: 214,
  },
  "sigv4.header-values": {
    severity: "error",
    component: "signature",
    title: "Header values were not canonicalised",
    why: `${REPRODUCED} header values were signed without trimming and collapsing whitespace. In the canonical headers AWS trims every value and collapses runs of whitespace; a signer that keeps them signs a different string.`,
    fix: "In the canonical headers, trim each value and collapse runs of whitespace to one space.",
    order: 215,
  },
  "sigv4.query-not-sorted": {
    severity: "error",
    component: "signature",
    title: "Query parameters were not sorted by name when signing",
    why: `${REPRODUCED} the canonical query kept the order of the URL instead of being sorted by name. The canonical query string lists parameters sorted by encoded name; a signer that keeps the order as sent signs a different string than AWS computes.`,
    fix: "Sort the canonical query string by encoded parameter name (byte order: upper case before lower case), then by value.",
    order: 216,
  },
  "sigv4.query-order-unchecked": {
    severity: "info",
    component: "signature",
    title: "The URL's query parameters are not in sorted order",
    why: "The URL lists its query parameters out of name order. That is fine on the wire, but the signer must sort them by name in the canonical query; without the secret the doctor cannot tell whether it did.",
    fix: "Give the secret access key to check the signature, or make sure the signer sorts the canonical query by parameter name.",
    order: 216,
  },
  "sigv4.query-encoding": {
    severity: "error",
    component: "signature",
    title: "Query parameters were percent-encoded the wrong way",
    why: "{case} AWS encodes query names and values by RFC 3986 before signing; + for a space, lower-case hex or unencoded reserved characters give it a different string to sign.",
    fix: "Encode every name and value with RFC 3986 rules: keep only A–Z a–z 0–9 - . _ ~, everything else as %XX with upper-case hex; space is %20 (never +), + is %2B, / is %2F, * is %2A, ~ stays ~.",
    order: 217,
    phrases: {
      case: {
        "plus-space": `${REPRODUCED} a space was encoded as '+' (form encoding) instead of %20.`,
        "keep-star": `${REPRODUCED} '*' (and ! ' ( )) were left unencoded, as JavaScript's encodeURIComponent does; SigV4 wants %2A.`,
        tilde: `${REPRODUCED} '~' was encoded as %7E; SigV4 keeps '~' as is.`,
        "keep-slash": `${REPRODUCED} '/' was left unencoded in a name or value (e.g. in X-Amz-Credential); SigV4 wants %2F.`,
        java: `${REPRODUCED} the query was encoded like Java's URLEncoder: space as '+', '*' unencoded, '~' as %7E.`,
        php: `${REPRODUCED} the query was encoded like PHP's urlencode/http_build_query: space as '+', '~' as %7E.`,
        "lower-hex": `${REPRODUCED} percent escapes used lower-case hex (%2f); SigV4 wants upper case (%2F).`,
        double: `${REPRODUCED} values were percent-encoded twice.`,
        "plus-meant-space": `${REPRODUCED} the URL carries '+' where the signer meant a space: AWS reads '+' as a literal plus (%2B), so send spaces as %20.`,
        "as-written": `${REPRODUCED} the query was signed as written in the URL instead of being decoded and re-encoded the SigV4 way.`,
      },
    },
  },
  "sigv4.query-plus": {
    severity: "warn",
    component: "signature",
    title: "The query contains '+'",
    why: "AWS reads '+' in a query as a literal plus; if a space was meant, the URL must carry %20 (and the signer must have used %20).",
    fix: "Send a space as %20 and a literal plus as %2B, in the URL and in the canonical query alike.",
    order: 217,
  },
  "sigv4.path-encoding": {
    severity: "error",
    component: "signature",
    title: "The path was not canonicalised the SigV4 way",
    why: "{case} For every service but S3 the canonical path is normalised and URI-encoded once more; a path signed as sent differs from the one AWS computes.",
    fix: "For every service but S3, normalise the path (drop empty and . segments) and URI-encode the already-encoded path once more, keeping '/' (so %40 becomes %2540).",
    order: 218,
    phrases: {
      case: {
        once: `${REPRODUCED} the path was encoded once (as S3 does) instead of twice.`,
        "not-normalised": `${REPRODUCED} the path was encoded without first removing empty or '.' segments.`,
        "decoded-once": `${REPRODUCED} the decoded path was encoded once instead of encoding the wire path again.`,
      },
    },
  },
  "sigv4.payload-hash": {
    severity: "error",
    component: "signature",
    title: "The payload hash is wrong",
    why: "{case} The last line of the canonical request is the SHA-256 of the body; a hash of other bytes (or UNSIGNED-PAYLOAD outside S3) signs a different request.",
    fix: "Use the hex SHA-256 of the exact body bytes sent (e3b0c442…b855 for an empty body); non-S3 services do not accept UNSIGNED-PAYLOAD.",
    order: 219,
    phrases: {
      case: {
        mismatch: "x-amz-content-sha256 is {carried} but the body sent hashes to {expected}.",
        "empty-body": `${REPRODUCED} the payload hash is the hash of an empty body, but a body was sent.`,
        unsigned: `${REPRODUCED} the payload was signed as UNSIGNED-PAYLOAD, which only S3 accepts.`,
        "header-value": `${REPRODUCED} the payload hash line used the x-amz-content-sha256 header's value, which is not the hash of the body sent.`,
        "no-final-newline": `${REPRODUCED} the body was hashed without its final newline.`,
        "extra-final-newline": `${REPRODUCED} the body was hashed with an extra final newline.`,
        crlf: `${REPRODUCED} the body was hashed with CRLF line ends but sent with LF.`,
      },
    },
  },
  "sigv4.payload-hash-unsigned": {
    severity: "warn",
    component: "signature",
    title: "x-amz-content-sha256 is UNSIGNED-PAYLOAD",
    why: "Only S3 accepts UNSIGNED-PAYLOAD; every other service checks the signature over the hash of the body sent.",
    fix: "Send the hex SHA-256 of the body in x-amz-content-sha256, or leave the header out outside S3.",
    order: 219,
  },
  "sigv4.presign-expired": {
    severity: "error",
    component: "signature",
    title: "The presigned URL has expired",
    why: "{case} A presigned URL is valid only for X-Amz-Expires seconds after X-Amz-Date; AWS refuses it afterwards.",
    fix: "Presign it again; it is valid for X-Amz-Expires seconds after X-Amz-Date.",
    order: 220,
    phrases: {
      case: {
        structural: "Signed at {amzDate} for {expires} s: it expired at {until}, and it is now {now}.",
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.presign-expires-range": {
    severity: "error",
    component: "signature",
    title: "X-Amz-Expires is missing or out of range",
    why: "{case} A presigned URL must say how long it is valid: a whole number of seconds from 1 to 604800 (7 days).",
    fix: "Set X-Amz-Expires to a whole number of seconds from 1 to 604800 (7 days).",
    order: 221,
    phrases: {
      case: {
        value: "X-Amz-Expires is {expires}.",
        "not-a-number": "X-Amz-Expires is not a number.",
      },
    },
  },
  "sigv4.presign-expires-missing": {
    severity: "warn",
    component: "signature",
    title: "The presigned URL has no X-Amz-Expires",
    why: "A presigned URL says in X-Amz-Expires how many seconds after X-Amz-Date it is valid; without it, AWS applies its own limit or refuses the URL.",
    fix: "Set X-Amz-Expires to a whole number of seconds from 1 to 604800 (7 days).",
    order: 221,
  },
  "sigv4.security-token-missing": {
    severity: "error",
    component: "signature",
    title: "Temporary (ASIA…) credentials without a session token",
    why: "{keyId} is a temporary key, and no X-Amz-Security-Token is sent. AWS accepts a temporary access key only together with the session token issued with it.",
    fix: "Send X-Amz-Security-Token (signed) with temporary credentials, or use a long-term AKIA… key.",
    order: 222,
  },
  "sigv4.wrong-secret": {
    severity: "error",
    component: "signature",
    title: "The signature was made with a different secret",
    why: "{case}",
    fix: "Sign with the secret access key that belongs to this access key id, exactly as AWS showed it (40 characters, no spaces, quotes or newline).",
    order: 223,
    phrases: {
      case: {
        "aws-same-request":
          "AWS checked exactly this request and refused the signature this secret reproduces: the secret you gave is not the one AWS holds for this access key id.",
        "no-variant":
          "The signature matches neither this request signed with the secret you gave nor any of {tried} usual signing mistakes. Most likely it was made with another secret access key (or the request was changed after signing, e.g. by a proxy).",
        newline: `${REPRODUCED} the signer used the secret with a newline at its end.`,
        crlf: `${REPRODUCED} the signer used the secret with a CRLF at its end.`,
        "leading-space": `${REPRODUCED} the signer used the secret with a leading space.`,
        "trailing-space": `${REPRODUCED} the signer used the secret with a trailing space.`,
        quotes: `${REPRODUCED} the signer used the secret with the quotes around it.`,
        "plus-as-space": `${REPRODUCED} the signer used the secret with '+' turned into spaces (URL-decoded somewhere).`,
        "percent-encoded": `${REPRODUCED} the signer used the secret with '/' and '+' percent-encoded.`,
        "cut-off": `${REPRODUCED} the signer used the secret with its last character cut off.`,
      },
    },
  },
  "sigv4.clock-skew": {
    severity: "error",
    component: "signature",
    title: "The request time is too far from AWS's clock",
    why: `${AWS_SAID} AWS refuses a signed request whose X-Amz-Date is more than a few minutes from its own time.`,
    fix: "Sync the clock (NTP) of the machine that signs; AWS accepts requests within a few minutes of its time.",
    order: 224,
  },
  "sigv4.unknown-key": {
    severity: "error",
    component: "signature",
    title: "AWS does not know this access key id",
    why: `${AWS_SAID} The access key id in the credential scope does not exist in AWS's records (deleted, mistyped, or a temporary key without its token).`,
    fix: "Check the access key id (and for ASIA keys the session token); a deleted or mistyped key gives this.",
    order: 225,
  },
  "sigv4.request-changed": {
    severity: "error",
    component: "signature",
    title: "The request AWS saw differs from the one pasted",
    why: "{case}",
    fix: "Something between the signer and AWS (a proxy, a redirect, an HTTP client adding headers) changed the request after signing; sign what is actually sent.",
    order: 226,
    phrases: {
      case: {
        "aws-differs":
          "AWS's canonical request differs from the one rebuilt from the pasted request in: {parts}. The signature fits the request as pasted, so something changed the request between signing and AWS.",
        "signed-right":
          "AWS answered SignatureDoesNotMatch, yet the signature matches this request signed with the secret you gave: AWS received a different request (a header value, the host, the query or the body changed after signing), or AWS holds another secret for this access key id.",
        method: `${REPRODUCED} the request was signed as {signed} but is sent as {carried}.`,
      },
    },
  },
  "sigv4.corrected-request": {
    severity: "info",
    component: "signature",
    title: "The request signed again with every fix applied",
    why: "{validity}",
    fix: "Send it as shown before it expires.",
    order: 227,
    phrases: {
      validity: {
        query: "Presigned again at {amzDate}; valid until {until}.",
        header:
          "Signed again at {amzDate}: AWS accepts it for about 5 minutes (SES) to 15 minutes (IAM, STS); re-sign after that.",
      },
    },
  },
} as const satisfies Record<string, FindingSpec>;
