import type { EmulatorConfig } from "../../config";
import type { QueryServiceTable, RestServiceTable } from "../../core/operations";
import type { Authorizer, Principal, SentMessage } from "../../core/types";
import type { DnsStore } from "../../dns/store";
import { decideReview } from "../sesv2/account-details";
import { createSesV2 } from "../sesv2/handlers";
import { parseMailbox } from "./addresses";
import { parseRaw } from "./mime";
import { configurationSetOperationsV2 } from "../sesv2/configuration-sets";
import { configurationSetOperationsV1 } from "./configuration-sets-v1";
import { identityArn, type SendRecord, SesModel } from "./model";
import { createSesV1 } from "./v1";

/**
 * The SES side of the emulator: one model (per-region accounts and identities, DNS-driven verification, the sending
 * rules) behind three doors — the v1 query API, the SESv2 REST API and the SMTP listener (sendRaw).
 *
 * Verification is re-evaluated against the DNS store on every read and send (deps.now() is the clock):
 * - domain: Success when `_amazonses.<d>` TXT holds the token, or all three `<t>._domainkey.<d>` CNAMEs point to
 *   `<t>.dkim.amazonses.com`; Pending until then; Failed after verification.failAfterSeconds (sticky until verification
 *   is requested again); a record removed after Success → TemporaryFailure (Failed after the same window again).
 * - DKIM: the same, with the three CNAMEs only. MAIL FROM: exactly one MX 10 `feedback-smtp.<region>.amazonses.com`
 *   plus TXT `v=spf1 include:amazonses.com ~all`.
 * - address: Pending until verifyEmailAddress() (the link "click"); Failed after min(failAfterSeconds, 24 h).
 * - seeded statuses (config.identities) are honoured as given.
 * Sending (all doors, same order): 50-recipient limit → authorisation against the identity covering the sender
 * (resource-level) → sending paused → sender (and, in the sandbox, every recipient except the mailbox simulator)
 * verified in this region → MAIL FROM with RejectMessage → rate (per second) and 24-hour quota, counted in recipients.
 */
export interface SesEngine {
  /** SES v1 query API's operation table; signing names ses/email */
  v1: QueryServiceTable;
  /** SESv2 REST-JSON API's operation table: requests whose path starts /v2/email/ */
  v2: RestServiceTable;
  /** the SMTP door: the same checks as SendRawEmail, in the listener's region; throws AwsError */
  sendRaw(a: {
    region: string;
    principal: Principal;
    authz: Authorizer;
    raw: Buffer;
    envelopeFrom: string;
    envelopeTo: string[];
  }): Promise<{ messageId: string }>;
  sent(): SentMessage[];
  clearSent(): void;
  /** JSON snapshot (per-region account + identities with live statuses) for GET /_emulator/state */
  state(): unknown;
  reset(config: EmulatorConfig): void;
  /** the verification-link "click" for an address identity; false when there is no such identity in the region */
  verifyEmailAddress(region: string, address: string): boolean;
  /** the reviewer's decision on a pending production-access request (admin API) */
  decideProductionAccess(
    region: string,
    status: "GRANTED" | "DENIED" | "FAILED",
  ): { ok: true; caseId: string } | { ok: false; error: string };
  /** identity ARNs known in a region (lets the SMTP listener check ses:SendRawEmail against resource-scoped policies) */
  identityArns(region: string): string[];
}

export function createSes(deps: {
  config: EmulatorConfig;
  dns: DnsStore;
  now(): Date;
  /** event publishing: called after every accepted send */
  onSend?: (record: SendRecord) => void;
}): SesEngine {
  const model = new SesModel(deps.config, deps.dns, deps.now, deps.onSend);
  return {
    v1: createSesV1(model, configurationSetOperationsV1(model)),
    v2: createSesV2(model, configurationSetOperationsV2(model)),
    async sendRaw(a) {
      const parsed = await parseRaw(a.raw);
      // SES checks the From header and the envelope sender (Return-Path) alike
      const senders = [...parsed.from];
      if (a.envelopeFrom && !senders.some((s) => s.address === a.envelopeFrom))
        senders.push(parseMailbox(a.envelopeFrom));
      return model.send({
        api: "v1",
        via: "smtp",
        region: a.region,
        principal: a.principal,
        authz: a.authz,
        action: "ses:SendRawEmail",
        senders,
        recipients: a.envelopeTo.map(parseMailbox),
        subject: parsed.subject,
        text: parsed.text,
        html: parsed.html,
        raw: a.raw.toString("utf8"),
        headers: parsed.headers,
        configurationSetName: parsed.configurationSet,
      });
    },
    sent: () => model.sent(),
    clearSent: () => model.clearSent(),
    state: () => model.snapshot(),
    reset: (config) => model.reset(config),
    verifyEmailAddress: (region, address) => model.verifyEmailAddress(region, address),
    decideProductionAccess: (region, status) => decideReview(model.region(region).account, status),
    identityArns: (region) => model.list(region).map((i) => identityArn(region, model.accountId, i.name)),
  };
}

export { SesModel } from "./model";
