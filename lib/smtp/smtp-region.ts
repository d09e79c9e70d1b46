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

export type RegionProblem = "empty" | "malformed" | "unknown" | "no-ses" | "no-smtp";

export type SmtpRegionCheck =
  | { ok: true; endpoint: SmtpEndpoint }
  | { ok: false; problem: RegionProblem; message: string; smtpRegions: string[] };

export function smtpEndpoint(region: string): SmtpEndpoint {
  return {
    region,
    host: smtpHost(region),
    ports: SMTP_PORTS,
    unconfirmed: (SMTP_UNCONFIRMED_REGIONS as readonly string[]).includes(region),
  };
}

/** Whether SES offers an SMTP endpoint in `region`; when not, a message that lists the regions that do. */
export function checkSmtpRegion(input: string): SmtpRegionCheck {
  const region = input.trim().toLowerCase();
  const list = smtpRegions();
  const fail = (problem: RegionProblem, why: string): SmtpRegionCheck => ({
    ok: false,
    problem,
    message: `${why} SES SMTP endpoints exist in: ${list.join(", ")}.`,
    smtpRegions: list,
  });
  if (!region) return fail("empty", "No region given.");
  if (!isRegionShaped(region))
    return fail("malformed", `"${input.trim()}" is not an AWS region code (like eu-west-1).`);
  if (hasSmtp(region)) return { ok: true, endpoint: smtpEndpoint(region) };
  if (hasSes(region)) {
    return fail(
      "no-smtp",
      `SES has no SMTP endpoint in ${region}, so no SMTP password works there; send through the SES API in ${region}, or send over SMTP from another region where your identity is verified.`,
    );
  }
  if (isKnownRegion(region)) return fail("no-ses", `Amazon SES is not offered in ${region}.`);
  return fail("unknown", `${region} is not a region Sesame knows.`);
}

/**
 * Something else pasted in place of the secret: a catalogue code with its evidence (never the value itself), worded
 * by the catalogue's smtp-password section (lib/findings/catalogue/smtp-password.ts), which the tool's page loads
 * alone (`materializeRawIn`, lib/findings/section.ts).
 */
export type SecretPasteFinding = FindingIn<typeof SMTP_PASSWORD_FINDINGS>;
/** What was cleaned off or looks odd about the secret itself: a note and its message. */
export interface SecretNote {
  code: "whitespace" | "quotes" | "length" | "alphabet";
  message: string;
}
export type SecretWarning = SecretNote | SecretPasteFinding;

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
  const warnings: SecretCheck["warnings"] = [];
  // The engine's cleaning (lib/credentials): whitespace anywhere and wrapping quotes, typographic ones included.
  const cleaned = cleanPaste(input);
  const secret = cleaned.value;
  if (cleaned.whitespace) {
    warnings.push({
      code: "whitespace",
      message: `Removed whitespace from the secret (${cleaned.whitespace}; a common copy-paste accident).`,
    });
  }
  if (cleaned.quote) {
    warnings.push({ code: "quotes", message: "Removed the quotes around the secret; they are not part of it." });
  }
  const smtpPassword = looksLikeSmtpPassword(secret);
  if (isKeyIdShaped(secret)) {
    // AKIA or ASIA: a key id may show its first four characters (lib/credentials/mask.ts)
    warnings.push({ code: "smtp.paste-key-id", evidence: { prefix: secret.slice(0, 4) } });
  } else if (smtpPassword) {
    warnings.push({ code: "smtp.paste-smtp-password", evidence: { version: smtpPassword.version } });
  } else if (secret.length !== 40) {
    warnings.push({
      code: "length",
      message: `IAM secret access keys are 40 characters long; this one has ${secret.length}.`,
    });
  }
  if (secret && !/^[A-Za-z0-9+/]*$/.test(secret)) {
    warnings.push({
      code: "alphabet",
      message: "IAM secret access keys contain only letters, digits, '+' and '/'; this one has other characters.",
    });
  }
  return { secret, warnings };
}
