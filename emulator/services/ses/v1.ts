import { AwsError, type QueryService, type RequestContext } from "../../core/types";
import { addressProblem, isIdentityDomain, type Mailbox, parseMailbox } from "./addresses";
import { parseRaw } from "./mime";
import { type Identity, type IdentityView, identityArn, type MxFailureBehavior, type SesModel } from "./model";
import { double, el, entries, members } from "./xml";

type Params = Record<string, string>;

/** Coral's wording for a missing required member, which the SES query API returns as ValidationError. */
function required(params: Params, name: string, member = name.charAt(0).toLowerCase() + name.slice(1)): string {
  const v = params[name];
  if (v === undefined || v === "") {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

/** Request-side list: Name.member.1, Name.member.2 … in index order. */
function list(params: Params, prefix: string): string[] {
  const out: [number, string][] = [];
  const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.member\\.(\\d+)$`);
  for (const [k, v] of Object.entries(params)) {
    const m = re.exec(k);
    if (m) out.push([Number(m[1]), v]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** Non-send actions: the old SES wording without a resource part (reference/aws.md §1.3). */
function authorize(ctx: RequestContext, action: string, resource = "*"): void {
  if (ctx.authz.evaluate(action, resource) !== "allowed") {
    throw new AwsError("AccessDenied", `User: ${ctx.principal.arn} is not authorized to perform: ${action}`, 403);
  }
}

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

export function createSesV1(model: SesModel): QueryService {
  /** The Get*Attributes calls: a map keyed by each requested identity the region knows; unknown ones are absent. */
  const attributeMap = (
    p: Params,
    ctx: RequestContext,
    action: string,
    mapName: string,
    render: (id: Identity, view: IdentityView) => string,
  ): string => {
    const ids = identitiesParam(p);
    authorize(ctx, action);
    const items: [string, string][] = [];
    for (const name of ids) {
      const id = model.find(ctx.region, name);
      if (id) items.push([name, render(id, model.viewOf(ctx.region, id))]);
    }
    return entries(mapName, items);
  };
  const arn = (ctx: RequestContext, identity: string) => identityArn(ctx.region, model.accountId, identity);

  const actions: QueryService["actions"] = {
    VerifyDomainIdentity(p, ctx) {
      const domain = checkDomain(required(p, "Domain"));
      authorize(ctx, "ses:VerifyDomainIdentity", arn(ctx, domain));
      const id = model.ensureDomain(ctx.region, domain, { dkim: false });
      return el("VerificationToken", id.verificationToken);
    },
    VerifyDomainDkim(p, ctx) {
      const domain = checkDomain(required(p, "Domain"));
      authorize(ctx, "ses:VerifyDomainDkim", arn(ctx, domain));
      const id = model.ensureDomain(ctx.region, domain, { dkim: true });
      return members("DkimTokens", id.dkimTokens ?? []);
    },
    VerifyEmailIdentity(p, ctx) {
      const address = checkEmail(required(p, "EmailAddress"));
      authorize(ctx, "ses:VerifyEmailIdentity", arn(ctx, address));
      model.ensureEmail(ctx.region, address);
      return "";
    },
    VerifyEmailAddress(p, ctx) {
      const address = checkEmail(required(p, "EmailAddress"));
      authorize(ctx, "ses:VerifyEmailAddress", arn(ctx, address));
      model.ensureEmail(ctx.region, address);
      return "";
    },
    ListIdentities(p, ctx) {
      authorize(ctx, "ses:ListIdentities");
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
      authorize(ctx, "ses:ListVerifiedEmailAddresses");
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
        "ses:GetIdentityVerificationAttributes",
        "VerificationAttributes",
        (id, v) => el("VerificationStatus", v.status) + el("VerificationToken", id.verificationToken),
      );
    },
    GetIdentityDkimAttributes(p, ctx) {
      return attributeMap(p, ctx, "ses:GetIdentityDkimAttributes", "DkimAttributes", (id, v) => {
        const value = el("DkimEnabled", id.dkimEnabled) + el("DkimVerificationStatus", v.dkimStatus);
        return id.dkimTokens && id.dkimEnabled ? value + members("DkimTokens", id.dkimTokens) : value;
      });
    },
    GetIdentityMailFromDomainAttributes(p, ctx) {
      return attributeMap(
        p,
        ctx,
        "ses:GetIdentityMailFromDomainAttributes",
        "MailFromDomainAttributes",
        (id, v) =>
          el("MailFromDomain", id.mailFromDomain) +
          el("MailFromDomainStatus", v.mailFromStatus) +
          el("BehaviorOnMXFailure", id.behaviorOnMxFailure),
      );
    },
    SetIdentityMailFromDomain(p, ctx) {
      const identity = required(p, "Identity");
      authorize(ctx, "ses:SetIdentityMailFromDomain", arn(ctx, identity));
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
      authorize(ctx, "ses:DeleteIdentity", arn(ctx, identity));
      model.delete(ctx.region, identity); // SES answers success for unknown identities too
      return "";
    },
    GetSendQuota(_p, ctx) {
      authorize(ctx, "ses:GetSendQuota");
      const acct = model.region(ctx.region).account;
      return (
        el("Max24HourSend", double(acct.max24HourSend)) +
        el("MaxSendRate", double(acct.maxSendRate)) +
        el("SentLast24Hours", double(model.sentLast24Hours(ctx.region)))
      );
    },
    GetAccountSendingEnabled(_p, ctx) {
      authorize(ctx, "ses:GetAccountSendingEnabled");
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
        }).messageId,
      );
    },
  };

  return { signingNames: ["ses", "email"], xmlns: "http://ses.amazonaws.com/doc/2010-12-01/", actions };
}
