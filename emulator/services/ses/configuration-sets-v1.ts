import type { QueryOperation, QueryParams } from "../../core/operations";
import { memberList, required } from "../../core/params";
import { AwsError, type RequestContext } from "../../core/types";
import { el, members, valueMembers } from "../../core/xml";
import {
  type ConfigurationSet,
  type EventDestination,
  type EventType,
  fromV1EventType,
  isValidSetName,
  SetExists,
  setMissing,
  toV1EventType,
  V1_EVENT_TYPES,
} from "./configuration-sets";
import { configurationSetArn, type SesModel } from "./model";

/** SES v1 (query) configuration-set operations; errors and shapes from botocore's ses 2010-12-01 model. */

function findSet(model: SesModel, ctx: RequestContext, name: string): ConfigurationSet {
  const set = model.configurationSets.find(ctx.region, name);
  if (!set) throw setMissing("v1", name);
  return set;
}

/** EventDestination.* parameters → a destination (v1 default: Enabled false when omitted, as the API says). */
function destinationParam(p: QueryParams): EventDestination {
  const name = required(p, "EventDestination.Name", "eventDestination.name");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new AwsError("InvalidParameterValue", `Invalid event destination name <${name}>.`);
  }
  const types = memberList(p, "EventDestination.MatchingEventTypes");
  if (types.length === 0) {
    throw new AwsError(
      "ValidationError",
      "1 validation error detected: Value null at 'eventDestination.matchingEventTypes' failed to satisfy constraint: Member must not be null",
    );
  }
  const parsed: EventType[] = [];
  for (const t of types) {
    const v = fromV1EventType(t);
    if (!v) {
      throw new AwsError(
        "ValidationError",
        `1 validation error detected: Value '[${types.join(", ")}]' at 'eventDestination.matchingEventTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${V1_EVENT_TYPES.join(", ")}]]`,
      );
    }
    if (!parsed.includes(v)) parsed.push(v);
  }
  const topic = p["EventDestination.SNSDestination.TopicARN"];
  const others = ["CloudWatchDestination", "KinesisFirehoseDestination"].some((k) =>
    Object.keys(p).some((key) => key.startsWith(`EventDestination.${k}.`)),
  );
  if (!topic && !others) {
    throw new AwsError("InvalidParameterValue", "No destination specified for event destination.");
  }
  if (topic !== undefined && !/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]{1,256}$/.test(topic)) {
    throw new AwsError("InvalidSNSDestination", `SNS topic <${topic}> is not a valid topic ARN.`);
  }
  return { name, enabled: p["EventDestination.Enabled"] === "true", matchingEventTypes: parsed, snsTopicArn: topic };
}

const destinationXml = (d: EventDestination) =>
  el("Name", d.name) +
  el("Enabled", d.enabled) +
  valueMembers(
    "MatchingEventTypes",
    d.matchingEventTypes.map((t) => toV1EventType(t)),
  ) +
  (d.snsTopicArn ? `<SNSDestination>${el("TopicARN", d.snsTopicArn)}</SNSDestination>` : "");

export function configurationSetOperationsV1(model: SesModel): QueryOperation[] {
  const setArn = (name: string | undefined) => (p: QueryParams, ctx: RequestContext) =>
    name && p[name] ? configurationSetArn(ctx.region, model.accountId, p[name]) : "*";
  /** An operation on one existing set, named by ConfigurationSetName (missing: ConfigurationSetDoesNotExist). */
  const onSet = (name: string, run: (set: ConfigurationSet, p: QueryParams) => string): QueryOperation => ({
    name,
    iam: `ses:${name}`,
    resource: setArn("ConfigurationSetName"),
    handler: (p, ctx) => run(findSet(model, ctx, required(p, "ConfigurationSetName")), p),
  });
  /** Create or update one event destination: the set, the EventDestination.* parameters, `check`, then it is stored. */
  const withDestination = (name: string, check: (set: ConfigurationSet, d: EventDestination) => void) =>
    onSet(name, (set, p) => {
      const d = destinationParam(p);
      check(set, d);
      set.destinations.set(d.name, d);
      return "";
    });
  return [
    {
      name: "CreateConfigurationSet",
      iam: "ses:CreateConfigurationSet",
      resource: setArn("ConfigurationSet.Name"),
      handler(p, ctx) {
        const name = required(p, "ConfigurationSet.Name", "configurationSet.name");
        if (!isValidSetName(name)) {
          throw new AwsError(
            "InvalidConfigurationSet",
            `Configuration set name <${name}> is invalid. Names can contain only ASCII letters, numbers, underscores and dashes, and be at most 64 characters long.`,
          );
        }
        try {
          model.configurationSets.create(ctx.region, name);
        } catch (e) {
          if (e instanceof SetExists) throw new AwsError("ConfigurationSetAlreadyExists", e.message);
          throw e;
        }
        return "";
      },
    },
    onSet("DescribeConfigurationSet", (set, p) => {
      const attributes = memberList(p, "ConfigurationSetAttributeNames");
      let out = `<ConfigurationSet>${el("Name", set.name)}</ConfigurationSet>`;
      if (attributes.includes("eventDestinations")) {
        out += members("EventDestinations", [...set.destinations.values()].map(destinationXml));
      }
      if (attributes.includes("reputationOptions")) {
        out += `<ReputationOptions>${el("SendingEnabled", set.sendingEnabled)}${el("ReputationMetricsEnabled", false)}</ReputationOptions>`;
      }
      return out;
    }),
    {
      name: "ListConfigurationSets",
      iam: "ses:ListConfigurationSets",
      handler(p, ctx) {
        const all = model.configurationSets.list(ctx.region);
        const max = p.MaxItems ? Math.max(1, Math.min(1000, Number(p.MaxItems) || 1000)) : 1000;
        const start = p.NextToken ? Number(Buffer.from(p.NextToken, "base64").toString("utf8")) || 0 : 0;
        const page = all.slice(start, start + max);
        const next = start + max < all.length ? Buffer.from(String(start + max)).toString("base64") : undefined;
        return (
          members(
            "ConfigurationSets",
            page.map((s) => el("Name", s.name)),
          ) + el("NextToken", next)
        );
      },
    },
    {
      name: "DeleteConfigurationSet",
      iam: "ses:DeleteConfigurationSet",
      resource: setArn("ConfigurationSetName"),
      handler(p, ctx) {
        const name = required(p, "ConfigurationSetName");
        if (!model.configurationSets.delete(ctx.region, name)) throw setMissing("v1", name);
        return "";
      },
    },
    withDestination("CreateConfigurationSetEventDestination", (set, d) => {
      if (set.destinations.has(d.name)) {
        throw new AwsError(
          "EventDestinationAlreadyExists",
          `Event destination <${d.name}> already exists in configuration set <${set.name}>.`,
        );
      }
    }),
    withDestination("UpdateConfigurationSetEventDestination", (set, d) => {
      if (!set.destinations.has(d.name)) throw destinationMissing(set.name, d.name);
    }),
    onSet("DeleteConfigurationSetEventDestination", (set, p) => {
      const name = required(p, "EventDestinationName");
      if (!set.destinations.delete(name)) throw destinationMissing(set.name, name);
      return "";
    }),
  ];
}

const destinationMissing = (set: string, name: string) =>
  new AwsError(
    "EventDestinationDoesNotExist",
    `No EventDestination found for name <${name}> in configuration set <${set}>.`,
  );
