import type { QueryOperation, QueryParams, QueryServiceTable } from "../../core/operations";
import { required } from "../../core/params";
import { AwsError, type RequestContext } from "../../core/types";
import { el, entries, members, xmlEscape } from "../../core/xml";
import { invalidParameter, parseSnsArn, type SnsModel, type Subscription } from "./model";

/** SNS's query API as an operation table; shapes and codes from botocore's sns 2010-03-31 model. */

export const SNS_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

/** `Attributes.entry.N.key` / `.value` → a record */
function attributeMap(p: QueryParams, name = "Attributes"): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; p[`${name}.entry.${i}.key`] !== undefined; i++) {
    out[p[`${name}.entry.${i}.key`]] = p[`${name}.entry.${i}.value`] ?? "";
  }
  return out;
}

const attributesXml = (a: Record<string, string>) =>
  entries(
    "Attributes",
    Object.entries(a).map(([k, v]) => [k, xmlEscape(v)]),
  );

/** A topic ARN of this region; SNS refuses another region's or a malformed one as an invalid parameter. */
function topicParam(p: QueryParams, ctx: RequestContext, name = "TopicArn"): string {
  const arn = required(p, name);
  const parsed = parseSnsArn(arn);
  if (!parsed || parsed.id !== undefined || parsed.region !== ctx.region) throw invalidParameter(name);
  return arn;
}

/** Pages of 100 (ListTopics) or 100 (ListSubscriptions); NextToken is an offset. */
function page<T>(items: T[], token: string | undefined): { items: T[]; next?: string } {
  const start = token ? Number(Buffer.from(token, "base64").toString("utf8")) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter("NextToken");
  const slice = items.slice(start, start + 100);
  return {
    items: slice,
    next: start + 100 < items.length ? Buffer.from(String(start + 100)).toString("base64") : undefined,
  };
}

const subscriptionXml = (s: Subscription) =>
  el("TopicArn", s.topicArn) +
  el("Protocol", s.protocol) +
  // a pending subscription is listed without its ARN, as SNS does
  el("SubscriptionArn", s.status === "Confirmed" ? s.arn : "PendingConfirmation") +
  el("Owner", s.owner) +
  el("Endpoint", s.endpoint);

export function createSnsTable(model: () => SnsModel): QueryServiceTable {
  const topicResource = (p: QueryParams) => p.TopicArn || p.TargetArn || "*";
  const subscriptionTopic = (p: QueryParams) => {
    const parsed = p.SubscriptionArn ? parseSnsArn(p.SubscriptionArn) : undefined;
    return parsed?.id ? p.SubscriptionArn.slice(0, p.SubscriptionArn.lastIndexOf(":")) : "*";
  };
  const confirm = (p: QueryParams, ctx: { region: string }, authenticated: boolean) => {
    const arn = required(p, "TopicArn");
    const parsed = parseSnsArn(arn);
    if (!parsed || parsed.region !== ctx.region) throw invalidParameter("TopicArn");
    return el("SubscriptionArn", model().confirm(ctx.region, arn, required(p, "Token"), authenticated).arn);
  };

  const operations: QueryOperation[] = [
    {
      name: "CreateTopic",
      iam: "sns:CreateTopic",
      resource: (p, ctx) => (p.Name ? `arn:aws:sns:${ctx.region}:${ctx.principal.accountId}:${p.Name}` : "*"),
      handler: (p, ctx) => el("TopicArn", model().createTopic(ctx.region, required(p, "Name"), attributeMap(p)).arn),
    },
    {
      name: "ListTopics",
      iam: "sns:ListTopics",
      handler(p, ctx) {
        const { items, next } = page(model().listTopics(ctx.region), p.NextToken);
        return (
          members(
            "Topics",
            items.map((t) => el("TopicArn", t.arn)),
          ) + el("NextToken", next)
        );
      },
    },
    {
      name: "GetTopicAttributes",
      iam: "sns:GetTopicAttributes",
      resource: topicResource,
      handler: (p, ctx) => attributesXml(model().topicAttributes(ctx.region, topicParam(p, ctx))),
    },
    {
      name: "SetTopicAttributes",
      iam: "sns:SetTopicAttributes",
      resource: topicResource,
      handler(p, ctx) {
        model().setTopicAttribute(ctx.region, topicParam(p, ctx), required(p, "AttributeName"), p.AttributeValue ?? "");
        return "";
      },
    },
    {
      name: "DeleteTopic",
      iam: "sns:DeleteTopic",
      resource: topicResource,
      handler(p, ctx) {
        model().deleteTopic(ctx.region, topicParam(p, ctx));
        return "";
      },
    },
    {
      name: "Subscribe",
      iam: "sns:Subscribe",
      resource: topicResource,
      handler(p, ctx) {
        const sub = model().subscribe(ctx.region, topicParam(p, ctx), required(p, "Protocol"), required(p, "Endpoint"));
        const arn = sub.status === "Confirmed" || p.ReturnSubscriptionArn === "true" ? sub.arn : "pending confirmation";
        return el("SubscriptionArn", arn);
      },
    },
    {
      name: "ConfirmSubscription",
      iam: "sns:ConfirmSubscription",
      resource: topicResource,
      handler: (p, ctx) => confirm(p, ctx, true),
    },
    {
      name: "ListSubscriptions",
      iam: "sns:ListSubscriptions",
      handler(p, ctx) {
        const { items, next } = page(model().listSubscriptions(ctx.region), p.NextToken);
        return members("Subscriptions", items.map(subscriptionXml)) + el("NextToken", next);
      },
    },
    {
      name: "ListSubscriptionsByTopic",
      iam: "sns:ListSubscriptionsByTopic",
      resource: topicResource,
      handler(p, ctx) {
        const arn = topicParam(p, ctx);
        model().topic(ctx.region, arn);
        const { items, next } = page(model().listSubscriptions(ctx.region, arn), p.NextToken);
        return members("Subscriptions", items.map(subscriptionXml)) + el("NextToken", next);
      },
    },
    {
      name: "GetSubscriptionAttributes",
      iam: "sns:GetSubscriptionAttributes",
      resource: subscriptionTopic,
      handler: (p) => attributesXml(model().subscriptionAttributes(subscriptionParam(p))),
    },
    {
      name: "Unsubscribe",
      iam: "sns:Unsubscribe",
      resource: subscriptionTopic,
      handler(p) {
        model().unsubscribe(subscriptionParam(p));
        return "";
      },
    },
    {
      name: "Publish",
      iam: "sns:Publish",
      resource: topicResource,
      handler(p, ctx) {
        const arn = p.TopicArn ? topicParam(p, ctx) : topicParam(p, ctx, "TargetArn");
        if (p.Message === "") throw invalidParameter("Empty message");
        const message = required(p, "Message");
        if (Buffer.byteLength(message) > 256 * 1024) {
          throw invalidParameter("Message too long");
        }
        const subject = p.Subject;
        if (subject !== undefined && (subject.length === 0 || subject.length > 100)) {
          throw invalidParameter("Subject");
        }
        return el("MessageId", model().publish(ctx.region, arn, message, subject));
      },
    },
  ];

  return {
    protocol: "query",
    service: "sns",
    signingNames: ["sns"],
    xmlns: SNS_XMLNS,
    version: "2010-03-31",
    emptyResultElement: false,
    // SNS's own code and the modern text, with the action spelt SNS:<Action> as SNS writes it
    denied: (ctx, action, resource, decision) => {
      const named = `SNS:${action.slice(action.indexOf(":") + 1)}`;
      const reason =
        decision === "explicitDeny"
          ? "with an explicit deny in an identity-based policy"
          : `because no identity-based policy allows the ${named} action`;
      return new AwsError(
        "AuthorizationError",
        `User: ${ctx.principal.arn} is not authorized to perform: ${named} on resource: ${resource} ${reason}`,
        403,
      );
    },
    // the links inside SNS's own messages work without a signature (a GET of SubscribeURL / UnsubscribeURL)
    anonymous: [
      {
        action: "ConfirmSubscription",
        handler(p) {
          const region = parseSnsArn(p.TopicArn ?? "")?.region;
          if (!region) throw invalidParameter("TopicArn");
          return confirm(p, { region }, false);
        },
      },
      {
        action: "Unsubscribe",
        handler(p) {
          model().unsubscribe(subscriptionParam(p));
          return "";
        },
      },
    ],
    operations,
  };
}

function subscriptionParam(p: QueryParams): string {
  const arn = required(p, "SubscriptionArn");
  if (!parseSnsArn(arn)?.id) throw invalidParameter("SubscriptionArn");
  return arn;
}
