import { cleanPaste, KEY_ID_RE, SECRET_RE, smtpPasswordVersion, startsLikeKeyId } from "@/lib/credentials";
import { ALL_AWS_REGIONS, hasSes, hasSmtp, isKnownRegion, SMTP_UNCONFIRMED_REGIONS } from "@/lib/regions";
import type { RawFinding } from "@/lib/findings/catalogue";
import { maskKeyId } from "./mask";
import { nearestSesRegion } from "./nearest-region";
import type { DiagnoseInput } from "./schema";
import { targetInfo } from "./target-info";
import type { Credentials } from "./types";

/**
 * Input forensics: everything that can be said about pasted credentials and the region before any call.
 * Pure, so the wizard can run it on every keystroke and unit tests need no network.
 */

/** The one paste cleaning (lib/credentials), under the name the engine's callers know. */
export const cleanValue = cleanPaste;

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

/**
 * A held-back key format finding, for an endpoint that accepted the key (or could not be asked): AWS's format does
 * not apply there, so it is a warning naming the endpoint.
 */
export function asNonstandard(f: FormatFinding, endpoint: string | undefined): RawFinding {
  const at = endpoint ?? "(custom endpoint)";
  return f.code === "credentials.key-id-malformed"
    ? { code: "credentials.key-id-nonstandard", evidence: { ...f.evidence, endpoint: at } }
    : { code: "credentials.secret-nonstandard", evidence: { ...f.evidence, endpoint: at } };
}

/** A key id or secret format finding, held back while a custom endpoint decides whether AWS's formats apply. */
export type FormatFinding = Extract<
  RawFinding,
  { code: "credentials.key-id-malformed" | "credentials.secret-malformed" }
>;

export interface ForensicsResult {
  findings: RawFinding[];
  /** credentials to sign with, after removing paste damage and un-swapping; absent when unusable */
  creds?: Credentials;
  /** a valid SES region, cleaned */
  region?: string;
  /** with a custom endpoint: key format findings whose severity depends on whether the endpoint accepts the key */
  formatFindings?: FormatFinding[];
}

export function inspectInput(
  input: Pick<DiagnoseInput, "target" | "accessKeyId" | "secretAccessKey" | "sessionToken" | "region"> &
    Partial<Pick<DiagnoseInput, "credentialSource">> & {
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
  const formatFindings: FormatFinding[] = [];
  const target = info.label;

  // ── credentials ──
  const rawId = input.accessKeyId ?? "";
  const rawSecret = input.secretAccessKey ?? "";
  // An SMTP platform needs the SMTP password, or the secret to derive it from; either will do.
  const smtpOnly = info.mode === "smtp" && !rawSecret.trim() && !!input.smtpPassword?.trim();
  // with the default chain, an empty chain is the credential-chain probe's finding, not a missing variable
  const fromChain = input.credentialSource === "chain";
  if (!rawId.trim() && !fromChain) {
    findings.push({
      code: "credentials.missing",
      evidence: { field: "access key id", varName: info.keyIdVar, target },
    });
  }
  if (!rawSecret.trim() && !smtpOnly && !fromChain) {
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
    const problem = KEY_ID_RE.test(upper)
      ? "lowercase"
      : startsLikeKeyId(keyId)
        ? keyId.length < 20
          ? "cut-off"
          : "too-long"
        : "prefix";
    (input.customEndpoint ? formatFindings : findings).push({
      code: "credentials.key-id-malformed",
      evidence: { length: keyId.length, problem, keyId: maskKeyId(keyId) },
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
      const badKinds = new Set(secretValue.replace(/[A-Za-z0-9+/]/g, "")).size;
      const problem = secretValue.length < 40 ? "cut-off" : secretValue.length > 40 ? "too-long" : "bad-characters";
      (input.customEndpoint ? formatFindings : findings).push({
        code: "credentials.secret-malformed",
        evidence: { length: secretValue.length, problem, badKinds },
      });
    }
  }

  const token = input.sessionToken?.trim() || undefined;
  if (keyId.startsWith("ASIA")) {
    const keys = { keyId: maskKeyId(keyId), keyIdVar: info.keyIdVar, secretVar: info.secretVar };
    if (!info.sessionTokenVar) {
      // The platform reads no token: a temporary key cannot work there, with or without one (docs/doctor.md).
      findings.push({ code: "credentials.temporary-key-unsupported", evidence: { ...keys, target } });
    } else if (!token) {
      findings.push({
        code: "credentials.session-token-missing",
        evidence: { ...keys, tokenVar: info.sessionTokenVar },
      });
    }
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
          varName: info.regionVar,
          suggestion: suggestion ?? null,
          suggestionText: suggestion ? "suggested" : "none",
          suggestionFix: suggestion ? "suggested" : "none",
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
