import "server-only";
import type { EventType } from "@aws-sdk/client-ses";
import { AwsDoor, awsFailureFinding, type CallResult, failureBody, isAccessDenied } from "@/lib/aws";
import type { ClientOptions } from "@/lib/aws/clients";
import type { Finding } from "@/lib/findings/model";
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
  | {
      ok: false;
      step: CreateStep;
      action: string;
      code: string;
      /** the finding's title, why and fix in one paragraph */
      message: string;
      finding: Finding;
      denied: boolean;
    };

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
    const [prefix, operation] = action.split(":") as [string, string];
    const { error, finding } = failureBody(
      awsFailureFinding(r.error, {
        who: "set-up",
        task: "events-build",
        service: prefix === "sns" ? "sns" : "ses",
        operation,
        where: { ...where, region },
        permission: action,
        remedy: "events-list",
      }),
    );
    return { ok: false, step, action, code: r.error.code, denied: isAccessDenied(r.error), message: error, finding };
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
