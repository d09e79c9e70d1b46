import { modernDenialText } from "../../core/operations";
import type { AccountDetails } from "../sesv2/account-details";
import { randomBytes, randomUUID } from "node:crypto";
import type { EmulatorConfig, IdentitySeed } from "../../config";
import type { DnsStore } from "../../dns/store";
import { normalizeName } from "../../dns/store";
import { type Authorizer, AwsError, type Decision, type Principal, type SentMessage } from "../../core/types";
import { addressProblem, domainOf, type Mailbox } from "./addresses";
import { ConfigurationSets, type EventDestination, setMissing } from "./configuration-sets";
import { partitionOf } from "../../regions";

/** SES v1 status names; SESv2 upper-snake-cases them. */
export type Status = "Pending" | "Success" | "Failed" | "TemporaryFailure" | "NotStarted";
export type MxFailureBehavior = "UseDefaultValue" | "RejectMessage";

/** The mailbox simulator: always deliverable, even from the sandbox (docs/emulator.md "Event publishing"). */
export const SIMULATOR_ADDRESSES = new Set(
  ["success", "bounce", "ooto", "complaint", "suppressionlist"].map((l) => `${l}@simulator.amazonses.com`),
);
const DAY_MS = 24 * 3600 * 1000;
/** An address's verification link expires after 24 h (domains get 72 h); both capped by the configured window. */
const EMAIL_LINK_MS = DAY_MS;
const MAX_RECIPIENTS = 50;

/**
 * Verification progress of one DNS-checked thing (domain, DKIM, MAIL FROM). Re-evaluated lazily on every read: the
 * emulator has no background poller, the answer is what a poll at that instant would have seen.
 */
interface Tracker {
  since: number;
  everOk: boolean;
  lostAt?: number;
  failed: boolean;
  lastOk?: number;
  lastChecked?: number;
  /** a seeded status is honoured as-is instead of being decided by DNS */
  seeded?: Status;
}

function tracker(now: number, seeded?: Status): Tracker {
  return { since: now, everOk: seeded === "Success", failed: false, seeded: seeded === "Pending" ? undefined : seeded };
}

function evaluate(t: Tracker, ok: boolean, now: number, failAfterMs: number): Status {
  t.lastChecked = now;
  if (t.seeded) return t.seeded;
  if (t.failed) return "Failed"; // AWS stops looking; only a new verification request restarts it
  if (ok) {
    t.everOk = true;
    t.lostAt = undefined;
    t.lastOk = now;
    return "Success";
  }
  if (t.everOk) {
    t.lostAt ??= now;
    if (now - t.lostAt >= failAfterMs) {
      t.failed = true;
      return "Failed";
    }
    return "TemporaryFailure";
  }
  if (now - t.since >= failAfterMs) {
    t.failed = true;
    return "Failed";
  }
  return "Pending";
}

export interface Identity {
  /** domains lower-case; addresses as given (SES treats them case-sensitively) */
  name: string;
  kind: "Domain" | "EmailAddress";
  createdAt: number;
  verificationToken?: string;
  verification: Tracker;
  /** address identities: the verification link was "clicked" */
  clicked: boolean;
  dkimEnabled: boolean;
  dkimTokens?: string[];
  /** SESv2's Easy DKIM key length (RSA_2048_BIT unless asked otherwise) */
  dkimKeyLength?: "RSA_1024_BIT" | "RSA_2048_BIT";
  dkim: Tracker;
  mailFromDomain?: string;
  mailFrom?: Tracker;
  behaviorOnMxFailure: MxFailureBehavior;
  tags: { Key: string; Value: string }[];
}

export interface RegionAccount {
  sandbox: boolean;
  /** SESv2 PutAccountDetails: the production-access request and its review (sesv2/account-details.ts) */
  details?: AccountDetails;
  sendingEnabled: boolean;
  max24HourSend: number;
  maxSendRate: number;
  /** sentLast24Hours seeded by the config, counted as sent at load time */
  seededSent: number;
  seededAt: number;
  /** recipients per accepted message, newest last */
  log: { at: number; n: number }[];
}

export interface RegionState {
  account: RegionAccount;
  identities: Map<string, Identity>;
}

export interface IdentityView {
  identity: Identity;
  status: Status;
  dkimStatus: Status;
  mailFromStatus?: Status;
  verifiedForSending: boolean;
}

export interface SendInput {
  api: "v1" | "v2";
  via: SentMessage["via"];
  region: string;
  principal: Principal;
  authz: Authorizer;
  action: "ses:SendEmail" | "ses:SendRawEmail";
  /** senders to check, the one whose identity is authorised first (From / Source / envelope MAIL FROM) */
  senders: Mailbox[];
  recipients: Mailbox[];
  subject: string;
  text?: string;
  html?: string;
  raw?: string;
  /** the configuration set the send names (parameter, or the X-SES-CONFIGURATION-SET header) */
  configurationSetName?: string;
  /** the message's header fields in order, for event records (mail.headers) */
  headers?: Array<{ name: string; value: string }>;
}

/** What a successful send hands to event publishing (docs/emulator.md "Event publishing"). */
export interface SendRecord {
  message: SentMessage;
  principal: Principal;
  /** the identity ARN the send was authorized against (mail.sourceArn) */
  sourceArn: string;
  configurationSetName?: string;
  /** the set's event destinations as they were when the message was accepted */
  destinations: EventDestination[];
  headers: Array<{ name: string; value: string }>;
}

/** SES's own condition keys for a send (IAM service authorization reference, "Amazon SES"). */
function sendConditionKeys(input: SendInput): Record<string, string | string[]> {
  const from = input.senders[0];
  const display = /^\s*"?([^"<]*?)"?\s*</.exec(from.written)?.[1]?.trim();
  const keys: Record<string, string | string[]> = {
    "ses:FromAddress": from.address,
    "ses:Recipients": input.recipients.map((r) => r.address),
    "ses:ApiVersion": input.api === "v2" ? "2" : "1",
  };
  if (display) keys["ses:FromDisplayName"] = display;
  return keys;
}

/** Error codes differ between the query API (and SMTP) and SESv2's JSON API. */
function err(api: "v1" | "v2", kind: "param" | "paused" | "rate" | "quota", message: string): AwsError {
  if (kind === "param")
    return api === "v1" ? new AwsError("InvalidParameterValue", message) : new AwsError("BadRequestException", message);
  if (kind === "paused")
    return api === "v1"
      ? new AwsError("AccountSendingPausedException", message)
      : new AwsError("SendingPausedException", message);
  return api === "v1" ? new AwsError("Throttling", message) : new AwsError("TooManyRequestsException", message, 429);
}

function base32Token(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(32);
  let out = "";
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}

export function messageId(): string {
  return `${randomBytes(8).toString("hex")}-${randomUUID()}-000000`;
}

/** The header fields SES writes for a simple (non-raw) send, as event records list them. */
function simpleHeaders(input: SendInput, messageId: string): Array<{ name: string; value: string }> {
  return [
    { name: "From", value: input.senders[0]?.written ?? "" },
    { name: "To", value: input.recipients.map((r) => r.written).join(", ") },
    { name: "Subject", value: input.subject },
    { name: "MIME-Version", value: "1.0" },
    { name: "Content-Type", value: input.html ? "multipart/alternative" : "text/plain; charset=UTF-8" },
    { name: "Message-ID", value: `<${messageId}@email.amazonses.com>` },
  ];
}

export function configurationSetArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:ses:${region}:${accountId}:configuration-set/${name}`;
}

export function identityArn(region: string, accountId: string, identity: string): string {
  return `arn:${partitionOf(region)}:ses:${region}:${accountId}:identity/${identity}`;
}

/** The per-region SES world: accounts, identities, DNS-driven verification and the sending rules. */
export class SesModel {
  private regions = new Map<string, RegionState>();
  private sentMessages: SentMessage[] = [];
  private config!: EmulatorConfig;
  readonly configurationSets = new ConfigurationSets();

  constructor(
    config: EmulatorConfig,
    private readonly dns: DnsStore,
    private readonly now: () => Date,
    /** called after every accepted send (event publishing); never throws into the send */
    private readonly onSend: (record: SendRecord) => void = () => {},
  ) {
    this.reset(config);
  }

  get accountId(): string {
    return this.config.accountId;
  }

  reset(config: EmulatorConfig): void {
    this.config = config;
    this.regions = new Map();
    this.sentMessages = [];
    for (const region of Object.keys(config.regions)) this.region(region);
    for (const seed of config.identities) this.seedIdentity(seed);
    this.configurationSets.seed(config.configurationSets);
  }

  private get failAfterMs(): number {
    return this.config.verification.failAfterSeconds * 1000;
  }

  private nowMs(): number {
    return this.now().getTime();
  }

  region(region: string): RegionState {
    let state = this.regions.get(region);
    if (!state) {
      const seed = this.config.regions[region];
      const sandbox = seed?.sandbox ?? true;
      state = {
        account: {
          sandbox,
          sendingEnabled: seed?.sendingEnabled ?? true,
          max24HourSend: seed?.max24HourSend ?? (sandbox ? 200 : 50000),
          maxSendRate: seed?.maxSendRate ?? (sandbox ? 1 : 14),
          seededSent: seed?.sentLast24Hours ?? 0,
          seededAt: this.nowMs(),
          log: [],
        },
        identities: new Map(),
      };
      this.regions.set(region, state);
    }
    return state;
  }

  private seedIdentity(seed: IdentitySeed): void {
    const now = this.nowMs();
    const isAddress = seed.identity.includes("@");
    const name = isAddress ? seed.identity : normalizeName(seed.identity);
    const id: Identity = {
      name,
      kind: isAddress ? "EmailAddress" : "Domain",
      createdAt: now,
      verificationToken: isAddress ? undefined : (seed.verificationToken ?? randomBytes(32).toString("base64")),
      verification: tracker(now, seed.status),
      clicked: seed.status === "Success",
      dkimEnabled: !isAddress && seed.dkim,
      dkimTokens:
        !isAddress && seed.dkim ? (seed.dkimTokens ?? [base32Token(), base32Token(), base32Token()]) : undefined,
      dkim: tracker(now, seed.dkimStatus),
      behaviorOnMxFailure: "UseDefaultValue",
      tags: [],
    };
    if (seed.mailFromDomain) {
      id.mailFromDomain = normalizeName(seed.mailFromDomain);
      id.mailFrom = tracker(now);
    }
    this.region(seed.region).identities.set(this.key(name), id);
  }

  private key(identity: string): string {
    return identity.includes("@") ? identity : normalizeName(identity);
  }

  // ---- identities -------------------------------------------------------------------------------------------

  find(region: string, identity: string): Identity | undefined {
    return this.region(region).identities.get(this.key(identity));
  }

  list(region: string): Identity[] {
    return [...this.region(region).identities.values()];
  }

  /** v1 VerifyDomainIdentity / VerifyDomainDkim and v2 CreateEmailIdentity for a domain. */
  ensureDomain(region: string, domain: string, opts: { dkim: boolean }): Identity {
    const name = normalizeName(domain);
    const now = this.nowMs();
    let id = this.find(region, name);
    if (!id) {
      id = {
        name,
        kind: "Domain",
        createdAt: now,
        verificationToken: randomBytes(32).toString("base64"),
        verification: tracker(now),
        clicked: false,
        dkimEnabled: false,
        dkim: tracker(now),
        behaviorOnMxFailure: "UseDefaultValue",
        tags: [],
      };
      this.region(region).identities.set(name, id);
    } else if (this.viewOf(region, id).status === "Failed") {
      // asking again restarts the search for the record, as in SES
      id.verification = tracker(now);
      id.dkim = tracker(now);
    }
    if (opts.dkim && !id.dkimEnabled) {
      id.dkimEnabled = true;
      id.dkimTokens ??= [base32Token(), base32Token(), base32Token()];
      id.dkim = tracker(now);
    }
    return id;
  }

  ensureEmail(region: string, address: string): Identity {
    const now = this.nowMs();
    let id = this.find(region, address);
    if (!id) {
      id = {
        name: address,
        kind: "EmailAddress",
        createdAt: now,
        verification: tracker(now),
        clicked: false,
        dkimEnabled: false,
        dkim: tracker(now),
        behaviorOnMxFailure: "UseDefaultValue",
        tags: [],
      };
      this.region(region).identities.set(address, id);
    } else if (this.viewOf(region, id).status === "Failed") {
      id.verification = tracker(now); // a new verification mail was sent
    }
    return id;
  }

  delete(region: string, identity: string): boolean {
    return this.region(region).identities.delete(this.key(identity));
  }

  /** The "click" on the verification link, for tests and the admin API. */
  verifyEmailAddress(region: string, address: string): boolean {
    const id = this.find(region, address);
    if (id?.kind !== "EmailAddress") return false;
    id.clicked = true;
    id.verification = tracker(this.nowMs(), "Success");
    return true;
  }

  setMailFrom(id: Identity, mailFromDomain: string | undefined, behavior: MxFailureBehavior): void {
    id.behaviorOnMxFailure = behavior;
    if (!mailFromDomain) {
      id.mailFromDomain = undefined;
      id.mailFrom = undefined;
      return;
    }
    id.mailFromDomain = normalizeName(mailFromDomain);
    id.mailFrom = tracker(this.nowMs());
  }

  private txtValues(name: string): string[] {
    return this.dns.resolve(name, "TXT").map((r) => r.value);
  }

  private dkimRecordsOk(id: Identity): boolean {
    if (!id.dkimEnabled || !id.dkimTokens) return false;
    return id.dkimTokens.every((t) =>
      this.dns
        .resolve(`${t}._domainkey.${id.name}`, "CNAME")
        .some((r) => normalizeName(r.value) === `${t}.dkim.amazonses.com`),
    );
  }

  private mailFromRecordsOk(region: string, domain: string): boolean {
    const mx = this.dns.resolve(domain, "MX");
    const mxOk =
      mx.length === 1 &&
      normalizeName(mx[0].value) === `feedback-smtp.${region}.amazonses.com` &&
      (mx[0].priority ?? 10) === 10;
    const spfOk = this.txtValues(domain).some(
      (v) => v.trim().replace(/\s+/g, " ") === "v=spf1 include:amazonses.com ~all",
    );
    return mxOk && spfOk;
  }

  /** Current statuses, evaluated against the DNS store right now. */
  viewOf(region: string, id: Identity): IdentityView {
    const now = this.nowMs();
    let status: Status;
    let dkimStatus: Status = "NotStarted";
    let mailFromStatus: Status | undefined;
    if (id.kind === "Domain") {
      const dkimOk = this.dkimRecordsOk(id);
      if (id.dkimEnabled) dkimStatus = evaluate(id.dkim, dkimOk, now, this.failAfterMs);
      else if (id.dkim.seeded) dkimStatus = id.dkim.seeded;
      const txtOk = !!id.verificationToken && this.txtValues(`_amazonses.${id.name}`).includes(id.verificationToken);
      status = evaluate(id.verification, txtOk || dkimOk, now, this.failAfterMs);
      if (id.mailFromDomain && id.mailFrom) {
        mailFromStatus = evaluate(
          id.mailFrom,
          this.mailFromRecordsOk(region, id.mailFromDomain),
          now,
          this.failAfterMs,
        );
      }
    } else {
      status = evaluate(id.verification, id.clicked, now, Math.min(this.failAfterMs, EMAIL_LINK_MS));
    }
    return { identity: id, status, dkimStatus, mailFromStatus, verifiedForSending: status === "Success" };
  }

  /** The identity that makes an address sendable in this region: the address itself, else its (parent) domain. */
  private coveringIdentity(region: string, address: string): { identity?: Identity; verified: boolean } {
    const own = this.find(region, address);
    if (own && this.viewOf(region, own).status === "Success") return { identity: own, verified: true };
    const labels = domainOf(address).split(".");
    for (let i = 0; i < labels.length - 1; i++) {
      const d = this.find(region, labels.slice(i).join("."));
      if (d && this.viewOf(region, d).status === "Success") return { identity: d, verified: true };
    }
    if (own) return { identity: own, verified: false };
    for (let i = 0; i < labels.length - 1; i++) {
      const d = this.find(region, labels.slice(i).join("."));
      if (d) return { identity: d, verified: false };
    }
    return { verified: false };
  }

  isVerifiedAddress(region: string, address: string): boolean {
    return this.coveringIdentity(region, address).verified;
  }

  // ---- account and quota ------------------------------------------------------------------------------------

  sentLast24Hours(region: string): number {
    const acct = this.region(region).account;
    const cutoff = this.nowMs() - DAY_MS;
    acct.log = acct.log.filter((e) => e.at > cutoff);
    const seeded = acct.seededAt > cutoff ? acct.seededSent : 0;
    return seeded + acct.log.reduce((s, e) => s + e.n, 0);
  }

  private sentLastSecond(region: string): number {
    const cutoff = this.nowMs() - 1000;
    return this.region(region).account.log.reduce((s, e) => s + (e.at > cutoff ? e.n : 0), 0);
  }

  // ---- sending ----------------------------------------------------------------------------------------------

  /** A refused send: v1 (and SMTP) word it in backquotes, SESv2 in the modern IAM text. */
  private denySend(input: SendInput, resource: string, decision: Decision): never {
    if (input.api === "v1") {
      throw new AwsError(
        "AccessDenied",
        `User \`${input.principal.arn}' is not authorized to perform \`${input.action}' on resource \`${resource}'`,
        403,
      );
    }
    throw new AwsError(
      "AccessDeniedException",
      modernDenialText(input.principal.arn, input.action, resource, decision),
      403,
    );
  }

  /** One send through any door (v1, v2, SMTP): the same checks in the same order. Throws AwsError. */
  send(input: SendInput): { messageId: string } {
    const { api, region } = input;
    const acct = this.region(region).account;
    if (input.senders.length === 0 || !input.senders[0].address) {
      throw err(api, "param", "Missing required header 'From'.");
    }
    for (const m of [...input.senders, ...input.recipients]) {
      const problem = addressProblem(m.address);
      if (problem) throw err(api, "param", problem);
    }
    if (input.recipients.length === 0) {
      throw api === "v1"
        ? new AwsError("InvalidParameterValue", "Missing required header 'To'.")
        : new AwsError("BadRequestException", "Missing required header 'To'.");
    }
    const uniqueRecipients = [...new Map(input.recipients.map((r) => [r.address.toLowerCase(), r])).values()];
    if (uniqueRecipients.length > MAX_RECIPIENTS) throw err(api, "param", "Recipient count exceeds 50.");

    // authorisation is against the identity that covers the sender (resource-level permissions)
    const from = input.senders[0];
    const covering = this.coveringIdentity(region, from.address);
    const resource = identityArn(region, this.accountId, covering.identity?.name ?? from.address);
    const decision = input.authz.evaluate(input.action, resource, sendConditionKeys(input));
    if (decision !== "allowed") this.denySend(input, resource, decision);
    // a named configuration set is a resource of the send too (IAM: ses:SendEmail/SendRawEmail on configuration-set)
    const setName = input.configurationSetName;
    if (setName !== undefined) {
      const setResource = configurationSetArn(region, this.accountId, setName);
      const setDecision = input.authz.evaluate(input.action, setResource, sendConditionKeys(input));
      if (setDecision !== "allowed") this.denySend(input, setResource, setDecision);
      const set = this.configurationSets.find(region, setName);
      if (!set) throw setMissing(api, setName);
      if (!set.sendingEnabled) {
        throw api === "v1"
          ? new AwsError(
              "ConfigurationSetSendingPausedException",
              `Sending is paused for configuration set <${setName}>.`,
            )
          : new AwsError("SendingPausedException", `Sending is paused for configuration set <${setName}>.`);
      }
    }
    if (!acct.sendingEnabled) throw err(api, "paused", "Sending is paused for this account.");

    const failed: string[] = [];
    const seen = new Set<string>();
    for (const s of input.senders) {
      if (seen.has(s.address)) continue;
      seen.add(s.address);
      if (!this.isVerifiedAddress(region, s.address)) failed.push(s.written);
    }
    if (acct.sandbox) {
      for (const r of uniqueRecipients) {
        if (SIMULATOR_ADDRESSES.has(r.address.toLowerCase())) continue;
        if (!this.isVerifiedAddress(region, r.address)) failed.push(r.written);
      }
    }
    if (failed.length > 0) {
      throw new AwsError(
        "MessageRejected",
        `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${failed.join(", ")}`,
      );
    }

    const senderDomain = this.coveringIdentity(region, from.address).identity;
    if (
      senderDomain?.kind === "Domain" &&
      senderDomain.mailFromDomain &&
      senderDomain.behaviorOnMxFailure === "RejectMessage"
    ) {
      if (this.viewOf(region, senderDomain).mailFromStatus !== "Success") {
        throw new AwsError(
          "MailFromDomainNotVerifiedException",
          `The message could not be sent because Amazon SES could not read the MX record required to use the specified MAIL FROM domain ${senderDomain.mailFromDomain}.`,
        );
      }
    }

    const n = uniqueRecipients.length;
    const inLastSecond = this.sentLastSecond(region);
    // bursts are averaged by SES; refuse only when something already went out within this second
    if (acct.maxSendRate >= 0 && inLastSecond > 0 && inLastSecond + n > acct.maxSendRate) {
      throw err(api, "rate", "Maximum sending rate exceeded.");
    }
    if (acct.max24HourSend >= 0 && this.sentLast24Hours(region) + n > acct.max24HourSend) {
      throw err(api, "quota", "Daily message quota exceeded.");
    }

    const id = messageId();
    const at = this.nowMs();
    acct.log.push({ at, n });
    const message: SentMessage = {
      messageId: id,
      region,
      via: input.via,
      from: from.written,
      to: uniqueRecipients.map((r) => r.address),
      subject: input.subject,
      text: input.text,
      html: input.html,
      raw: input.raw,
      timestamp: new Date(at).toISOString(),
      accessKeyId: input.principal.accessKeyId,
      configurationSet: setName,
    };
    this.sentMessages.push(message);
    // bounded: the admin list is for inspection, not an archive
    if (this.sentMessages.length > 1000) this.sentMessages.splice(0, this.sentMessages.length - 1000);
    try {
      this.onSend({
        message,
        principal: input.principal,
        sourceArn: resource,
        configurationSetName: setName,
        destinations: setName
          ? [...(this.configurationSets.find(region, setName)?.destinations.values() ?? [])].map((d) => ({ ...d }))
          : [],
        headers: input.headers ?? simpleHeaders(input, id),
      });
    } catch (e) {
      console.error("[emulator] event publishing failed:", e);
    }
    return { messageId: id };
  }

  sent(): SentMessage[] {
    return this.sentMessages.map((m) => ({ ...m, to: [...m.to] }));
  }

  clearSent(): void {
    this.sentMessages = [];
  }

  /** JSON snapshot for GET /_emulator/state: per region, the account and every identity with its live status. */
  snapshot(): unknown {
    const regions: Record<string, unknown> = {};
    for (const [name, state] of this.regions) {
      const acct = state.account;
      regions[name] = {
        sandbox: acct.sandbox,
        productionAccessReview: acct.details?.ReviewDetails ?? null,
        sendingEnabled: acct.sendingEnabled,
        max24HourSend: acct.max24HourSend,
        maxSendRate: acct.maxSendRate,
        sentLast24Hours: this.sentLast24Hours(name),
        identities: [...state.identities.values()].map((id) => {
          const v = this.viewOf(name, id);
          return {
            identity: id.name,
            type: id.kind,
            verificationStatus: v.status,
            verificationToken: id.verificationToken,
            dkimEnabled: id.dkimEnabled,
            dkimStatus: v.dkimStatus,
            dkimTokens: id.dkimTokens,
            mailFromDomain: id.mailFromDomain,
            mailFromStatus: v.mailFromStatus,
            behaviorOnMxFailure: id.behaviorOnMxFailure,
            createdAt: new Date(id.createdAt).toISOString(),
          };
        }),
      };
    }
    return { accountId: this.accountId, regions, configurationSets: this.configurationSets.snapshot() };
  }
}
