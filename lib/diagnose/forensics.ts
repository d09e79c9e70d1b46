import { smtpPasswordVersion } from "@/lib/env/lint";
import {
  ALL_AWS_REGIONS,
  hasSes,
  hasSmtp,
  isKnownRegion,
  SES_REGIONS,
  SMTP_UNCONFIRMED_REGIONS,
} from "@/lib/aws/regions";
import type { RawFinding } from "./findings";
import { maskKeyId } from "./mask";
import type { DiagnoseInput } from "./schema";
import { targetInfo } from "./target-info";
import type { Credentials } from "./types";

/**
 * Input forensics: everything that can be said about pasted credentials and the region before any call.
 * Pure, so the wizard can run it on every keystroke and unit tests need no network.
 */

const KEY_ID_RE = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SECRET_RE = /^[A-Za-z0-9+/]{40}$/;
const QUOTES = ['"', "'", "`", "“", "”", "‘", "’"];

interface Cleaned {
  value: string;
  whitespace?: string;
  quote?: string;
}

function describeWhitespace(raw: string): string | undefined {
  const parts: string[] = [];
  const lead = raw.match(/^\s+/)?.[0];
  const trail = raw.match(/\s+$/)?.[0];
  const inner = raw.trim();
  const kind = (s: string) => (/[\r\n]/.test(s) ? "line break" : /\t/.test(s) ? "tab" : "space");
  if (lead) parts.push(`a leading ${kind(lead)}`);
  if (trail) parts.push(`a trailing ${kind(trail)}`);
  if (/\s/.test(inner)) parts.push(`a ${kind(inner.match(/\s+/)?.[0] ?? " ")} inside`);
  return parts.length ? parts.join(" and ") : undefined;
}

/** Strips what a paste drags along: whitespace (anywhere) and wrapping quotes, reporting each. */
export function cleanValue(raw: string): Cleaned {
  const whitespace = describeWhitespace(raw);
  let value = raw.replace(/\s+/g, "");
  let quote: string | undefined;
  while (value.length >= 1 && (QUOTES.includes(value[0]) || QUOTES.includes(value[value.length - 1]))) {
    quote ??= QUOTES.includes(value[0]) ? value[0] : value[value.length - 1];
    if (QUOTES.includes(value[0])) value = value.slice(1);
    if (value.length && QUOTES.includes(value[value.length - 1])) value = value.slice(0, -1);
    value = value.trim();
  }
  return { value, ...(whitespace ? { whitespace } : {}), ...(quote ? { quote } : {}) };
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The closest real region name to a typo ("us-east1", "eu-west", "US-EAST-1"). */
export function suggestRegion(region: string): string | undefined {
  const r = region.toLowerCase().trim();
  let best: { name: string; dist: number } | undefined;
  for (const name of ALL_AWS_REGIONS) {
    const dist = levenshtein(r, name);
    if (!best || dist < best.dist) best = { name, dist };
  }
  return best && best.dist <= 2 ? best.name : undefined;
}

/** A nearby SES (or SES-with-SMTP) region, for "pick another region" fixes: same geography prefix first. */
export function nearestSesRegion(region: string, needSmtp: boolean): string {
  const ok = (r: string) => (needSmtp ? hasSmtp(r) : hasSes(r)) && !r.startsWith("us-gov-");
  const prefix = region.split("-").slice(0, 2).join("-");
  const geo = region.split("-")[0];
  return (
    SES_REGIONS.find((r) => r.startsWith(`${prefix}-`) && ok(r)) ??
    SES_REGIONS.find((r) => r.startsWith(`${geo}-`) && ok(r)) ??
    "us-east-1"
  );
}

/**
 * A held-back key format finding, for an endpoint that accepted the key (or could not be asked): AWS's format does
 * not apply there, so it is a warning naming the endpoint.
 */
export function asNonstandard(f: RawFinding, endpoint: string | undefined): RawFinding {
  const code =
    f.code === "credentials.key-id-malformed" ? "credentials.key-id-nonstandard" : "credentials.secret-nonstandard";
  return { code, evidence: { ...f.evidence, endpoint: endpoint ?? "(custom endpoint)" } };
}

export interface ForensicsResult {
  findings: RawFinding[];
  /** credentials to sign with, after removing paste damage and un-swapping; absent when unusable */
  creds?: Credentials;
  /** a valid SES region, cleaned */
  region?: string;
  /** with a custom endpoint: key format findings whose severity depends on whether the endpoint accepts the key */
  formatFindings?: RawFinding[];
}

export function inspectInput(
  input: Pick<DiagnoseInput, "target" | "accessKeyId" | "secretAccessKey" | "sessionToken" | "region"> & {
    smtpPassword?: string;
    /**
     * The custom endpoint the credentials are checked against (AWS_ENDPOINT_URL …). LocalStack- and moto-style
     * servers accept keys of any shape (test/test), so key id and secret format findings are not reported at once
     * but returned in `formatFindings`: the identity probe reports them as errors when the endpoint refuses the
     * key, and as warnings (`credentials.key-id-nonstandard`, `credentials.secret-nonstandard`) when it accepts it.
     */
    customEndpoint?: string;
  },
): ForensicsResult {
  const info = targetInfo(input.target);
  const findings: RawFinding[] = [];
  const formatFindings: RawFinding[] = [];
  const target = info.label;

  // ── credentials ──
  const rawId = input.accessKeyId ?? "";
  const rawSecret = input.secretAccessKey ?? "";
  // An SMTP platform needs the SMTP password, or the secret to derive it from; either will do.
  const smtpOnly = info.mode === "smtp" && !rawSecret.trim() && !!input.smtpPassword?.trim();
  if (!rawId.trim()) {
    findings.push({
      code: "credentials.missing",
      evidence: { field: "access key id", varName: info.keyIdVar, target },
    });
  }
  if (!rawSecret.trim() && !smtpOnly) {
    const smtp = info.mode === "smtp";
    findings.push({
      code: "credentials.missing",
      evidence: {
        field: smtp ? "SMTP password (or the secret access key to derive it from)" : "secret access key",
        varName: smtp ? (info.smtpPasswordVar ?? "SMTP_PASSWORD") : info.secretVar,
        target,
      },
    });
  }

  const id = cleanValue(rawId);
  const secret = cleanValue(rawSecret);
  for (const [field, c, raw] of [
    ["access key id", id, rawId],
    ["secret access key", secret, rawSecret],
  ] as const) {
    if (!raw) continue;
    if (c.whitespace) findings.push({ code: "credentials.whitespace", evidence: { field, where: c.whitespace } });
    if (c.quote) findings.push({ code: "credentials.quoted", evidence: { field, quote: c.quote } });
  }

  let keyId = id.value;
  let secretValue = secret.value;
  const swapped =
    !!keyId && !!secretValue && !KEY_ID_RE.test(keyId) && SECRET_RE.test(keyId) && KEY_ID_RE.test(secretValue);
  if (swapped) {
    findings.push({
      code: "credentials.swapped",
      evidence: { keyIdVar: info.keyIdVar, secretVar: info.secretVar, keyId: maskKeyId(secretValue) },
    });
    [keyId, secretValue] = [secretValue, keyId];
  }

  if (keyId && !KEY_ID_RE.test(keyId)) {
    const upper = keyId.toUpperCase();
    const detail = KEY_ID_RE.test(upper)
      ? " and contains lower-case letters"
      : /^(AKIA|ASIA)/i.test(keyId)
        ? ` (it should be 20; ${keyId.length < 20 ? "it looks cut off" : "extra characters were pasted along"})`
        : ", and it does not start with AKIA or ASIA";
    (input.customEndpoint ? formatFindings : findings).push({
      code: "credentials.key-id-malformed",
      evidence: { length: keyId.length, detail, keyId: maskKeyId(keyId) },
    });
  }

  if (secretValue) {
    // lib/env's check: SMTP passwords are 33 bytes = 44 Base64 characters without padding.
    const smtpVersion = smtpPasswordVersion(secretValue);
    const smtp = smtpVersion ? { version: smtpVersion } : null;
    if (smtp) {
      findings.push({
        code: "credentials.smtp-password-as-secret",
        evidence: { length: secretValue.length, version: smtp.version === 4 ? "0x04" : "0x02 (legacy)" },
      });
    } else if (!SECRET_RE.test(secretValue)) {
      const bad = secretValue.replace(/[A-Za-z0-9+/]/g, "");
      const detail =
        secretValue.length !== 40
          ? ` (it should be 40; ${secretValue.length < 40 ? "it looks cut off" : "extra characters were pasted along"})`
          : ` but contains characters a secret never has (${[...new Set(bad)].length} kind${[...new Set(bad)].length === 1 ? "" : "s"}; URL-encoding such as %2B turns + into three characters)`;
      (input.customEndpoint ? formatFindings : findings).push({
        code: "credentials.secret-malformed",
        evidence: { length: secretValue.length, detail },
      });
    }
  }

  const token = input.sessionToken?.trim() || undefined;
  if (keyId.startsWith("ASIA") && !token) {
    findings.push({ code: "credentials.session-token-missing", evidence: { keyId: maskKeyId(keyId) } });
  }

  // ── region ──
  let region: string | undefined;
  const rawRegion = input.region ?? "";
  if (!rawRegion.trim()) {
    findings.push({ code: "region.missing", evidence: { varName: info.regionVar } });
  } else {
    const r = cleanValue(rawRegion).value;
    if (!isKnownRegion(r)) {
      const suggestion = suggestRegion(r);
      findings.push({
        code: "region.unknown",
        evidence: {
          region: r,
          suggestion: suggestion ?? null,
          suggestionText: suggestion ? `; did you mean ${suggestion}?` : "",
          suggestionFix: suggestion ? ` such as ${suggestion}` : "",
        },
      });
    } else if (!hasSes(r)) {
      findings.push({
        code: "region.no-ses",
        evidence: { region: r, nearest: nearestSesRegion(r, info.mode === "smtp") },
      });
    } else {
      region = r;
      if (info.mode === "smtp" && !hasSmtp(r)) {
        findings.push({ code: "region.no-smtp", evidence: { region: r, nearest: nearestSesRegion(r, true) } });
      } else if (info.mode === "smtp" && (SMTP_UNCONFIRMED_REGIONS as readonly string[]).includes(r)) {
        findings.push({ code: "region.smtp-unconfirmed", evidence: { region: r } });
      }
    }
  }

  // An SMTP password still gets signed with: AWS then tells us whether the key id exists (SignatureDoesNotMatch
  // is checked after the key lookup), which is worth knowing.
  const creds =
    keyId && secretValue
      ? { accessKeyId: keyId, secretAccessKey: secretValue, ...(token ? { sessionToken: token } : {}) }
      : undefined;
  return {
    findings,
    ...(formatFindings.length ? { formatFindings } : {}),
    ...(creds ? { creds } : {}),
    ...(region ? { region } : {}),
  };
}
