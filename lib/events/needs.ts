import { z } from "zod";
import type { TargetId } from "@/lib/diagnose/schema";

/**
 * What each platform needs from the SES → SNS → webhook event loop: the configuration sets it sends through (named by
 * its env variables, or by useSend's naming convention), the event types it consumes, the webhook path it listens
 * on, and the variable that allow-lists topics. Pure data, safe for the browser (the wizard shows it).
 * Sources: docs/events.md (Plunk v1 and v2, useSend).
 */

/** SES v1 spelling of event types (the v1 API and the event JSON's `eventType` use these, lower camel case). */
export const SesEventTypeSchema = z.enum([
  "send",
  "reject",
  "bounce",
  "complaint",
  "delivery",
  "open",
  "click",
  "renderingFailure",
  "deliveryDelay",
  "subscription",
]);
export type SesEventType = z.infer<typeof SesEventTypeSchema>;

/** SESv2 spells the same types in upper snake case (BOUNCE, RENDERING_FAILURE). */
export function toV2EventType(t: SesEventType): string {
  return t.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

export function fromAnyEventType(t: string): SesEventType | undefined {
  const camel =
    t.includes("_") || t === t.toUpperCase() ? t.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase()) : t;
  const parsed = SesEventTypeSchema.safeParse(camel);
  return parsed.success ? parsed.data : undefined;
}

export const ConfigSetNeedSchema = z.object({
  /** what the set is for, shown in the wizard: "tracking", "no tracking", "general" … */
  role: z.string(),
  /** the set's name; absent when the platform requires a variable that is not set */
  name: z.string().optional(),
  /** the env variable that names it (absent for useSend, which keeps the names in its database) */
  variable: z.string().optional(),
  /** true when the name is the platform's default because the variable is unset */
  fromDefault: z.boolean(),
  /** the set is optional: its absence from the env means the platform does not use it */
  optional: z.boolean(),
  /** event types the platform reads from this set's notifications */
  eventTypes: z.array(SesEventTypeSchema),
});
export type ConfigSetNeed = z.infer<typeof ConfigSetNeedSchema>;

export const EventNeedsSchema = z.object({
  target: z.string(),
  /** false: the platform has no event webhook (generic SDK apps, SMTP apps) */
  uses: z.boolean(),
  sets: z.array(ConfigSetNeedSchema),
  /** the sets are the platform's own, found by name pattern in the region (useSend) */
  discovered: z.boolean(),
  /** the topic name the wizard proposes */
  topicName: z.string(),
  /** path of the platform's SNS webhook, appended to its public API URL */
  webhookPath: z.string(),
  /** where the path goes, for the wizard's explanation */
  webhookHelp: z.string(),
  /** env variable holding the comma-separated topic allow-list (Plunk v2) */
  allowListVar: z.string().optional(),
  /** the platform accepts only https webhook URLs */
  needsHttps: z.boolean(),
  /** what skipping the step costs, for platforms that may skip it */
  skipTradeoff: z.string().optional(),
});
export type EventNeeds = z.infer<typeof EventNeedsSchema>;

/** Plunk v1 and v2 map these five SES event types to email states (its SNS webhook's eventType switch). */
const PLUNK_TRACKING: SesEventType[] = ["send", "delivery", "bounce", "complaint", "open", "click"];
const PLUNK_NO_TRACKING: SesEventType[] = ["send", "delivery", "bounce", "complaint"];
/** useSend's general set; its click/open/full sets add click and/or open. */
const USESEND_GENERAL: SesEventType[] = [
  "bounce",
  "complaint",
  "delivery",
  "deliveryDelay",
  "reject",
  "renderingFailure",
  "send",
  "subscription",
];

export const PLUNK_DEFAULT_SET = "plunk-configuration-set";
export const PLUNK_TOPIC_ALLOWLIST_VAR = "SNS_TOPIC_ARNS";

/** useSend's names: `<prefix>-<region>-unsend` for the topic, `…-unsend-general|click|open|full` for the sets. */
export function setPatternOfUseSend(region: string): RegExp {
  return new RegExp(`^(.+)-${region.replace(/[^a-z0-9-]/g, "")}-unsend-(general|click|open|full)$`);
}

export function eventTypesOfUseSendSet(kind: string): SesEventType[] {
  if (kind === "click") return [...USESEND_GENERAL, "click"];
  if (kind === "open") return [...USESEND_GENERAL, "open"];
  if (kind === "full") return [...USESEND_GENERAL, "click", "open"];
  return USESEND_GENERAL;
}

const NO_EVENTS_TRADEOFF =
  "Without an event loop the app never learns of bounces or complaints: it keeps mailing dead addresses, and SES pauses accounts whose bounce or complaint rate stays high. Skip only if the app does not act on events, or handles them elsewhere.";

/** The loop as the platform reads it from its env (names as written; blank values count as unset). */
export function eventNeeds(target: TargetId, env: Record<string, string | undefined> = {}): EventNeeds {
  const val = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  switch (target) {
    case "plunk": {
      const tracking = val("SES_CONFIGURATION_SET");
      const noTracking = val("SES_CONFIGURATION_SET_NO_TRACKING");
      const sets: ConfigSetNeed[] = [
        {
          role: "tracking",
          name: tracking ?? PLUNK_DEFAULT_SET,
          variable: "SES_CONFIGURATION_SET",
          fromDefault: !tracking,
          optional: false,
          eventTypes: PLUNK_TRACKING,
        },
      ];
      if (noTracking)
        sets.push({
          role: "no tracking",
          name: noTracking,
          variable: "SES_CONFIGURATION_SET_NO_TRACKING",
          fromDefault: false,
          optional: true,
          eventTypes: PLUNK_NO_TRACKING,
        });
      return {
        target,
        uses: true,
        sets,
        discovered: false,
        topicName: "plunk-ses-events",
        webhookPath: "/webhooks/sns",
        webhookHelp:
          "Plunk v2 receives SES events at POST <API_URI>/webhooks/sns. When your reverse proxy serves the API under /api, the URL is https://your-domain/api/webhooks/sns (Plunk answers both).",
        allowListVar: PLUNK_TOPIC_ALLOWLIST_VAR,
        needsHttps: true,
      };
    }
    case "plunk-v1": {
      const name = val("AWS_SES_CONFIGURATION_SET");
      return {
        target,
        uses: true,
        sets: [
          {
            role: "events",
            ...(name ? { name } : {}),
            variable: "AWS_SES_CONFIGURATION_SET",
            fromDefault: false,
            optional: false,
            eventTypes: PLUNK_TRACKING,
          },
        ],
        discovered: false,
        topicName: "plunk-ses-events",
        webhookPath: "/webhooks/incoming/sns",
        webhookHelp:
          "Plunk v1 receives SES events at POST <API_URI>/webhooks/incoming/sns; behind an /api prefix that is /api/webhooks/incoming/sns.",
        needsHttps: true,
      };
    }
    case "usesend":
      return {
        target,
        uses: true,
        sets: [],
        discovered: true,
        topicName: "<prefix>-<region>-unsend",
        webhookPath: "/api/ses_callback",
        webhookHelp:
          "useSend creates its own topic and four configuration sets when you add the region in its admin settings (Add SES Settings), subscribing <your useSend URL>/api/ses_callback; use the top-level URL, not a sub-path.",
        needsHttps: true,
      };
    default:
      return {
        target,
        uses: false,
        sets: [],
        discovered: false,
        topicName: "ses-events",
        webhookPath: "/",
        webhookHelp: "This platform has no SES event webhook.",
        needsHttps: false,
        skipTradeoff: NO_EVENTS_TRADEOFF,
      };
  }
}

/** Plunk v2's allow-list: comma-separated ARNs, whitespace ignored. */
export function parseTopicAllowList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
