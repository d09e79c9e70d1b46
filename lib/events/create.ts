import "server-only";
import type { EventType } from "@aws-sdk/client-ses";
import { AwsDoor, type CallResult, isAccessDenied, isAuthFailure } from "@/lib/aws";
import type { ClientOptions } from "@/lib/aws/clients";
import type { EventPlan } from "./plan";

/**
 * Builds the loop with the one-time set-up credentials (docs/events.md): the topic, each configuration set with an
 * SNS event destination, and the webhook subscription. Every step is idempotent — a set or destination that exists
 * is reused (the destination updated to the plan), an existing subscription of the same URL is not duplicated — so
 * the operator may run it again after fixing something. The credentials are used for these calls only.
 */

export type CreateStep = "topic" | "configuration-set" | "event-destination" | "subscription";

export type CreateResult =
  | {
      ok: true;
      topicArn: string;
      subscriptionArn: string;
      pending: boolean;
      createdSets: string[];
      reusedSets: string[];
    }
  | { ok: false; step: CreateStep; action: string; code: string; message: string; denied: boolean };

const baseCode = (code: string) => code.replace(/Exception$/, "");

export async function createLoop(args: {
  plan: EventPlan;
  region: string;
  client: ClientOptions;
}): Promise<CreateResult> {
  const { plan, region } = args;
  const { credentials, ...where } = args.client;
  const door = new AwsDoor(where, credentials);
  const fail = (step: CreateStep, action: string, r: CallResult<unknown>): CreateResult => {
    if (r.ok) throw new Error("not a failure");
    const denied = isAccessDenied(r.error);
    const auth = isAuthFailure(r.error);
    return {
      ok: false,
      step,
      action,
      code: r.error.code,
      denied,
      message: denied
        ? `The set-up credentials may not call ${action}. Allow it (the list is shown on this page) or use an administrator's temporary credentials. AWS said: ${r.error.message}`
        : auth
          ? `AWS rejected the set-up credentials (${r.error.code}). Paste the key id and secret again; temporary (ASIA…) keys also need their session token.`
          : `${action} failed (${r.error.code}): ${r.error.message}`,
    };
  };

  try {
    const topic = await door.call(
      "sns",
      region,
      "CreateTopic",
      (sdk) => new sdk.CreateTopicCommand({ Name: plan.topicName }),
    );
    if (!topic.ok) return fail("topic", "sns:CreateTopic", topic);
    const topicArn = topic.output.TopicArn as string;

    const createdSets: string[] = [];
    const reusedSets: string[] = [];
    for (const s of plan.sets) {
      const made = await door.call(
        "ses",
        region,
        "CreateConfigurationSet",
        (sdk) => new sdk.CreateConfigurationSetCommand({ ConfigurationSet: { Name: s.name } }),
      );
      if (made.ok) createdSets.push(s.name);
      else if (
        baseCode(made.error.code) === "ConfigurationSetAlreadyExists" ||
        baseCode(made.error.code) === "AlreadyExists"
      )
        reusedSets.push(s.name);
      else return fail("configuration-set", "ses:CreateConfigurationSet", made);

      const destination = {
        Name: plan.destinationName,
        Enabled: true,
        // the v1 API knows the types Plunk uses; deliveryDelay and subscription exist only in SESv2
        MatchingEventTypes: s.eventTypes as EventType[],
        SNSDestination: { TopicARN: topicArn },
      };
      const dest = await door.call(
        "ses",
        region,
        "CreateConfigurationSetEventDestination",
        (sdk) =>
          new sdk.CreateConfigurationSetEventDestinationCommand({
            ConfigurationSetName: s.name,
            EventDestination: destination,
          }),
      );
      if (!dest.ok) {
        if (
          baseCode(dest.error.code) !== "EventDestinationAlreadyExists" &&
          baseCode(dest.error.code) !== "AlreadyExists"
        )
          return fail("event-destination", "ses:CreateConfigurationSetEventDestination", dest);
        const upd = await door.call(
          "ses",
          region,
          "UpdateConfigurationSetEventDestination",
          (sdk) =>
            new sdk.UpdateConfigurationSetEventDestinationCommand({
              ConfigurationSetName: s.name,
              EventDestination: destination,
            }),
        );
        if (!upd.ok) return fail("event-destination", "ses:UpdateConfigurationSetEventDestination", upd);
      }
    }

    const listed = await door.call(
      "sns",
      region,
      "ListSubscriptionsByTopic",
      (sdk) => new sdk.ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    if (!listed.ok) return fail("subscription", "sns:ListSubscriptionsByTopic", listed);
    const existing = (listed.output.Subscriptions ?? []).find((s) => s.Endpoint === plan.webhookUrl);
    if (existing?.SubscriptionArn && existing.SubscriptionArn !== "PendingConfirmation")
      return { ok: true, topicArn, subscriptionArn: existing.SubscriptionArn, pending: false, createdSets, reusedSets };

    const protocol = plan.webhookUrl.startsWith("https:") ? "https" : "http";
    const sub = await door.call(
      "sns",
      region,
      "Subscribe",
      (sdk) =>
        new sdk.SubscribeCommand({
          TopicArn: topicArn,
          Protocol: protocol,
          Endpoint: plan.webhookUrl,
          ReturnSubscriptionArn: true,
        }),
    );
    if (!sub.ok) return fail("subscription", "sns:Subscribe", sub);
    const subscriptionArn = sub.output.SubscriptionArn ?? "PendingConfirmation";
    return { ok: true, topicArn, subscriptionArn, pending: true, createdSets, reusedSets };
  } finally {
    door.destroy();
  }
}
