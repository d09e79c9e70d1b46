import { randomBytes, randomUUID } from "node:crypto";
import type { SnsConfig, SnsSubscriptionSeed } from "../../config";
import { AwsError } from "../../core/types";
import { partitionOf } from "../../regions";
import { deliver, type DeliveryAttempt } from "./delivery";
import { signMessage } from "./signing";

/**
 * SNS topics and HTTP/S subscriptions per region, and the messages the stand-in posts to them (docs/emulator.md "SNS").
 * No HTTP here: handlers.ts is the wire side, delivery.ts the outbound POST with AWS's retry policy.
 */

export interface Topic {
  arn: string;
  name: string;
  region: string;
  owner: string;
  attributes: Record<string, string>;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: "http" | "https";
  endpoint: string;
  owner: string;
  status: "PendingConfirmation" | "Confirmed";
  token: string;
  confirmationWasAuthenticated: boolean;
  rawMessageDelivery: boolean;
}

/** The path the stand-in serves its signing certificate under (AWS: /SimpleNotificationService-<hash>.pem). */
export const SIGNING_CERT_PATH = "/SimpleNotificationService-emulator.pem";

const MAX_ATTEMPTS_LOGGED = 500;

export const topicNotFound = () => new AwsError("NotFound", "Topic does not exist", 404);
export const subscriptionNotFound = () => new AwsError("NotFound", "Subscription does not exist", 404);
export const invalidParameter = (what: string) => new AwsError("InvalidParameter", `Invalid parameter: ${what}`, 400);

export function topicArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:sns:${region}:${accountId}:${name}`;
}

/** arn:<partition>:sns:<region>:<account>:<name>[:<subscription id>] → its parts, or undefined. */
export function parseSnsArn(arn: string): { region: string; accountId: string; name: string; id?: string } | undefined {
  const m = /^arn:aws[\w-]*:sns:([\w-]+):(\d{12}):([\w-]{1,256})(?::([\w-]+))?$/.exec(arn);
  return m ? { region: m[1], accountId: m[2], name: m[3], id: m[4] } : undefined;
}

export class SnsModel {
  private topics = new Map<string, Topic>();
  private subscriptions = new Map<string, Subscription>();
  private attempts: DeliveryAttempt[] = [];
  /** tokens of UnsubscribeConfirmation messages → the subscription their SubscribeURL restores */
  private unsubscribed = new Map<string, Subscription>();
  /** deliveries in flight, so close() and tests can wait for them */
  private readonly inflight = new Set<Promise<void>>();
  private generation = 0;

  constructor(
    private config: SnsConfig,
    private readonly accountId: () => string,
    /** the stand-in's own base URL (SubscribeURL, SigningCertURL, UnsubscribeURL) */
    private readonly baseUrl: () => string,
    private readonly now: () => Date,
  ) {
    this.reset(config);
  }

  reset(config: SnsConfig): void {
    this.config = config;
    this.generation++; // deliveries of the old world stop retrying
    this.topics = new Map();
    this.subscriptions = new Map();
    this.unsubscribed = new Map();
    this.attempts = [];
    for (const t of config.topics) {
      const topic = this.createTopic(t.region, t.name, {});
      for (const seed of t.subscriptions) this.seedSubscription(topic, seed);
    }
  }

  /** A subscription from the config file: no confirmation message is posted (docs/emulator.md "SNS"). */
  private seedSubscription(t: Topic, seed: SnsSubscriptionSeed): void {
    const duplicate = [...this.subscriptions.values()].some(
      (s) => s.topicArn === t.arn && s.protocol === seed.protocol && s.endpoint === seed.endpoint,
    );
    if (duplicate) return;
    const sub: Subscription = {
      arn: `${t.arn}:${randomUUID()}`,
      topicArn: t.arn,
      protocol: seed.protocol,
      endpoint: seed.endpoint,
      owner: this.accountId(),
      status: seed.status,
      token: randomBytes(64).toString("hex"),
      confirmationWasAuthenticated: false,
      rawMessageDelivery: false,
    };
    this.subscriptions.set(sub.arn, sub);
  }

  // ---- topics -------------------------------------------------------------------------------------------------

  createTopic(region: string, name: string, attributes: Record<string, string>): Topic {
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(name)) throw invalidParameter("Topic Name");
    const arn = topicArn(region, this.accountId(), name);
    const existing = this.topics.get(arn);
    if (existing) return existing; // CreateTopic is idempotent for the same name
    const version = attributes.SignatureVersion ?? "1";
    if (version !== "1" && version !== "2") {
      throw invalidParameter("Attributes Reason: SignatureVersion: Invalid value. Valid values are: 1 and 2");
    }
    const topic: Topic = {
      arn,
      name,
      region,
      owner: this.accountId(),
      attributes: { DisplayName: attributes.DisplayName ?? "", SignatureVersion: version },
    };
    this.topics.set(arn, topic);
    return topic;
  }

  topic(region: string, arn: string): Topic {
    const t = this.topics.get(arn);
    if (!t || t.region !== region) throw topicNotFound();
    return t;
  }

  listTopics(region: string): Topic[] {
    return [...this.topics.values()].filter((t) => t.region === region);
  }

  deleteTopic(region: string, arn: string): void {
    const t = this.topics.get(arn);
    if (!t || t.region !== region) return; // DeleteTopic of a missing topic succeeds
    this.topics.delete(arn);
    for (const [subArn, s] of this.subscriptions) if (s.topicArn === arn) this.subscriptions.delete(subArn);
  }

  setTopicAttribute(region: string, arn: string, name: string, value: string): void {
    const t = this.topic(region, arn);
    if (name === "SignatureVersion" && value !== "1" && value !== "2") {
      throw invalidParameter("Attributes Reason: SignatureVersion: Invalid value. Valid values are: 1 and 2");
    }
    if (!["DisplayName", "SignatureVersion", "Policy", "DeliveryPolicy"].includes(name)) {
      throw invalidParameter(`AttributeName`);
    }
    t.attributes[name] = value;
  }

  topicAttributes(region: string, arn: string): Record<string, string> {
    const t = this.topic(region, arn);
    const subs = this.subscriptionsOf(arn);
    return {
      TopicArn: t.arn,
      Owner: t.owner,
      DisplayName: t.attributes.DisplayName,
      SignatureVersion: t.attributes.SignatureVersion,
      SubscriptionsConfirmed: String(subs.filter((s) => s.status === "Confirmed").length),
      SubscriptionsPending: String(subs.filter((s) => s.status === "PendingConfirmation").length),
      SubscriptionsDeleted: "0",
      Policy: t.attributes.Policy ?? defaultTopicPolicy(t),
      EffectiveDeliveryPolicy: JSON.stringify(this.effectiveDeliveryPolicy()),
    };
  }

  // ---- subscriptions ------------------------------------------------------------------------------------------

  subscribe(region: string, arn: string, protocol: string, endpoint: string): Subscription {
    const t = this.topic(region, arn);
    if (protocol !== "http" && protocol !== "https") {
      // the stand-in delivers to web endpoints only
      throw invalidParameter(`Invalid protocol type: ${protocol}`);
    }
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw invalidParameter("Endpoint must match the specified protocol");
    }
    if (url.protocol !== `${protocol}:`) throw invalidParameter("Endpoint must match the specified protocol");
    const existing = [...this.subscriptions.values()].find(
      (s) => s.topicArn === t.arn && s.protocol === protocol && s.endpoint === endpoint,
    );
    if (existing?.status === "Confirmed") return existing;
    const sub: Subscription = existing ?? {
      arn: `${t.arn}:${randomUUID()}`,
      topicArn: t.arn,
      protocol,
      endpoint,
      owner: this.accountId(),
      status: "PendingConfirmation",
      token: "",
      confirmationWasAuthenticated: false,
      rawMessageDelivery: false,
    };
    // a new token for every confirmation message, as SNS sends a fresh one when asked again
    sub.token = randomBytes(64).toString("hex");
    this.subscriptions.set(sub.arn, sub);
    this.post(sub, this.confirmationMessage(t, sub));
    return sub;
  }

  /** ConfirmSubscription (signed call) or a GET of SubscribeURL (authenticated false). */
  confirm(region: string, arn: string, token: string, authenticated: boolean): Subscription {
    const t = this.topic(region, arn);
    let sub = [...this.subscriptions.values()].find((s) => s.topicArn === t.arn && s.token === token);
    const restored = this.unsubscribed.get(token);
    if (!sub && restored?.topicArn === t.arn) {
      this.unsubscribed.delete(token);
      sub = restored;
      this.subscriptions.set(sub.arn, sub);
    }
    if (!sub) throw invalidParameter("Token");
    sub.status = "Confirmed";
    sub.confirmationWasAuthenticated = authenticated;
    return sub;
  }

  subscription(arn: string): Subscription {
    const s = this.subscriptions.get(arn);
    if (!s) throw subscriptionNotFound();
    return s;
  }

  /** all subscriptions of a region, or of one topic */
  listSubscriptions(region: string, topic?: string): Subscription[] {
    return [...this.subscriptions.values()].filter(
      (s) => (topic ? s.topicArn === topic : true) && parseSnsArn(s.topicArn)?.region === region,
    );
  }

  private subscriptionsOf(topic: string): Subscription[] {
    return [...this.subscriptions.values()].filter((s) => s.topicArn === topic);
  }

  /**
   * Removes a subscription; a confirmed one gets an UnsubscribeConfirmation whose SubscribeURL subscribes it again,
   * as SNS does.
   */
  unsubscribe(arn: string): Subscription | undefined {
    const s = this.subscriptions.get(arn);
    this.subscriptions.delete(arn);
    const t = s ? this.topics.get(s.topicArn) : undefined;
    if (s && t && s.status === "Confirmed") {
      const gone: Subscription = { ...s, token: randomBytes(64).toString("hex") };
      this.unsubscribed.set(gone.token, gone);
      this.post(gone, this.confirmationMessage(t, gone, "UnsubscribeConfirmation"));
    }
    return s;
  }

  subscriptionAttributes(arn: string): Record<string, string> {
    const s = this.subscription(arn);
    return {
      SubscriptionArn: s.arn,
      TopicArn: s.topicArn,
      Owner: s.owner,
      Protocol: s.protocol,
      Endpoint: s.endpoint,
      PendingConfirmation: String(s.status === "PendingConfirmation"),
      ConfirmationWasAuthenticated: String(s.confirmationWasAuthenticated),
      RawMessageDelivery: String(s.rawMessageDelivery),
      EffectiveDeliveryPolicy: JSON.stringify(this.effectiveDeliveryPolicy()),
    };
  }

  // ---- publishing ---------------------------------------------------------------------------------------------

  /** Publish to every confirmed subscription of the topic; returns the MessageId. */
  publish(region: string, arn: string, message: string, subject?: string): string {
    const t = this.topic(region, arn);
    const messageId = randomUUID();
    for (const sub of this.subscriptionsOf(t.arn)) {
      if (sub.status !== "Confirmed") continue;
      const body: Record<string, string> = {
        Type: "Notification",
        MessageId: messageId,
        TopicArn: t.arn,
        ...(subject !== undefined ? { Subject: subject } : {}),
        Message: message,
        Timestamp: this.now().toISOString(),
      };
      this.post(sub, this.signed(t, body, { UnsubscribeURL: this.unsubscribeUrl(t, sub) }));
    }
    return messageId;
  }

  /** For SES event publishing: publish by ARN from any region, silently dropping a topic that is gone (as SES does). */
  publishIfExists(arn: string, message: string, subject: string): string | undefined {
    const parsed = parseSnsArn(arn);
    if (!parsed || !this.topics.has(arn)) return undefined;
    return this.publish(parsed.region, arn, message, subject);
  }

  private confirmationMessage(
    t: Topic,
    sub: Subscription,
    type: "SubscriptionConfirmation" | "UnsubscribeConfirmation" = "SubscriptionConfirmation",
  ): Record<string, string> {
    const subscribeUrl = `${this.baseUrl()}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(t.arn)}&Token=${sub.token}`;
    return this.signed(t, {
      Type: type,
      MessageId: randomUUID(),
      Token: sub.token,
      TopicArn: t.arn,
      Message:
        type === "SubscriptionConfirmation"
          ? `You have chosen to subscribe to the topic ${t.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
          : `You have chosen to deactivate subscription ${sub.arn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: subscribeUrl,
      Timestamp: this.now().toISOString(),
    });
  }

  private unsubscribeUrl(_t: Topic, sub: Subscription): string {
    return `${this.baseUrl()}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(sub.arn)}`;
  }

  private signed(t: Topic, body: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
    const version = t.attributes.SignatureVersion === "2" ? "2" : "1";
    return {
      ...body,
      SignatureVersion: version,
      Signature: signMessage(body, version),
      SigningCertURL: `${this.baseUrl()}${SIGNING_CERT_PATH}`,
      ...extra,
    };
  }

  private post(sub: Subscription, message: Record<string, string>): void {
    const generation = this.generation;
    const p = deliver({
      endpoint: sub.endpoint,
      subscriptionArn: sub.arn,
      message,
      policy: this.config.delivery,
      allowEndpoints: this.config.allowEndpoints,
      stillWanted: () =>
        generation === this.generation && (this.subscriptions.has(sub.arn) || this.unsubscribed.has(sub.token)),
      record: (a) => {
        if (generation !== this.generation) return;
        this.attempts.push(a);
        if (this.attempts.length > MAX_ATTEMPTS_LOGGED)
          this.attempts.splice(0, this.attempts.length - MAX_ATTEMPTS_LOGGED);
      },
      now: this.now,
    });
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Every delivery attempt (newest last), for the admin API and tests. */
  deliveries(): DeliveryAttempt[] {
    return this.attempts.map((a) => ({ ...a }));
  }

  /** Resolves when every delivery in flight (retries included) has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private effectiveDeliveryPolicy() {
    const d = this.config.delivery;
    return {
      http: {
        defaultHealthyRetryPolicy: {
          minDelayTarget: Math.round(d.retryDelayMs / 1000),
          maxDelayTarget: Math.round(d.retryDelayMs / 1000),
          numRetries: d.numRetries,
          numMaxDelayRetries: 0,
          numNoDelayRetries: 0,
          numMinDelayRetries: 0,
          backoffFunction: "linear",
        },
        disableSubscriptionOverrides: false,
        defaultRequestPolicy: { headerContentType: "text/plain; charset=UTF-8" },
      },
    };
  }

  snapshot(): unknown {
    return {
      topics: [...this.topics.values()].map((t) => ({ arn: t.arn, region: t.region, attributes: t.attributes })),
      subscriptions: [...this.subscriptions.values()].map((s) => ({
        arn: s.arn,
        topicArn: s.topicArn,
        protocol: s.protocol,
        endpoint: s.endpoint,
        status: s.status,
      })),
    };
  }
}

function defaultTopicPolicy(t: Topic): string {
  return JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: t.arn,
        Condition: { StringEquals: { "AWS:SourceOwner": t.owner } },
      },
    ],
  });
}
