import type { CallResult, ClassifiedError, OutputOf, SdkOf } from "@/lib/aws";
import {
  type ConfigSetNeed,
  type EventNeeds,
  fromAnyEventType,
  type SesEventType,
  setPatternOfUseSend,
  eventTypesOfUseSendSet,
} from "./needs";

/**
 * Reads the event loop as AWS holds it, for the configured region: each configuration set the platform sends through
 * and its event destinations (SES v1 DescribeConfigurationSet), then each SNS topic those destinations name
 * (GetTopicAttributes) and its subscriptions (ListSubscriptionsByTopic). Two round trips after the sets are known;
 * useSend's sets are found by name first (ListConfigurationSets). Every call goes through the caller's `ask`, which
 * carries the region, the credentials and the deadline (the engine's AwsAccess, or a wizard client from lib/aws).
 */

/** Commands are built from the SDK package the door loads on first use (lib/aws/services.ts), never imported here. */
export type Ask = <S extends "ses" | "sns", C>(
  service: S,
  operation: string,
  make: (sdk: SdkOf<S>) => C,
) => Promise<CallResult<OutputOf<C>>>;

export interface ReadFailure {
  /** the IAM action the failed call needs, e.g. ses:DescribeConfigurationSet */
  action: string;
  error: ClassifiedError;
}

export interface Destination {
  name: string;
  enabled: boolean;
  eventTypes: SesEventType[];
  /** SNS destinations only */
  topicArn?: string;
  kind: "sns" | "cloudwatch" | "firehose" | "other";
}

export interface SetObservation {
  need: ConfigSetNeed;
  state: "found" | "missing" | "unknown";
  destinations: Destination[];
  failure?: ReadFailure;
}

export interface Subscription {
  arn: string;
  protocol: string;
  endpoint: string;
  pending: boolean;
}

export interface TopicObservation {
  arn: string;
  state: "found" | "missing" | "unknown";
  subscriptions: Subscription[];
  failure?: ReadFailure;
}

export interface LoopObservation {
  sets: SetObservation[];
  topics: TopicObservation[];
  /** useSend: listing the region's sets failed */
  listFailure?: ReadFailure;
}

const baseCode = (code: string) => code.replace(/Exception$/, "");

async function listSetNames(ask: Ask): Promise<{ names: string[]; failure?: ReadFailure }> {
  const names: string[] = [];
  let token: string | undefined;
  // A region holds few sets; the cap keeps a misbehaving endpoint from paging forever.
  for (let page = 0; page < 20; page++) {
    const r = await ask(
      "ses",
      "ListConfigurationSets",
      (sdk) => new sdk.ListConfigurationSetsCommand({ MaxItems: 1000, ...(token ? { NextToken: token } : {}) }),
    );
    if (!r.ok) return { names, failure: { action: "ses:ListConfigurationSets", error: r.error } };
    for (const s of r.output.ConfigurationSets ?? []) if (s.Name) names.push(s.Name);
    token = r.output.NextToken;
    if (!token) break;
  }
  return { names };
}

async function readSet(ask: Ask, need: ConfigSetNeed): Promise<SetObservation> {
  if (!need.name) return { need, state: "missing", destinations: [] };
  const name = need.name;
  const r = await ask(
    "ses",
    "DescribeConfigurationSet",
    (sdk) =>
      new sdk.DescribeConfigurationSetCommand({
        ConfigurationSetName: name,
        ConfigurationSetAttributeNames: ["eventDestinations"],
      }),
  );
  if (!r.ok) {
    if (baseCode(r.error.code) === "ConfigurationSetDoesNotExist" || baseCode(r.error.code) === "NotFound")
      return { need, state: "missing", destinations: [] };
    return {
      need,
      state: "unknown",
      destinations: [],
      failure: { action: "ses:DescribeConfigurationSet", error: r.error },
    };
  }
  const destinations: Destination[] = (r.output.EventDestinations ?? []).map((d) => ({
    name: d.Name ?? "",
    enabled: d.Enabled === true,
    eventTypes: (d.MatchingEventTypes ?? [])
      .map((t) => fromAnyEventType(String(t)))
      .filter((t): t is SesEventType => !!t),
    ...(d.SNSDestination?.TopicARN ? { topicArn: d.SNSDestination.TopicARN } : {}),
    kind: d.SNSDestination
      ? "sns"
      : d.CloudWatchDestination
        ? "cloudwatch"
        : d.KinesisFirehoseDestination
          ? "firehose"
          : "other",
  }));
  return { need, state: "found", destinations };
}

async function readTopic(ask: Ask, arn: string): Promise<TopicObservation> {
  const [attrs, subs] = await Promise.all([
    ask("sns", "GetTopicAttributes", (sdk) => new sdk.GetTopicAttributesCommand({ TopicArn: arn })),
    listSubscriptions(ask, arn),
  ]);
  if (!attrs.ok) {
    if (baseCode(attrs.error.code) === "NotFound") return { arn, state: "missing", subscriptions: [] };
    return {
      arn,
      state: "unknown",
      subscriptions: [],
      failure: { action: "sns:GetTopicAttributes", error: attrs.error },
    };
  }
  if ("failure" in subs) return { arn, state: "found", subscriptions: [], failure: subs.failure };
  return { arn, state: "found", subscriptions: subs.list };
}

async function listSubscriptions(ask: Ask, arn: string): Promise<{ list: Subscription[] } | { failure: ReadFailure }> {
  const list: Subscription[] = [];
  let token: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await ask(
      "sns",
      "ListSubscriptionsByTopic",
      (sdk) => new sdk.ListSubscriptionsByTopicCommand({ TopicArn: arn, ...(token ? { NextToken: token } : {}) }),
    );
    if (!r.ok) return { failure: { action: "sns:ListSubscriptionsByTopic", error: r.error } };
    for (const s of r.output.Subscriptions ?? [])
      list.push({
        arn: s.SubscriptionArn ?? "",
        protocol: s.Protocol ?? "",
        endpoint: s.Endpoint ?? "",
        // AWS lists an unconfirmed subscription with the literal ARN "PendingConfirmation".
        pending: s.SubscriptionArn === "PendingConfirmation",
      });
    token = r.output.NextToken;
    if (!token) break;
  }
  return { list };
}

/** useSend's sets in the region, by its naming convention (one group per install prefix; the newest wins nothing). */
export function needsFromUseSendNames(names: string[], region: string): ConfigSetNeed[] {
  const pattern = setPatternOfUseSend(region);
  return names
    .map((n) => ({ n, m: pattern.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => !!x.m)
    .map(({ n, m }) => ({
      role: m[2],
      name: n,
      fromDefault: false,
      optional: false,
      eventTypes: eventTypesOfUseSendSet(m[2]),
    }));
}

export async function readLoop(ask: Ask, needs: EventNeeds, region: string): Promise<LoopObservation> {
  let setNeeds = needs.sets;
  let listFailure: ReadFailure | undefined;
  if (needs.discovered) {
    const listed = await listSetNames(ask);
    listFailure = listed.failure;
    setNeeds = needsFromUseSendNames(listed.names, region);
  }
  const sets = await Promise.all(setNeeds.map((n) => readSet(ask, n)));
  const arns = new Set<string>();
  for (const s of sets)
    for (const d of s.destinations) if (d.kind === "sns" && d.enabled && d.topicArn) arns.add(d.topicArn);
  const topics = await Promise.all([...arns].map((arn) => readTopic(ask, arn)));
  return { sets, topics, ...(listFailure ? { listFailure } : {}) };
}
