import { cleanPaste, isKeyIdShaped, looksLikeSmtpPassword } from "@/lib/credentials";
import type { SMTP_PASSWORD_FINDINGS } from "@/lib/findings/catalogue/smtp-password";
import type { FindingIn } from "@/lib/findings/catalogue/spec";
import {
  hasSes,
  hasSmtp,
  isKnownRegion,
  isRegionShaped,
  SMTP_PORTS,
  SMTP_UNCONFIRMED_REGIONS,
  smtpHost,
  smtpRegions,
} from "@/lib/regions";

/**
 * Region and secret checks for the SMTP password tool. Pure and browser-safe: the page runs them next to the
 * Web Crypto derivation so the secret never leaves the browser; the CLI and server use the same checks.
 */

export interface SmtpEndpoint {
  region: string;
  host: string;
  ports: { starttls: readonly number[]; tls: readonly number[] };
  /** SMTP availability not confirmed by AWS documentation for this region (docs/aws-facts.md §6). */
  unconfirmed: boolean;
}

/**
 * A problem the tool found: a catalogue code with its evidence (never the secret, nor any part of it beyond an access
 * key id's AKIA/ASIA prefix), worded by the catalogue's smtp-password section (lib/findings/catalogue/smtp-password.ts),
 * which the tool's page loads alone (`materializeRawIn`, lib/findings/section.ts); the CLI prints the same words.
 */
export type SmtpPasswordFinding = FindingIn<typeof SMTP_PASSWORD_FINDINGS>;

export type RegionProblem = "empty" | "malformed" | "unknown" | "no-ses" | "no-smtp";

export type SmtpRegionCheck =
  | { ok: true; endpoint: SmtpEndpoint }
  | { ok: false; problem: RegionProblem; finding: SmtpPasswordFinding; smtpRegions: string[] };

/** Longer than any region code: not echoed back, in case it is the secret given in the wrong place. */
const SHOWN_INPUT_MAX = 16;

export function smtpEndpoint(region: string): SmtpEndpoint {
  return {
    region,
    host: smtpHost(region),
    ports: SMTP_PORTS,
    unconfirmed: (SMTP_UNCONFIRMED_REGIONS as readonly string[]).includes(region),
  };
}

/** Whether SES offers an SMTP endpoint in `region`; when not, a finding that lists the regions that do. */
export function checkSmtpRegion(input: string): SmtpRegionCheck {
  const region = input.trim().toLowerCase();
  const list = smtpRegions();
  const smtpRegionList = list.join(", ");
  const fail = (problem: RegionProblem, finding: SmtpPasswordFinding): SmtpRegionCheck => ({
    ok: false,
    problem,
    finding,
    smtpRegions: list,
  });
  if (!region) return fail("empty", { code: "smtp.password-region-empty", evidence: { smtpRegions: smtpRegionList } });
  if (!isRegionShaped(region)) {
    const given = input.trim();
    const long = given.length > SHOWN_INPUT_MAX;
    return fail("malformed", {
      code: "smtp.password-region-malformed",
      evidence: {
        given: long ? "long" : "value",
        input: long ? null : given,
        length: given.length,
        smtpRegions: smtpRegionList,
      },
    });
  }
  if (hasSmtp(region)) return { ok: true, endpoint: smtpEndpoint(region) };
  const evidence = { region, smtpRegions: smtpRegionList };
  if (hasSes(region)) return fail("no-smtp", { code: "smtp.password-region-no-smtp", evidence });
  if (isKnownRegion(region)) return fail("no-ses", { code: "smtp.password-region-no-ses", evidence });
  return fail("unknown", { code: "smtp.password-region-unknown", evidence });
}

/** What was cleaned off the secret, looks odd about it, or was pasted in its place. */
export type SecretWarning = SmtpPasswordFinding;

export interface SecretCheck {
  /** What the derivation will actually use: the input without surrounding whitespace or quotes. */
  secret: string;
  warnings: SecretWarning[];
}

/**
 * The usual paste accidents (docs/aws-facts.md §5): surrounding whitespace or quotes, an
 * access key id or an SMTP password in place of the 40-character secret. These are warnings: AWS secrets have no
 * published grammar beyond 40 Base64-alphabet characters, so we still derive what was asked.
 */
export function checkSecret(input: string): SecretCheck {
  const warnings: SecretWarning[] = [];
  // The engine's cleaning (lib/credentials): whitespace anywhere and wrapping quotes, typographic ones included.
  const cleaned = cleanPaste(input);
  const secret = cleaned.value;
  if (cleaned.whitespace) {
    warnings.push({ code: "smtp.paste-whitespace", evidence: { where: cleaned.whitespace } });
  }
  if (cleaned.quote) {
    warnings.push({ code: "smtp.paste-quotes", evidence: {} });
  }
  const smtpPassword = looksLikeSmtpPassword(secret);
  if (isKeyIdShaped(secret)) {
    // AKIA or ASIA: a key id may show its first four characters (lib/credentials/mask.ts)
    warnings.push({ code: "smtp.paste-key-id", evidence: { prefix: secret.slice(0, 4) } });
  } else if (smtpPassword) {
    warnings.push({ code: "smtp.paste-smtp-password", evidence: { version: smtpPassword.version } });
  } else if (secret.length !== 40) {
    warnings.push({ code: "smtp.paste-length", evidence: { length: secret.length } });
  }
  if (secret && !/^[A-Za-z0-9+/]*$/.test(secret)) {
    warnings.push({ code: "smtp.paste-alphabet", evidence: {} });
  }
  return { secret, warnings };
}

/** What the tool says about an endpoint it derives a password for: a region AWS has not confirmed SMTP in. */
export function endpointNotes(endpoint: SmtpEndpoint): SmtpPasswordFinding[] {
  return endpoint.unconfirmed
    ? [{ code: "smtp.password-region-unconfirmed", evidence: { region: endpoint.region, host: endpoint.host } }]
    : [];
}
