import "server-only";
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  type EventType,
  UpdateConfigurationSetEventDestinationCommand,
} from "@aws-sdk/client-ses";
import {
  CreateTopicCommand,
  type CreateTopicCommandOutput,
  ListSubscriptionsByTopicCommand,
  type ListSubscriptionsByTopicCommandOutput,
  SubscribeCommand,
  type SubscribeCommandOutput,
} from "@aws-sdk/client-sns";
import { awsCall, type CallResult } from "@/lib/aws/call";
import { type ClientOptions, createClient } from "@/lib/aws/clients";
import { isAccessDenied, isAuthFailure } from "@/lib/aws/errors";
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
  const ses = createClient("ses", region, args.client);
  const sns = createClient("sns", region, args.client);
  const call = <T>(client: typeof ses | typeof sns, command: unknown) =>
    // biome-ignore lint/suspicious/noExplicitAny: commands are structurally typed in awsCall
    awsCall<T>(client, command as any, { timeoutMs: args.client.timeoutMs });
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
    const topic = await call<CreateTopicCommandOutput>(sns, new CreateTopicCommand({ Name: plan.topicName }));
    if (!topic.ok) return fail("topic", "sns:CreateTopic", topic);
    const topicArn = topic.output.TopicArn as string;

    const createdSets: string[] = [];
    const reusedSets: string[] = [];
    for (const s of plan.sets) {
      const made = await call(ses, new CreateConfigurationSetCommand({ ConfigurationSet: { Name: s.name } }));
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
      const dest = await call(
        ses,
        new CreateConfigurationSetEventDestinationCommand({
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
        const upd = await call(
          ses,
          new UpdateConfigurationSetEventDestinationCommand({
            ConfigurationSetName: s.name,
            EventDestination: destination,
          }),
        );
        if (!upd.ok) return fail("event-destination", "ses:UpdateConfigurationSetEventDestination", upd);
      }
    }

    const listed = await call<ListSubscriptionsByTopicCommandOutput>(
      sns,
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    if (!listed.ok) return fail("subscription", "sns:ListSubscriptionsByTopic", listed);
    const existing = (listed.output.Subscriptions ?? []).find((s) => s.Endpoint === plan.webhookUrl);
    if (existing?.SubscriptionArn && existing.SubscriptionArn !== "PendingConfirmation")
      return { ok: true, topicArn, subscriptionArn: existing.SubscriptionArn, pending: false, createdSets, reusedSets };

    const protocol = plan.webhookUrl.startsWith("https:") ? "https" : "http";
    const sub = await call<SubscribeCommandOutput>(
      sns,
      new SubscribeCommand({
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
    ses.destroy();
    sns.destroy();
  }
}
