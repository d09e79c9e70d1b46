import { z } from "zod";
import type { TargetId } from "@/lib/diagnose/schema";
import { eventNeeds, parseTopicAllowList, SesEventTypeSchema, toV2EventType } from "./needs";

/**
 * What the wizard's Events step builds for a platform: the configuration sets under the names its variables will
 * hold, one SNS topic, an SNS event destination per set, and an http(s) subscription of the platform's webhook.
 * The same plan renders as console steps and AWS CLI commands for the manual path. Pure; safe for the browser.
 */

export const PlanSetSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Configuration set names are 1–64 letters, digits, _ and -."),
  role: z.string(),
  variable: z.string(),
  eventTypes: z.array(SesEventTypeSchema).min(1),
});
export type PlanSet = z.infer<typeof PlanSetSchema>;

export const EventPlanSchema = z.object({
  sets: z.array(PlanSetSchema).min(1),
  topicName: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "Topic names are letters, digits, _ and - (no .fifo)."),
  webhookUrl: z.string().url(),
  /** the event destination's name inside each set */
  destinationName: z.string(),
});
export type EventPlan = z.infer<typeof EventPlanSchema>;

export const DESTINATION_NAME = "sesame-sns-events";

/** The sets the wizard creates; useSend builds its own (the wizard checks them), SDK and SMTP apps have none. */
export function proposedSets(target: TargetId): PlanSet[] {
  const needs = eventNeeds(target);
  if (target === "plunk") {
    const tracking = needs.sets[0].eventTypes;
    return [
      { name: "plunk-tracking", role: "tracking", variable: "SES_CONFIGURATION_SET", eventTypes: tracking },
      {
        name: "plunk-no-tracking",
        role: "no tracking",
        variable: "SES_CONFIGURATION_SET_NO_TRACKING",
        eventTypes: ["send", "delivery", "bounce", "complaint"],
      },
    ];
  }
  if (target === "plunk-v1")
    return [
      {
        name: "plunk-events",
        role: "events",
        variable: "AWS_SES_CONFIGURATION_SET",
        eventTypes: needs.sets[0].eventTypes,
      },
    ];
  return [];
}

/** A starting point for the webhook URL: the platform's path on api.<domain>, which the operator corrects. */
export function suggestedWebhookUrl(target: TargetId, domain: string | undefined): string {
  const host = domain ? `api.${domain}` : "api.example.com";
  return `https://${host}${eventNeeds(target).webhookPath}`;
}

/** The platform's variables after the loop exists; an existing allow-list keeps its other topics. */
export function eventEnvVars(
  target: TargetId,
  plan: Pick<EventPlan, "sets">,
  topicArn: string,
  currentEnv: Record<string, string | undefined> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of plan.sets) out[s.variable] = s.name;
  const allowVar = eventNeeds(target).allowListVar;
  if (allowVar) {
    const list = parseTopicAllowList(currentEnv[allowVar]);
    out[allowVar] = [...new Set([...list, topicArn])].join(",");
  }
  return out;
}

export function topicArnOf(region: string, accountId: string, topicName: string): string {
  return `arn:aws:sns:${region}:${accountId}:${topicName}`;
}

const q = (s: string) => (/^[A-Za-z0-9_.:/@,+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** AWS CLI commands for the manual path, in order (run with an administrator's profile). */
export function cliCommands(plan: EventPlan, region: string, accountId = "<account-id>"): string[] {
  const arn = topicArnOf(region, accountId, plan.topicName);
  const protocol = plan.webhookUrl.startsWith("https:") ? "https" : "http";
  return [
    `aws sns create-topic --name ${q(plan.topicName)} --region ${region}`,
    ...plan.sets.flatMap((s) => [
      `aws sesv2 create-configuration-set --configuration-set-name ${q(s.name)} --region ${region}`,
      `aws sesv2 create-configuration-set-event-destination --configuration-set-name ${q(s.name)} --event-destination-name ${plan.destinationName} --event-destination ${q(
        JSON.stringify({
          Enabled: true,
          MatchingEventTypes: s.eventTypes.map(toV2EventType),
          SnsDestination: { TopicArn: arn },
        }),
      )} --region ${region}`,
    ]),
    `aws sns subscribe --topic-arn ${arn} --protocol ${protocol} --notification-endpoint ${q(plan.webhookUrl)} --region ${region}`,
    `aws sns list-subscriptions-by-topic --topic-arn ${arn} --region ${region}   # wait until SubscriptionArn is no longer PendingConfirmation`,
  ];
}

const TYPE_LABEL: Record<string, string> = {
  send: "Sends",
  delivery: "Deliveries",
  bounce: "Bounces",
  complaint: "Complaints",
  open: "Opens",
  click: "Clicks",
  reject: "Rejects",
  renderingFailure: "Rendering failures",
  deliveryDelay: "Delivery delays",
  subscription: "Subscriptions",
};

/** The same steps in the AWS consoles. */
export function consoleSteps(plan: EventPlan, region: string): string[] {
  return [
    `Open the SNS console in ${region} → Topics → Create topic: type Standard, name "${plan.topicName}".`,
    ...plan.sets.flatMap((s) => [
      `Open the SES console in ${region} → Configuration sets → Create set: name "${s.name}" (${s.role}).`,
      `In "${s.name}" → Event destinations → Add destination: event types ${s.eventTypes.map((t) => TYPE_LABEL[t] ?? t).join(", ")}; destination type Amazon SNS, topic "${plan.topicName}"; name "${plan.destinationName}".`,
    ]),
    `Back in the SNS topic "${plan.topicName}" → Create subscription: protocol ${plan.webhookUrl.startsWith("https:") ? "HTTPS" : "HTTP"}, endpoint ${plan.webhookUrl}. The platform must already be running there: it confirms the subscription itself.`,
    "Wait until the subscription's status is Confirmed (Sesame polls it below).",
  ];
}
