import { createSign, createVerify } from "node:crypto";
import { SNS_SIGNING_CERT, SNS_SIGNING_KEY } from "./cert";

/**
 * SNS message signatures as AWS makes them (docs/emulator.md "SNS"): the string to sign is "Name\nValue\n" for a fixed
 * set of fields in byte order, per message type; SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA; base64.
 */

export type SnsMessageType = "Notification" | "SubscriptionConfirmation" | "UnsubscribeConfirmation";

/** The fields of a message that are signed, in the order AWS lists them (alphabetical). */
const SIGNED_FIELDS: Record<SnsMessageType, string[]> = {
  Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
  SubscriptionConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
  UnsubscribeConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
};

export function stringToSign(message: Record<string, unknown>): string {
  const type = message.Type as SnsMessageType;
  const fields = SIGNED_FIELDS[type];
  if (!fields) throw new Error(`unknown SNS message type ${String(type)}`);
  let out = "";
  for (const f of fields) {
    // Subject is signed only when the notification has one
    if (message[f] === undefined) continue;
    out += `${f}\n${String(message[f])}\n`;
  }
  return out;
}

const algorithm = (version: string) => (version === "2" ? "RSA-SHA256" : "RSA-SHA1");

export function signMessage(message: Record<string, unknown>, version: "1" | "2"): string {
  const signer = createSign(algorithm(version));
  signer.update(stringToSign(message), "utf8");
  return signer.sign(SNS_SIGNING_KEY, "base64");
}

/** A platform-side check: the signature of `message` under the PEM certificate it was fetched from. */
export function verifyMessage(message: Record<string, unknown>, certificatePem: string): boolean {
  const version = String(message.SignatureVersion ?? "");
  if (version !== "1" && version !== "2") return false;
  if (typeof message.Signature !== "string") return false;
  try {
    const verifier = createVerify(algorithm(version));
    verifier.update(stringToSign(message), "utf8");
    return verifier.verify(certificatePem, message.Signature, "base64");
  } catch {
    return false;
  }
}

export { SNS_SIGNING_CERT };
