import type { RestMatch, RestOperation } from "../../core/operations";
import { AwsError, type RequestContext } from "../../core/types";
import {
  type ConfigurationSet,
  type EventDestination,
  type EventType,
  isValidSetName,
  SetExists,
  setMissing,
  V2_EVENT_TYPES,
} from "../ses/configuration-sets";
import { configurationSetArn, type SesModel } from "../ses/model";

/** SESv2 configuration-set operations; paths, shapes and errors from botocore's sesv2 2019-09-27 model. */

const bad = (message: string) => new AwsError("BadRequestException", message, 400);

function object(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw bad(`${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function findSet(model: SesModel, ctx: RequestContext, name: string): ConfigurationSet {
  const set = model.configurationSets.find(ctx.region, name);
  if (!set) throw setMissing("v2", name);
  return set;
}

/** EventDestinationDefinition → a destination; Enabled is false unless given (SESv2 API reference). */
function definition(name: string, value: unknown): EventDestination {
  const d = object(value, "EventDestination");
  const types = d.MatchingEventTypes;
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => typeof t !== "string"))) {
    throw bad("MatchingEventTypes must be a list of strings.");
  }
  const list = (types as string[] | undefined) ?? [];
  const unknown = list.filter((t) => !(V2_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw bad(`Invalid event type ${unknown[0]}; expected one of ${V2_EVENT_TYPES.join(", ")}.`);
  }
  if (list.length === 0) throw bad("MatchingEventTypes must contain at least one event type.");
  const sns = d.SnsDestination === undefined ? undefined : object(d.SnsDestination, "SnsDestination");
  const topic = sns?.TopicArn;
  if (sns && (typeof topic !== "string" || !/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]{1,256}$/.test(topic))) {
    throw bad(`Invalid SNS topic ARN ${String(topic)}.`);
  }
  const others = [
    "CloudWatchDestination",
    "KinesisFirehoseDestination",
    "PinpointDestination",
    "EventBridgeDestination",
  ];
  if (!sns && !others.some((k) => d[k] !== undefined)) throw bad("An event destination must have a destination.");
  if (d.Enabled !== undefined && typeof d.Enabled !== "boolean") throw bad("Enabled must be a boolean.");
  return {
    name,
    enabled: d.Enabled === true,
    matchingEventTypes: [...new Set(list)] as EventType[],
    snsTopicArn: topic as string | undefined,
  };
}

const destinationJson = (d: EventDestination) => ({
  Name: d.name,
  Enabled: d.enabled,
  MatchingEventTypes: d.matchingEventTypes,
  ...(d.snsTopicArn ? { SnsDestination: { TopicArn: d.snsTopicArn } } : {}),
});

export function configurationSetOperationsV2(model: SesModel): RestOperation[] {
  function listSets(req: RestMatch, ctx: RequestContext) {
    const input = req.method === "POST" ? object(req.body, "The request body") : req.query;
    const size = input.PageSize !== undefined ? Number(input.PageSize) : 1000;
    if (!Number.isInteger(size) || size < 1 || size > 1000) throw bad("PageSize must be between 1 and 1000.");
    const token = typeof input.NextToken === "string" ? input.NextToken : undefined;
    const start = token ? Number(Buffer.from(token, "base64").toString("utf8")) : 0;
    if (!Number.isInteger(start) || start < 0) throw bad("Invalid NextToken.");
    const all = model.configurationSets.list(ctx.region);
    const body: Record<string, unknown> = { ConfigurationSets: all.slice(start, start + size).map((s) => s.name) };
    if (start + size < all.length) body.NextToken = Buffer.from(String(start + size)).toString("base64");
    return { status: 200, body };
  }
  const pathSet = (req: RestMatch, ctx: RequestContext) =>
    configurationSetArn(ctx.region, model.accountId, req.params.ConfigurationSetName);
  return [
    {
      name: "CreateConfigurationSet",
      method: "POST",
      path: "/configuration-sets",
      iam: "ses:CreateConfigurationSet",
      resource: (req, ctx) => {
        const name = (req.body as { ConfigurationSetName?: unknown } | undefined)?.ConfigurationSetName;
        return typeof name === "string" && name !== "" ? configurationSetArn(ctx.region, model.accountId, name) : "*";
      },
      handler(req, ctx) {
        const body = object(req.body, "The request body");
        const name = body.ConfigurationSetName;
        if (typeof name !== "string" || name === "") throw bad("ConfigurationSetName is required.");
        if (!isValidSetName(name)) {
          throw bad(
            `Invalid configuration set name ${name}: use up to 64 letters, numbers, hyphens (-) and underscores (_).`,
          );
        }
        const sending = object(body.SendingOptions, "SendingOptions");
        let set: ConfigurationSet;
        try {
          set = model.configurationSets.create(ctx.region, name);
        } catch (e) {
          if (e instanceof SetExists) throw new AwsError("AlreadyExistsException", e.message, 400);
          throw e;
        }
        set.sendingEnabled = sending.SendingEnabled !== false;
        if (Array.isArray(body.Tags)) set.tags = body.Tags as ConfigurationSet["tags"];
        return { status: 200, body: {} };
      },
    },
    // older SDKs: GET with query parameters; the current model: POST /v2/email/list-configuration-sets with a body
    {
      name: "ListConfigurationSets",
      method: "GET",
      path: "/configuration-sets",
      iam: "ses:ListConfigurationSets",
      handler: listSets,
    },
    {
      name: "ListConfigurationSets",
      method: "POST",
      path: "/list-configuration-sets",
      iam: "ses:ListConfigurationSets",
      handler: listSets,
    },
    {
      name: "GetConfigurationSet",
      method: "GET",
      path: "/configuration-sets/{ConfigurationSetName}",
      iam: "ses:GetConfigurationSet",
      resource: pathSet,
      handler(req, ctx) {
        const set = findSet(model, ctx, req.params.ConfigurationSetName);
        return {
          status: 200,
          body: {
            ConfigurationSetName: set.name,
            DeliveryOptions: { TlsPolicy: "OPTIONAL" },
            ReputationOptions: { ReputationMetricsEnabled: false },
            SendingOptions: { SendingEnabled: set.sendingEnabled },
            Tags: set.tags,
          },
        };
      },
    },
    {
      name: "DeleteConfigurationSet",
      method: "DELETE",
      path: "/configuration-sets/{ConfigurationSetName}",
      iam: "ses:DeleteConfigurationSet",
      resource: pathSet,
      handler(req, ctx) {
        if (!model.configurationSets.delete(ctx.region, req.params.ConfigurationSetName)) {
          throw setMissing("v2", req.params.ConfigurationSetName);
        }
        return { status: 200, body: {} };
      },
    },
    {
      name: "CreateConfigurationSetEventDestination",
      method: "POST",
      path: "/configuration-sets/{ConfigurationSetName}/event-destinations",
      iam: "ses:CreateConfigurationSetEventDestination",
      resource: pathSet,
      handler(req, ctx) {
        const set = findSet(model, ctx, req.params.ConfigurationSetName);
        const body = object(req.body, "The request body");
        const name = body.EventDestinationName;
        if (typeof name !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
          throw bad("EventDestinationName is required: up to 64 letters, numbers, hyphens and underscores.");
        }
        if (body.EventDestination === undefined) throw bad("EventDestination is required.");
        if (set.destinations.has(name)) {
          throw new AwsError(
            "AlreadyExistsException",
            `Event destination <${name}> already exists in configuration set <${set.name}>.`,
            400,
          );
        }
        set.destinations.set(name, definition(name, body.EventDestination));
        return { status: 200, body: {} };
      },
    },
    {
      name: "GetConfigurationSetEventDestinations",
      method: "GET",
      path: "/configuration-sets/{ConfigurationSetName}/event-destinations",
      iam: "ses:GetConfigurationSetEventDestinations",
      resource: pathSet,
      handler(req, ctx) {
        const set = findSet(model, ctx, req.params.ConfigurationSetName);
        return { status: 200, body: { EventDestinations: [...set.destinations.values()].map(destinationJson) } };
      },
    },
    {
      name: "UpdateConfigurationSetEventDestination",
      method: "PUT",
      path: "/configuration-sets/{ConfigurationSetName}/event-destinations/{EventDestinationName}",
      iam: "ses:UpdateConfigurationSetEventDestination",
      resource: pathSet,
      handler(req, ctx) {
        const set = findSet(model, ctx, req.params.ConfigurationSetName);
        const name = req.params.EventDestinationName;
        if (!set.destinations.has(name)) throw destinationMissing(set.name, name);
        const body = object(req.body, "The request body");
        if (body.EventDestination === undefined) throw bad("EventDestination is required.");
        set.destinations.set(name, definition(name, body.EventDestination));
        return { status: 200, body: {} };
      },
    },
    {
      name: "DeleteConfigurationSetEventDestination",
      method: "DELETE",
      path: "/configuration-sets/{ConfigurationSetName}/event-destinations/{EventDestinationName}",
      iam: "ses:DeleteConfigurationSetEventDestination",
      resource: pathSet,
      handler(req, ctx) {
        const set = findSet(model, ctx, req.params.ConfigurationSetName);
        if (!set.destinations.delete(req.params.EventDestinationName)) {
          throw destinationMissing(set.name, req.params.EventDestinationName);
        }
        return { status: 200, body: {} };
      },
    },
  ];
}

const destinationMissing = (set: string, name: string) =>
  new AwsError("NotFoundException", `Event destination <${name}> does not exist in configuration set <${set}>.`, 404);
