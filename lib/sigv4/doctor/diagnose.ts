import { SIGV4_FINDINGS } from "@/lib/findings/catalogue/sigv4";
import type { Evidence, Severity } from "@/lib/findings/model";
import { materializeRawIn, specIn } from "@/lib/findings/section";
import { bySeverity } from "@/lib/findings/severity";
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
import {
  type Certainty,
  type DoctorCode,
  type Observation,
  type RuleId,
  ruleOf,
  type Sigv4Evidence,
  seen,
} from "./rules";
import { compareCanonical, type Section } from "./util";
import { allVariants, type CanonicalParts, joinParts, truthParts, type Variant } from "./variants";

export interface DoctorFinding {
  /** the rule broken (or "ok"): the catalogue code without `sigv4.` */
  rule: RuleId;
  /** the catalogue code, e.g. "sigv4.scope-region" (docs/doctor.md) */
  code: DoctorCode;
  /** the code's severity in the one vocabulary of lib/findings/model.ts ("pass" only for sigv4.ok) */
  severity: Severity;
  certainty: Certainty;
  title: string;
  /** what was seen in this request and why it matters: the catalogue's sentence filled from `evidence` */
  detail: string;
  fix: string;
  /** what the doctor saw (data, never a sentence; never the secret) */
  evidence: Evidence;
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
  /** what the client signed, when one of the known mistakes reproduces its signature (the rules it breaks) */
  client?: { rules: RuleId[]; canonicalRequest: string; stringToSign: string; sections: Section[] };
  aws?: AwsErrorInfo & { sections?: Section[] };
  corrected?: CorrectedRequest;
  variantsTried: number;
}

const MAX_EXPIRES = 604_800;

/** Evidence an observation does not have: AWS's answer, the endpoint's expectation, the signer's value. */
const NOT_AWS = { awsCode: null, awsMessage: null } as const;

/** Problems visible without the secret (aws.md §2.5–2.8); `bodyHash` is the hex SHA-256 of the body sent. */
function structuralChecks(
  p: ParsedRequest,
  auth: ParsedAuth,
  expected: ExpectedScope | undefined,
  now: Date,
  bodyHash: string,
): Observation[] {
  const out: Observation[] = [];
  const req = p.raw;
  const signed = auth.signedHeaders;
  const signedText = signed.join(";");
  const hostSent = req.headers.host;
  if (!signed.includes("host")) {
    out.push(seen("sigv4.host-missing", "structural", { case: "unsigned", signedHeaders: signedText }));
  } else if (hostSent === undefined || hostSent === "") {
    out.push(seen("sigv4.host-missing", "structural", { case: "not-sent", signedHeaders: signedText }));
  }
  if (p.explicitHost !== undefined && p.urlHost !== undefined && p.explicitHost.toLowerCase() !== p.urlHost) {
    out.push(
      seen("sigv4.host-mismatch", "structural", {
        case: "explicit",
        carried: p.explicitHost,
        expected: p.urlHost,
        signed: null,
      }),
    );
  }
  const sorted = [...signed].sort();
  const headerList = (
    how: Sigv4Evidence<"sigv4.signed-headers">["case"],
    extra: { expected?: string; names?: string },
  ) =>
    seen("sigv4.signed-headers", "structural", {
      case: how,
      signedHeaders: signedText,
      expected: extra.expected ?? null,
      names: extra.names ?? null,
    });
  if (signed.some((h) => h !== h.toLowerCase())) out.push(headerList("upper-case", {}));
  if (new Set(signed).size !== signed.length) out.push(headerList("duplicate", {}));
  if (signedText !== sorted.join(";")) out.push(headerList("unsorted", { expected: sorted.join(";") }));
  const absent = signed.filter((h) => h !== "host" && req.headers[h] === undefined);
  if (absent.length) out.push(headerList("not-sent", { names: absent.join(", ") }));
  const unsignedAmz = Object.keys(req.headers).filter(
    (h) => (h === "x-amz-date" || h === "x-amz-security-token" || h === "x-amz-content-sha256") && !signed.includes(h),
  );
  if (unsignedAmz.length) {
    out.push(seen("sigv4.signed-headers-unsigned-amz", "structural", { names: unsignedAmz.join(", ") }));
  }
  if (!auth.amzDate || !isAmzDate(auth.amzDate) || !parseAmzDate(auth.amzDate)) {
    out.push(
      seen("sigv4.amz-date-format", "structural", {
        case: auth.amzDate ? "malformed" : "missing",
        amzDate: auth.amzDate ?? null,
      }),
    );
  } else if (auth.scopeDate !== auth.amzDate.slice(0, 8)) {
    out.push(
      seen("sigv4.scope-date-mismatch", "structural", {
        case: "structural",
        carried: auth.scopeDate,
        amzDate: auth.amzDate,
        expected: auth.amzDate.slice(0, 8),
        signed: null,
        ...NOT_AWS,
      }),
    );
  }
  const expectedBy = expected?.by === "given" ? "other-than-given" : "other-than-host";
  if (!isKnownRegion(auth.region)) {
    out.push(
      seen("sigv4.scope-region", "structural", {
        case: "unknown",
        carried: auth.region,
        host: null,
        expected: null,
        signed: null,
        ...NOT_AWS,
      }),
    );
  } else if (expected?.region && auth.region !== expected.region) {
    out.push(
      seen("sigv4.scope-region", "structural", {
        case: expectedBy,
        carried: auth.region,
        host: expected.host ?? null,
        expected: expected.region,
        signed: null,
        ...NOT_AWS,
      }),
    );
  }
  if (expected?.services && !expected.services.includes(auth.service)) {
    out.push(
      seen("sigv4.scope-service", "structural", {
        case: expectedBy,
        carried: auth.service,
        host: expected.host ?? null,
        expected: expected.services.join(" or "),
        signed: null,
        ...NOT_AWS,
      }),
    );
  }
  if (auth.terminator !== "aws4_request") {
    out.push(
      seen("sigv4.scope-terminator", "structural", { case: "structural", carried: auth.terminator, ...NOT_AWS }),
    );
  }
  if (auth.form === "query") {
    const e = auth.expires;
    if (e === undefined) {
      out.push(seen("sigv4.presign-expires-missing", "structural", {}));
    } else if (!Number.isInteger(e) || e < 1 || e > MAX_EXPIRES) {
      out.push(
        seen("sigv4.presign-expires-range", "structural", {
          case: Number.isNaN(e) ? "not-a-number" : "value",
          expires: Number.isNaN(e) ? null : e,
        }),
      );
    }
    const signedAt = auth.amzDate ? parseAmzDate(auth.amzDate) : undefined;
    if (signedAt && e !== undefined && Number.isFinite(e)) {
      const until = new Date(signedAt.getTime() + e * 1000);
      if (until.getTime() < now.getTime()) {
        out.push(
          seen("sigv4.presign-expired", "structural", {
            case: "structural",
            amzDate: auth.amzDate ?? null,
            expires: e,
            until: formatAmzDate(until),
            now: formatAmzDate(now),
            ...NOT_AWS,
          }),
        );
      }
    }
  }
  const contentSha = req.headers["x-amz-content-sha256"];
  if (typeof contentSha === "string") {
    if (contentSha === "UNSIGNED-PAYLOAD") {
      out.push(seen("sigv4.payload-hash-unsigned", "structural", {}));
    } else if (contentSha !== bodyHash) {
      out.push(seen("sigv4.payload-hash", "structural", { case: "mismatch", carried: contentSha, expected: bodyHash }));
    }
  }
  if (auth.accessKeyId.startsWith("ASIA") && !auth.securityToken) {
    out.push(seen("sigv4.security-token-missing", "structural", { keyId: auth.accessKeyId }));
  }
  if (req.rawQuery.split("&").some((p) => p.includes("+") && !p.startsWith("X-Amz-Signature="))) {
    out.push(seen("sigv4.query-plus", "possible", {}));
  }
  return out;
}

/** Codes and messages of AWS's error body mapped to rules (aws.md §1.2). */
function awsErrorFindings(info: AwsErrorInfo): Observation[] {
  const msg = info.message ?? "";
  const said = { awsCode: info.code ?? "", awsMessage: msg.trim() };
  const aws = { case: "aws", ...said } as const;
  const scope = { ...aws, carried: null, signed: null } as const;
  if (/^Signature (expired|not yet current)/.test(msg)) return [seen("sigv4.clock-skew", "confirmed", said)];
  if (/scoped to a valid region/.test(msg))
    return [seen("sigv4.scope-region", "confirmed", { ...scope, host: null, expected: null })];
  if (/scoped to correct service/.test(msg))
    return [seen("sigv4.scope-service", "confirmed", { ...scope, host: null, expected: null })];
  if (/valid terminator/.test(msg)) return [seen("sigv4.scope-terminator", "confirmed", { ...aws, carried: null })];
  if (/Date in Credential scope does not match/.test(msg))
    return [seen("sigv4.scope-date-mismatch", "confirmed", { ...scope, amzDate: null, expected: null })];
  if (info.code === "InvalidClientTokenId" || info.code === "UnrecognizedClientException")
    return [seen("sigv4.unknown-key", "confirmed", said)];
  if (info.code === "MissingAuthenticationToken" || info.code === "MissingAuthenticationTokenException")
    return [seen("sigv4.no-auth", "confirmed", aws)];
  if (info.code === "IncompleteSignature") return [seen("sigv4.auth-malformed", "confirmed", aws)];
  if (/expired/i.test(msg) && /X-Amz-Expires|Request has expired/i.test(msg))
    return [
      seen("sigv4.presign-expired", "confirmed", { ...aws, amzDate: null, expires: null, until: null, now: null }),
    ];
  return [];
}

const CERTAINTY_RANK: Record<Certainty, number> = { confirmed: 0, structural: 1, possible: 2 };

/** The finding as people read it: the catalogue's wording filled from the evidence. Nulls are left out of it. */
export function toDoctorFinding(o: Observation): DoctorFinding {
  const f = materializeRawIn(SIGV4_FINDINGS, o);
  return {
    rule: ruleOf(o.code),
    code: o.code,
    severity: f.severity,
    certainty: o.certainty,
    title: f.title,
    detail: f.detail,
    fix: f.fix,
    evidence: Object.fromEntries(Object.entries(o.evidence).filter(([, v]) => v !== null)) as Evidence,
  };
}

/**
 * One finding per rule, the most certain observation of it (the first of equals); ordered by the one severity rank
 * (lib/findings/severity.ts), then by the catalogue's order.
 */
export function rankFindings(observations: Observation[]): DoctorFinding[] {
  const byRule = new Map<DoctorCode, Observation>();
  for (const o of observations) {
    const prev = byRule.get(o.code);
    if (!prev || CERTAINTY_RANK[o.certainty] < CERTAINTY_RANK[prev.certainty]) byRule.set(o.code, o);
  }
  const orderOf = (f: DoctorFinding) => specIn(SIGV4_FINDINGS, f.code)?.order ?? 1000;
  return [...byRule.values()].map(toDoctorFinding).sort((a, b) => bySeverity(a, b) || orderOf(a) - orderOf(b));
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
  const observations: Observation[] = [];
  const report: DoctorReport = { verdict: "unreadable", findings: [], variantsTried: 0 };
  const finish = (verdict: DoctorReport["verdict"] | ((broken: boolean) => DoctorReport["verdict"])) => {
    report.findings = rankFindings(observations);
    const broken = report.findings.some((f) => f.severity === "error");
    report.verdict = typeof verdict === "function" ? verdict(broken) : verdict;
    return broken;
  };
  if (awsInfo) {
    report.aws = { ...awsInfo };
    observations.push(...awsErrorFindings(awsInfo));
  }
  if (!p) {
    finish((broken) => (broken ? "broken" : "unreadable"));
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
    observations.push(seen("sigv4.curl-signs", "structural", {}));
    finish("unreadable");
    return report;
  }
  const parsed = parseAuth(req);
  if (!parsed.ok) {
    observations.push(
      parsed.code === "MissingAuthenticationToken"
        ? seen("sigv4.no-auth", "structural", { case: "none", ...NOT_AWS })
        : seen("sigv4.auth-malformed", "structural", {
            case: "parse",
            awsCode: parsed.code,
            awsMessage: parsed.message.trim(),
          }),
    );
    finish("broken");
    return report;
  }
  const auth = parsed.auth;
  const hostExpectation = expectedScopeForHost((req.headers.host as string | undefined) ?? p.urlHost);
  const expected: ExpectedScope | undefined =
    opts.region || opts.service
      ? {
          region: opts.region ?? hostExpectation?.region,
          services: opts.service ? [opts.service] : hostExpectation?.services,
          by: "given",
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
  observations.push(...structuralChecks(p, auth, expected, now, truth.payload));

  // AWS's error shows the canonical request it checked: when it differs from the pasted one, something changed the
  // request after signing (a header value, the host, the body) — that is the cause, not the secret.
  let changedAfterSigning = false;
  if (awsInfo?.canonicalRequest !== undefined) {
    report.aws!.sections = compareCanonical(canonicalRequest, awsInfo.canonicalRequest);
    if (awsInfo.canonicalRequest.replace(/\r\n/g, "\n") !== canonicalRequest) {
      changedAfterSigning = true;
      observations.push(
        seen("sigv4.request-changed", "structural", {
          case: "aws-differs",
          parts: report
            .aws!.sections.filter((s) => !s.same)
            .map((s) => s.name)
            .join(", "),
          signed: null,
          carried: null,
          tried: null,
        }),
      );
    }
  }

  if (!secret) {
    if (auth.form === "header" && req.rawQuery !== "") {
      const names = parseRawQuery(req.rawQuery).map(([n]) => n);
      if (names.join("\n") !== [...names].sort().join("\n")) {
        observations.push(seen("sigv4.query-order-unchecked", "possible", {}));
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
        observations.push(
          awsInfo?.canonicalRequest !== undefined
            ? seen("sigv4.wrong-secret", "structural", { case: "aws-same-request", tried: null })
            : seen("sigv4.request-changed", "possible", {
                case: "signed-right",
                parts: null,
                signed: null,
                carried: null,
                tried: null,
              }),
        );
      }
      if (auth.signature !== auth.signature.toLowerCase()) {
        observations.push(seen("sigv4.signature-upper-case", "structural", {}));
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
        for (const m of match.v.seen) observations.push({ ...m, certainty: "confirmed" });
        report.client = {
          rules: match.v.seen.map((m) => ruleOf(m.code)),
          canonicalRequest: match.canonical,
          stringToSign: match.sts,
          sections: compareCanonical(canonicalRequest, match.canonical),
        };
      } else if (changedAfterSigning) {
        // the request-changed finding names the cause; a different secret would be a guess on top of it
      } else if (auth.signedHeaders.some((h) => h !== "host" && req.headers[h.toLowerCase()] === undefined)) {
        // A signed header that is not in the request had a value nobody here knows: no secret could reproduce the
        // signature, so blaming the secret would be a guess. The signed-headers finding already names the cause.
        const missing = auth.signedHeaders.filter((h) => h !== "host" && req.headers[h.toLowerCase()] === undefined);
        observations.push(seen("sigv4.unverifiable", "structural", { headers: missing.join(", ") }));
      } else {
        observations.push(seen("sigv4.wrong-secret", "possible", { case: "no-variant", tried: report.variantsTried }));
      }
    }
  }
  const broken = finish((b) => (b ? "broken" : secret ? "ok" : "unverified"));
  if (secret) {
    report.corrected = broken
      ? ((await correctRequest(Sha256, p, auth, { secret, expected, now })) ?? undefined)
      : undefined;
    if (!broken) observations.push(seen("sigv4.ok", "confirmed", {}));
  } else if (!broken) {
    observations.push(seen("sigv4.unverified", "structural", {}));
  }
  if (!broken) report.findings = rankFindings(observations);
  return report;
}
