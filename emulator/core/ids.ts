import { randomBytes, randomUUID } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** n upper-case base32 characters (A-Z, 2-7), the alphabet of current AWS key and unique ids (aws.md §4.3). */
export function base32Chars(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += BASE32[bytes[i] & 31];
  return out;
}

export const newAccessKeyId = (prefix: "AKIA" | "ASIA" = "AKIA") => `${prefix}${base32Chars(16)}`;
/** 21-char unique ids: AIDA… for users, ANPA… for managed policies, AROA… for roles */
export const newUniqueId = (prefix: "AIDA" | "ANPA" | "AROA") => `${prefix}${base32Chars(17)}`;

/** 40 characters of the Base64 alphabet, like an AWS secret access key. */
export function newSecretAccessKey(): string {
  let out = "";
  while (out.length < 40) out += randomBytes(40).toString("base64").replace(/=/g, "");
  return out.slice(0, 40);
}

/** An STS session token: opaque base64, as long as AWS's are (a few hundred characters). */
export const newSessionToken = () => `FwoGZXIvYXdzEXAMPLE${randomBytes(240).toString("base64")}`;

export const newRequestId = () => randomUUID();

/** IAM/STS timestamps: ISO-8601 without milliseconds, as AWS writes them. */
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
