import type { QueryOperation, QueryServiceTable } from "../../core/operations";
import { memberList as list, required } from "../../core/params";
import { AwsError, type RequestContext } from "../../core/types";
import { double, el, entries, valueMembers as members } from "../../core/xml";
import { addressProblem, isIdentityDomain, type Mailbox, parseMailbox } from "./addresses";
import { parseRaw } from "./mime";
import { type Identity, type IdentityView, identityArn, type MxFailureBehavior, type SesModel } from "./model";

type Params = Record<string, string>;

export const SES_XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/";

function checkDomain(domain: string): string {
  if (!isIdentityDomain(domain)) throw new AwsError("InvalidParameterValue", `Invalid domain name ${domain}.`);
  return domain;
}

function checkEmail(address: string): string {
  const problem = addressProblem(address);
  if (problem) throw new AwsError("InvalidParameterValue", `Invalid email address ${address}.`);
  return address;
}

function identitiesParam(params: Params): string[] {
  const ids = list(params, "Identities");
  if (ids.length === 0) {
    throw new AwsError(
      "ValidationError",
      "1 validation error detected: Value null at 'identities' failed to satisfy constraint: Member must not be null",
    );
  }
  if (ids.length > 100) {
    throw new AwsError(
      "ValidationError",
      "1 validation error detected: Value at 'identities' failed to satisfy constraint: Member must have length less than or equal to 100",
    );
  }
  return ids;
}

export function createSesV1(model: SesModel, extra: QueryOperation[] = []): QueryServiceTable {
  /** The Get*Attributes calls: a map keyed by each requested identity the region knows; unknown ones are absent. */
  const attributeMap = (
    p: Params,
    ctx: RequestContext,
    mapName: string,
    render: (id: Identity, view: IdentityView) => string,
  ): string => {
    const ids = identitiesParam(p);
    const items: [string, string][] = [];
    for (const name of ids) {
      const id = model.find(ctx.region, name);
      if (id) items.push([name, render(id, model.viewOf(ctx.region, id))]);
    }
    return entries(mapName, items);
  };
  const arn = (ctx: RequestContext, identity: string) => identityArn(ctx.region, model.accountId, identity);

  const handlers: Record<string, QueryOperation["handler"]> = {
    VerifyDomainIdentity(p, ctx) {
      const domain = checkDomain(required(p, "Domain"));
      const id = model.ensureDomain(ctx.region, domain, { dkim: false });
      return el("VerificationToken", id.verificationToken);
    },
    VerifyDomainDkim(p, ctx) {
      const domain = checkDomain(required(p, "Domain"));
      const id = model.ensureDomain(ctx.region, domain, { dkim: true });
      return members("DkimTokens", id.dkimTokens ?? []);
    },
    VerifyEmailIdentity(p, ctx) {
      const address = checkEmail(required(p, "EmailAddress"));
      model.ensureEmail(ctx.region, address);
      return "";
    },
    VerifyEmailAddress(p, ctx) {
      const address = checkEmail(required(p, "EmailAddress"));
      model.ensureEmail(ctx.region, address);
      return "";
    },
    ListIdentities(p, ctx) {
      const type = p.IdentityType;
      if (type !== undefined && type !== "EmailAddress" && type !== "Domain") {
        throw new AwsError(
          "ValidationError",
          `1 validation error detected: Value '${type}' at 'identityType' failed to satisfy constraint: Member must satisfy enum value set: [EmailAddress, Domain]`,
        );
      }
      const all = model.list(ctx.region).filter((i) => !type || i.kind === type);
      const max = p.MaxItems ? Math.max(1, Math.min(1000, Number(p.MaxItems) || 1000)) : 1000;
      const start = p.NextToken ? Number(Buffer.from(p.NextToken, "base64").toString("utf8")) || 0 : 0;
      const page = all.slice(start, start + max);
      const next = start + max < all.length ? Buffer.from(String(start + max)).toString("base64") : undefined;
      return (
        members(
          "Identities",
          page.map((i) => i.name),
        ) + el("NextToken", next)
      );
    },
    ListVerifiedEmailAddresses(_p, ctx) {
      const verified = model
        .list(ctx.region)
        .filter((i) => i.kind === "EmailAddress" && model.viewOf(ctx.region, i).status === "Success");
      return members(
        "VerifiedEmailAddresses",
        verified.map((i) => i.name),
      );
    },
    GetIdentityVerificationAttributes(p, ctx) {
      return attributeMap(
        p,
        ctx,
        "VerificationAttributes",
        (id, v) => el("VerificationStatus", v.status) + el("VerificationToken", id.verificationToken),
      );
    },
    GetIdentityDkimAttributes(p, ctx) {
      return attributeMap(p, ctx, "DkimAttributes", (id, v) => {
        const value = el("DkimEnabled", id.dkimEnabled) + el("DkimVerificationStatus", v.dkimStatus);
        return id.dkimTokens && id.dkimEnabled ? value + members("DkimTokens", id.dkimTokens) : value;
      });
    },
    GetIdentityMailFromDomainAttributes(p, ctx) {
      return attributeMap(
        p,
        ctx,
        "MailFromDomainAttributes",
        (id, v) =>
          el("MailFromDomain", id.mailFromDomain) +
          el("MailFromDomainStatus", v.mailFromStatus) +
          el("BehaviorOnMXFailure", id.behaviorOnMxFailure),
      );
    },
    SetIdentityMailFromDomain(p, ctx) {
      const identity = required(p, "Identity");
      const behavior = (p.BehaviorOnMXFailure ?? "UseDefaultValue") as MxFailureBehavior;
      if (behavior !== "UseDefaultValue" && behavior !== "RejectMessage") {
        throw new AwsError(
          "ValidationError",
          `1 validation error detected: Value '${behavior}' at 'behaviorOnMXFailure' failed to satisfy constraint: Member must satisfy enum value set: [RejectMessage, UseDefaultValue]`,
        );
      }
      const id = model.find(ctx.region, identity);
      if (!id)
        throw new AwsError("InvalidParameterValue", `Identity ${identity} is invalid. Must be a verified identity.`);
      const mailFrom = p.MailFromDomain || undefined;
      if (mailFrom) {
        const parent = id.kind === "Domain" ? id.name : identity.slice(identity.lastIndexOf("@") + 1).toLowerCase();
        const m = mailFrom.toLowerCase().replace(/\.$/, "");
        checkDomain(m);
        if (!m.endsWith(`.${parent}`)) {
          throw new AwsError(
            "InvalidParameterValue",
            `Provided MAIL-FROM domain '${mailFrom}' is not subdomain of the domain of the identity '${identity}'.`,
          );
        }
      }
      model.setMailFrom(id, mailFrom, behavior);
      return "";
    },
    DeleteIdentity(p, ctx) {
      const identity = required(p, "Identity");
      model.delete(ctx.region, identity); // SES answers success for unknown identities too
      return "";
    },
    GetSendQuota(_p, ctx) {
      const acct = model.region(ctx.region).account;
      return (
        el("Max24HourSend", double(acct.max24HourSend)) +
        el("MaxSendRate", double(acct.maxSendRate)) +
        el("SentLast24Hours", double(model.sentLast24Hours(ctx.region)))
      );
    },
    GetAccountSendingEnabled(_p, ctx) {
      return el("Enabled", model.region(ctx.region).account.sendingEnabled);
    },
    SendEmail(p, ctx) {
      const source = required(p, "Source");
      const to = [
        ...list(p, "Destination.ToAddresses"),
        ...list(p, "Destination.CcAddresses"),
        ...list(p, "Destination.BccAddresses"),
      ];
      const subject = required(p, "Message.Subject.Data", "message.subject.data");
      const text = p["Message.Body.Text.Data"];
      const html = p["Message.Body.Html.Data"];
      const senders: Mailbox[] = [parseMailbox(source)];
      // SES checks the Return-Path identity too
      if (p.ReturnPath) senders.push(parseMailbox(p.ReturnPath));
      return el(
        "MessageId",
        model.send({
          api: "v1",
          via: "ses-v1",
          region: ctx.region,
          principal: ctx.principal,
          authz: ctx.authz,
          action: "ses:SendEmail",
          senders,
          recipients: to.map(parseMailbox),
          subject,
          text,
          html,
          configurationSetName: p.ConfigurationSetName || undefined,
        }).messageId,
      );
    },
    async SendRawEmail(p, ctx) {
      const data = required(p, "RawMessage.Data", "rawMessage.data");
      const raw = Buffer.from(data, "base64");
      if (raw.length === 0) throw new AwsError("InvalidParameterValue", "Empty raw message.");
      const parsed = await parseRaw(raw);
      const senders: Mailbox[] = [...parsed.from];
      if (p.Source) senders.unshift(parseMailbox(p.Source));
      if (p.ReturnPath) senders.push(parseMailbox(p.ReturnPath));
      const destinations = list(p, "Destinations");
      const recipients = destinations.length > 0 ? destinations.map(parseMailbox) : parsed.recipients;
      return el(
        "MessageId",
        model.send({
          api: "v1",
          via: "ses-v1",
          region: ctx.region,
          principal: ctx.principal,
          authz: ctx.authz,
          action: "ses:SendRawEmail",
          senders,
          recipients,
          subject: parsed.subject,
          text: parsed.text,
          html: parsed.html,
          raw: raw.toString("utf8"),
          headers: parsed.headers,
          configurationSetName: p.ConfigurationSetName || parsed.configurationSet,
        }).messageId,
      );
    },
  };

  /** The identity a non-send action targets (resource-level permissions), from the parameter that names it. */
  const identityParam: Record<string, string> = {
    VerifyDomainIdentity: "Domain",
    VerifyDomainDkim: "Domain",
    VerifyEmailIdentity: "EmailAddress",
    VerifyEmailAddress: "EmailAddress",
    SetIdentityMailFromDomain: "Identity",
    DeleteIdentity: "Identity",
  };
  const sends = new Set(["SendEmail", "SendRawEmail"]);
  const operations: QueryOperation[] = [
    ...Object.entries(handlers).map(([name, handler]): QueryOperation => {
      const param = identityParam[name];
      return {
        name,
        iam: `ses:${name}`,
        authorize: sends.has(name) ? "send" : "server",
        resource: param ? (p, ctx) => (p[param] ? arn(ctx, p[param]) : "*") : undefined,
        handler,
      };
    }),
    ...extra,
  ];

  return {
    protocol: "query",
    service: "ses",
    signingNames: ["ses", "email"],
    xmlns: SES_XMLNS,
    version: "2010-12-01",
    // SES v1's older wording, without a resource (reference in docs/emulator.md)
    denied: (ctx, action) =>
      new AwsError("AccessDenied", `User: ${ctx.principal.arn} is not authorized to perform: ${action}`, 403),
    operations,
  };
}
