import type { Severity } from "@/lib/findings/model";
import { bySeverity, SEVERITY_RANK } from "@/lib/findings/severity";
import { isKnownRegion } from "@/lib/regions";
import { formatAmzDate, isAmzDate, parseAmzDate } from "../dates";
import { parseRawQuery } from "../encode";
import { parseAuth } from "../parse-auth";
import { type ChecksumConstructor, signWith } from "../key-chain";
import { buildStringToSign, scopeOf, signaturesEqual } from "../sign";
import type { ParsedAuth } from "../types";
import { type AwsErrorInfo, parseAwsError } from "./aws-error";
import { correctRequest, type CorrectedRequest } from "./correct";
import { awsHostFor, type ExpectedScope, expectedScopeForHost } from "./endpoint";
import type { ParsedRequest } from "./parse-input";
import { RULES, type RuleId } from "./rules";
import { compareCanonical, type Section } from "./util";
import { allVariants, type CanonicalParts, joinParts, truthParts, type Variant } from "./variants";

export interface DoctorFinding {
  rule: RuleId;
  /** the one severity vocabulary of lib/findings/model.ts ("pass" = the signature is right) */
  severity: Severity;
  /** confirmed: the carried signature matches this mistake; structural: visible without the secret; possible: a hint */
  certainty: "confirmed" | "structural" | "possible";
  title: string;
  detail: string;
  fix: string;
}

export interface DoctorOptions {
  /** the secret access key; without it the doctor reports structural problems only */
  secret?: string;
  /** expected scope for custom endpoints (emulator, proxy); AWS host names imply it otherwise */
  region?: string;
  service?: string;
  errorBody?: string;
  now?: Date;
}

export interface DoctorReport {
  verdict: "ok" | "broken" | "unverified" | "unreadable";
  findings: DoctorFinding[];
  request?: { source: ParsedRequest["source"]; method: string; host?: string; path: string; query: string };
  auth?: {
    form: ParsedAuth["form"];
    accessKeyId: string;
    scope: string;
    region: string;
    service: string;
    scopeDate: string;
    signedHeaders: string[];
    amzDate?: string;
    expires?: number;
    securityToken: boolean;
  };
  expected?: ExpectedScope;
  /** what Sesame computes from the request as carried (the server's view) */
  computed?: { canonicalRequest: string; stringToSign: string; payloadHash: string; signature?: string };
  /** what the request carries */
  carried?: { signature: string; signedHeaders: string; amzDate?: string; contentSha256?: string };
  /** what the client signed, when one of the known mistakes reproduces its signature */
  client?: { detail: string; canonicalRequest: string; stringToSign: string; sections: Section[] };
  aws?: AwsErrorInfo & { sections?: Section[] };
  corrected?: CorrectedRequest;
  variantsTried: number;
}

const finding = (
  rule: RuleId,
  severity: DoctorFinding["severity"],
  certainty: DoctorFinding["certainty"],
  detail: string,
): DoctorFinding => ({ rule, severity, certainty, title: RULES[rule].title, detail, fix: RULES[rule].fix });

const MAX_EXPIRES = 604_800;

/** Problems visible without the secret (aws.md §2.5–2.8); `bodyHash` is the hex SHA-256 of the body sent. */
function structuralChecks(
  p: ParsedRequest,
  auth: ParsedAuth,
  expected: ExpectedScope | undefined,
  now: Date,
  bodyHash: string,
): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const req = p.raw;
  const signed = auth.signedHeaders;
  const hostSent = req.headers.host;
  if (!signed.includes("host")) {
    out.push(finding("host-missing", "error", "structural", `SignedHeaders is "${signed.join(";")}", without host.`));
  } else if (hostSent === undefined || hostSent === "") {
    out.push(finding("host-missing", "error", "structural", "host is signed but the request has no Host header."));
  }
  if (p.explicitHost !== undefined && p.urlHost !== undefined && p.explicitHost.toLowerCase() !== p.urlHost) {
    out.push(
      finding(
        "host-mismatch",
        "error",
        "structural",
        `The Host header says "${p.explicitHost}" but the request goes to "${p.urlHost}".`,
      ),
    );
  }
  const sorted = [...signed].sort();
  const problems: string[] = [];
  if (signed.some((h) => h !== h.toLowerCase())) problems.push("names must be lower case");
  if (new Set(signed).size !== signed.length) problems.push("a header is listed twice");
  if (signed.join(";") !== sorted.join(";")) problems.push(`they are not sorted (expected ${sorted.join(";")})`);
  const absent = signed.filter((h) => h !== "host" && req.headers[h] === undefined);
  if (absent.length) problems.push(`${absent.join(", ")} ${absent.length > 1 ? "are" : "is"} signed but not sent`);
  if (problems.length)
    out.push(
      finding("signed-headers", "error", "structural", `SignedHeaders "${signed.join(";")}": ${problems.join("; ")}.`),
    );
  const unsignedAmz = Object.keys(req.headers).filter(
    (h) => (h === "x-amz-date" || h === "x-amz-security-token" || h === "x-amz-content-sha256") && !signed.includes(h),
  );
  if (unsignedAmz.length) {
    out.push(
      finding(
        "signed-headers",
        "warn",
        "structural",
        `${unsignedAmz.join(", ")} ${unsignedAmz.length > 1 ? "are" : "is"} sent but not signed.`,
      ),
    );
  }
  if (!auth.amzDate || !isAmzDate(auth.amzDate) || !parseAmzDate(auth.amzDate)) {
    out.push(finding("amz-date-format", "error", "structural", `The request time is "${auth.amzDate ?? "(none)"}".`));
  } else if (auth.scopeDate !== auth.amzDate.slice(0, 8)) {
    out.push(
      finding(
        "scope-date-mismatch",
        "error",
        "structural",
        `The Credential scope says ${auth.scopeDate} but X-Amz-Date is ${auth.amzDate} (date ${auth.amzDate.slice(0, 8)}).`,
      ),
    );
  }
  if (!isKnownRegion(auth.region)) {
    out.push(
      finding("scope-region", "error", "structural", `"${auth.region}" in the Credential scope is not an AWS region.`),
    );
  } else if (expected?.region && auth.region !== expected.region) {
    out.push(
      finding(
        "scope-region",
        "error",
        "structural",
        `The Credential scope says ${auth.region} but ${expected.source} expects ${expected.region}.`,
      ),
    );
  }
  if (expected?.services && !expected.services.includes(auth.service)) {
    out.push(
      finding(
        "scope-service",
        "error",
        "structural",
        `The Credential scope says "${auth.service}" but ${expected.source} expects ${expected.services.map((s) => `"${s}"`).join(" or ")}.`,
      ),
    );
  }
  if (auth.terminator !== "aws4_request") {
    out.push(finding("scope-terminator", "error", "structural", `The Credential scope ends in "${auth.terminator}".`));
  }
  if (auth.form === "query") {
    const e = auth.expires;
    if (e === undefined) {
      out.push(finding("presign-expires-range", "warn", "structural", "The presigned URL has no X-Amz-Expires."));
    } else if (!Number.isInteger(e) || e < 1 || e > MAX_EXPIRES) {
      out.push(
        finding(
          "presign-expires-range",
          "error",
          "structural",
          `X-Amz-Expires is ${Number.isNaN(e) ? "not a number" : e}; it must be 1–${MAX_EXPIRES}.`,
        ),
      );
    }
    const signedAt = auth.amzDate ? parseAmzDate(auth.amzDate) : undefined;
    if (signedAt && e !== undefined && Number.isFinite(e)) {
      const until = new Date(signedAt.getTime() + e * 1000);
      if (until.getTime() < now.getTime()) {
        out.push(
          finding(
            "presign-expired",
            "error",
            "structural",
            `Signed at ${auth.amzDate} for ${e} s: expired at ${formatAmzDate(until)}, it is now ${formatAmzDate(now)}.`,
          ),
        );
      }
    }
  }
  const contentSha = req.headers["x-amz-content-sha256"];
  if (typeof contentSha === "string") {
    const actual = bodyHash;
    if (contentSha === "UNSIGNED-PAYLOAD") {
      out.push(
        finding(
          "payload-hash",
          "warn",
          "structural",
          "x-amz-content-sha256 is UNSIGNED-PAYLOAD, which only S3 accepts.",
        ),
      );
    } else if (contentSha !== actual) {
      out.push(
        finding(
          "payload-hash",
          "error",
          "structural",
          `x-amz-content-sha256 is ${contentSha} but the body sent hashes to ${actual}.`,
        ),
      );
    }
  }
  if (auth.accessKeyId.startsWith("ASIA") && !auth.securityToken) {
    out.push(
      finding(
        "security-token-missing",
        "error",
        "structural",
        `${auth.accessKeyId} is a temporary key, and no X-Amz-Security-Token is sent.`,
      ),
    );
  }
  if (req.rawQuery.split("&").some((p) => p.includes("+") && !p.startsWith("X-Amz-Signature="))) {
    out.push(
      finding(
        "query-encoding",
        "warn",
        "possible",
        "The query contains '+'. AWS reads it as a literal plus; if a space was meant, the URL must carry %20 (and the signer must have used %20).",
      ),
    );
  }
  return out;
}

/** Codes and messages of AWS's error body mapped to rules (aws.md §1.2). */
function awsErrorFindings(info: AwsErrorInfo): DoctorFinding[] {
  const msg = info.message ?? "";
  const out: DoctorFinding[] = [];
  const said = `AWS said: ${info.code ?? "error"}${msg ? `: ${msg}` : ""}`;
  if (/^Signature (expired|not yet current)/.test(msg)) out.push(finding("clock-skew", "error", "confirmed", said));
  else if (/scoped to a valid region/.test(msg)) out.push(finding("scope-region", "error", "confirmed", said));
  else if (/scoped to correct service/.test(msg)) out.push(finding("scope-service", "error", "confirmed", said));
  else if (/valid terminator/.test(msg)) out.push(finding("scope-terminator", "error", "confirmed", said));
  else if (/Date in Credential scope does not match/.test(msg))
    out.push(finding("scope-date-mismatch", "error", "confirmed", said));
  else if (info.code === "InvalidClientTokenId" || info.code === "UnrecognizedClientException") {
    out.push(finding("unknown-key", "error", "confirmed", said));
  } else if (info.code === "MissingAuthenticationToken" || info.code === "MissingAuthenticationTokenException") {
    out.push(finding("no-auth", "error", "confirmed", said));
  } else if (info.code === "IncompleteSignature") out.push(finding("auth-malformed", "error", "confirmed", said));
  else if (/expired/i.test(msg) && /X-Amz-Expires|Request has expired/i.test(msg))
    out.push(finding("presign-expired", "error", "confirmed", said));
  return out;
}

const CERTAINTY_RANK = { confirmed: 0, structural: 1, possible: 2 } as const;

/** One finding per rule: the strongest severity and certainty, the details of all joined. */
function mergeByRule(findings: DoctorFinding[]): DoctorFinding[] {
  const byRule = new Map<RuleId, DoctorFinding>();
  for (const f of findings) {
    const prev = byRule.get(f.rule);
    if (!prev) {
      byRule.set(f.rule, { ...f });
      continue;
    }
    if (!prev.detail.includes(f.detail)) prev.detail = `${prev.detail} ${f.detail}`;
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[prev.severity]) prev.severity = f.severity;
    if (CERTAINTY_RANK[f.certainty] < CERTAINTY_RANK[prev.certainty]) prev.certainty = f.certainty;
  }
  return [...byRule.values()].sort(bySeverity);
}

/**
 * Explain a signed request: rebuild the canonical request from what it carries (the same canonicalisation the
 * emulator's verifier uses), check the rules visible without the secret, and with the secret find which known
 * client mistake reproduces the carried signature. The secret never appears in the report. Every hash and HMAC
 * goes through the injected hash (../key-chain.ts): node:crypto's on the server and in the CLI, Web Crypto's in
 * the page, so the secret never has to leave the browser.
 */
export async function diagnoseRequest(
  Sha256: ChecksumConstructor,
  p: ParsedRequest | undefined,
  opts: DoctorOptions = {},
): Promise<DoctorReport> {
  const now = opts.now ?? new Date();
  const secret = opts.secret?.trim() || undefined;
  const awsInfo = opts.errorBody ? parseAwsError(opts.errorBody) : undefined;
  const findings: DoctorFinding[] = [];
  const report: DoctorReport = { verdict: "unreadable", findings, variantsTried: 0 };
  if (awsInfo) {
    report.aws = { ...awsInfo };
    findings.push(...awsErrorFindings(awsInfo));
  }
  if (!p) {
    report.verdict = findings.some((f) => f.severity === "error") ? "broken" : "unreadable";
    return report;
  }
  const req = p.raw;
  report.request = {
    source: p.source,
    method: req.method,
    host: (req.headers.host as string | undefined) ?? p.urlHost,
    path: req.rawPath,
    query: req.rawQuery,
  };
  if (p.curlSigns) {
    findings.push(
      finding(
        "curl-signs",
        "info",
        "structural",
        "The command uses --aws-sigv4; curl computes the signature when it runs.",
      ),
    );
    report.verdict = "unreadable";
    return report;
  }
  const parsed = parseAuth(req);
  if (!parsed.ok) {
    findings.push(
      parsed.code === "MissingAuthenticationToken"
        ? finding("no-auth", "error", "structural", "Neither an Authorization header nor X-Amz-Signature in the query.")
        : finding("auth-malformed", "error", "structural", parsed.message),
    );
    report.verdict = "broken";
    return report;
  }
  const auth = parsed.auth;
  const hostExpectation = expectedScopeForHost((req.headers.host as string | undefined) ?? p.urlHost);
  const expected: ExpectedScope | undefined =
    opts.region || opts.service
      ? {
          region: opts.region ?? hostExpectation?.region,
          services: opts.service ? [opts.service] : hostExpectation?.services,
          source: "the region/service you gave",
        }
      : hostExpectation;
  report.expected = expected;
  report.auth = {
    form: auth.form,
    accessKeyId: auth.accessKeyId,
    scope: scopeOf(auth),
    region: auth.region,
    service: auth.service,
    scopeDate: auth.scopeDate,
    signedHeaders: auth.signedHeaders,
    amzDate: auth.amzDate,
    expires: auth.expires,
    securityToken: auth.securityToken !== undefined,
  };
  const contentSha = req.headers["x-amz-content-sha256"];
  report.carried = {
    signature: auth.signature,
    signedHeaders: auth.signedHeaders.join(";"),
    amzDate: auth.amzDate,
    contentSha256: typeof contentSha === "string" ? contentSha : undefined,
  };
  const truth = await truthParts(Sha256, req, auth);
  const canonicalRequest = joinParts(truth);
  const stringToSign = await buildStringToSign(Sha256, auth.amzDate ?? "", scopeOf(auth), canonicalRequest);
  report.computed = { canonicalRequest, stringToSign, payloadHash: truth.payload };
  findings.push(...structuralChecks(p, auth, expected, now, truth.payload));

  // AWS's error shows the canonical request it checked: when it differs from the pasted one, something changed the
  // request after signing (a header value, the host, the body) — that is the cause, not the secret.
  let changedAfterSigning = false;
  if (awsInfo?.canonicalRequest !== undefined) {
    report.aws!.sections = compareCanonical(canonicalRequest, awsInfo.canonicalRequest);
    if (awsInfo.canonicalRequest.replace(/\r\n/g, "\n") !== canonicalRequest) {
      changedAfterSigning = true;
      findings.push(
        finding(
          "request-changed",
          "error",
          "structural",
          `AWS's canonical request differs from the one rebuilt from the pasted request in: ${report
            .aws!.sections.filter((s) => !s.same)
            .map((s) => s.name)
            .join(", ")}.`,
        ),
      );
    }
  }

  if (!secret) {
    if (auth.form === "query" || req.rawQuery === "") {
      // nothing more to hint
    } else {
      const names = parseRawQuery(req.rawQuery).map(([n]) => n);
      if (names.join("\n") !== [...names].sort().join("\n")) {
        findings.push(
          finding(
            "query-not-sorted",
            "info",
            "possible",
            "The URL's query parameters are not sorted by name; that is fine on the wire, but the signer must sort them in the canonical query. Give the secret to check.",
          ),
        );
      }
    }
  } else {
    const scope = { date: auth.scopeDate, region: auth.region, service: auth.service, terminator: auth.terminator };
    const signature = await signWith(Sha256, secret, scope, stringToSign);
    report.computed.signature = signature;
    if (signaturesEqual(signature, auth.signature.toLowerCase())) {
      if (/^(SignatureDoesNotMatch|InvalidSignatureException)$/.test(awsInfo?.code ?? "") && !changedAfterSigning) {
        // Signed right, yet refused. AWS's canonical request (when its error shows one) tells which: the same
        // request means AWS holds another secret; none shown leaves a changed request as the likely cause.
        findings.push(
          awsInfo?.canonicalRequest !== undefined
            ? finding(
                "wrong-secret",
                "error",
                "structural",
                "AWS checked exactly this request and refused the signature this secret reproduces: the secret you gave is not the one AWS holds for this access key id.",
              )
            : finding(
                "request-changed",
                "error",
                "possible",
                "AWS answered SignatureDoesNotMatch, yet the signature matches this request signed with the secret you gave: AWS received a different request (a header value, the host, the query or the body changed after signing), or AWS holds another secret for this access key id.",
              ),
        );
      }
      if (auth.signature !== auth.signature.toLowerCase()) {
        findings.push(
          finding(
            "auth-malformed",
            "warn",
            "structural",
            "The signature is in upper-case hex; AWS compares lower-case hex.",
          ),
        );
      }
    } else {
      const hostCandidates = [
        p.urlHost,
        p.urlHost?.replace(/:\d+$/, ""),
        p.urlHost && !/:\d+$/.test(p.urlHost) ? `${p.urlHost}:443` : undefined,
        awsHostFor(auth.service, auth.region),
      ]
        .filter((h): h is string => !!h)
        .filter((h, i, all) => all.indexOf(h) === i);
      const variants = await allVariants(Sha256, req, auth, { secret, hostCandidates });
      const tried = new Set<string>([`${canonicalRequest}|${scopeOf(auth)}|${secret}`]);
      const matches: Array<{ v: Variant; canonical: string; sts: string }> = [];
      for (const v of variants) {
        const parts: CanonicalParts = { ...truth, ...v.parts };
        const canonical = joinParts(parts);
        const s = v.scope ?? scope;
        const scopeText = `${s.date}/${s.region}/${s.service}/${s.terminator}`;
        const key = `${canonical}|${scopeText}|${v.secret ?? secret}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const sts = await buildStringToSign(Sha256, auth.amzDate ?? "", scopeText, canonical);
        if (signaturesEqual(await signWith(Sha256, v.secret ?? secret, s, sts), auth.signature.toLowerCase())) {
          matches.push({ v, canonical, sts });
          break;
        }
      }
      report.variantsTried = tried.size - 1;
      const match = matches[0];
      if (match) {
        for (const rule of match.v.rules)
          findings.push(
            finding(rule, "error", "confirmed", `The carried signature is reproduced when ${match.v.detail}.`),
          );
        report.client = {
          detail: match.v.detail,
          canonicalRequest: match.canonical,
          stringToSign: match.sts,
          sections: compareCanonical(canonicalRequest, match.canonical),
        };
      } else if (changedAfterSigning) {
        // the request-changed finding names the cause; a different secret would be a guess on top of it
      } else if (auth.signedHeaders.some((h) => h !== "host" && req.headers[h.toLowerCase()] === undefined)) {
        // A signed header that is not in the request had a value nobody here knows: no secret could reproduce the
        // signature, so blaming the secret would be a guess. The signed-headers finding already names the cause.
        findings.push(
          finding(
            "unverified",
            "info",
            "structural",
            "The signature cannot be checked: a header it covers is missing from the request, so the value it was signed with is unknown. Send the request with every signed header (or sign only what is sent) and check again.",
          ),
        );
      } else {
        findings.push(
          finding(
            "wrong-secret",
            "error",
            "possible",
            `The signature matches neither this request signed with the secret you gave nor any of ${report.variantsTried} usual signing mistakes. Most likely it was made with another secret access key (or the request was changed after signing, e.g. by a proxy).`,
          ),
        );
      }
    }
  }
  const final = mergeByRule(findings);
  findings.splice(0, findings.length, ...final);
  const broken = findings.some((f) => f.severity === "error");
  if (secret) {
    report.corrected = (await correctRequest(Sha256, p, auth, { secret, expected, now })) ?? undefined;
    if (!broken) {
      findings.unshift(
        finding(
          "ok",
          "pass",
          "confirmed",
          "The signature matches the request as carried, signed with the secret you gave.",
        ),
      );
      report.corrected = undefined;
    }
    report.verdict = broken ? "broken" : "ok";
  } else {
    if (!broken)
      findings.push(finding("unverified", "info", "structural", "Scope, dates, signed headers and host look right."));
    report.verdict = broken ? "broken" : "unverified";
  }
  return report;
}
