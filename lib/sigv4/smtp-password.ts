import { legacySmtpPasswordV2With, smtpPasswordWith } from "./key-chain";
import { Sha256 } from "./sha256";

/**
 * SES SMTP password from an IAM secret access key (docs/aws-facts.md §2.10), on the server and in the emulator: the
 * one signing-key chain of ./key-chain.ts with node:crypto's hash injected (the browser injects Web Crypto's, see
 * lib/smtp/password-browser.ts). Shared by the product (lib/smtp) and the emulator's SMTP listener.
 */
export function deriveSmtpPassword(secretAccessKey: string, region: string): Promise<string> {
  return smtpPasswordWith(Sha256, secretAccessKey, region);
}

/** The legacy "version 2" password (rejected by SES since 2021); only for recognising one when pasted. */
export function deriveLegacySmtpPasswordV2(secretAccessKey: string): Promise<string> {
  return legacySmtpPasswordV2With(Sha256, secretAccessKey);
}
