import { createHmac } from "node:crypto";

/**
 * SES SMTP password from an IAM secret access key (docs/aws-facts.md §2.10): the SigV4 signing key for date
 * "11111111", the region, service "ses", terminator "aws4_request"; HMAC of "SendRawEmail" with it; version byte
 * 0x04 prepended; Base64. Shared by the product (lib/smtp) and the emulator's SMTP listener.
 */
export function deriveSmtpPassword(secretAccessKey: string, region: string): string {
  const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
  let key = hmac(`AWS4${secretAccessKey}`, "11111111");
  for (const part of [region, "ses", "aws4_request"]) key = hmac(key, part);
  const signature = hmac(key, "SendRawEmail");
  return Buffer.concat([Buffer.from([0x04]), signature]).toString("base64");
}

/** The legacy "version 2" password (rejected by SES since 2021); only for recognising one when pasted. */
export function deriveLegacySmtpPasswordV2(secretAccessKey: string): string {
  const sig = createHmac("sha256", secretAccessKey).update("SendRawEmail", "utf8").digest();
  return Buffer.concat([Buffer.from([0x02]), sig]).toString("base64");
}
