import { modernDenialText, type RestOperation, type RestServiceTable } from "../../core/operations";
import { AwsError, type RequestContext, type RestRequest, type RestResponse } from "../../core/types";
import { addressProblem, isIdentityDomain, type Mailbox, parseMailbox } from "../ses/addresses";
import { parseRaw } from "../ses/mime";
import { accountDetailsView, putAccountDetails } from "./account-details";
import { identityArn, type Identity, type MxFailureBehavior, type SesModel, type Status } from "../ses/model";

/** SESv2 spells v1's statuses in upper snake case. */
function v2Status(s: Status | undefined): string | undefined {
  if (!s) return undefined;
  return {
    Pending: "PENDING",
    Success: "SUCCESS",
    Failed: "FAILED",
    TemporaryFailure: "TEMPORARY_FAILURE",
    NotStarted: "NOT_STARTED",
  }[s];
}

const epoch = (ms: number | undefined) => (ms === undefined ? undefined : Math.floor(ms / 1000));

function bad(message: string): AwsError {
  return new AwsError("BadRequestException", message, 400);
}

function notFound(identity: string): AwsError {
  return new AwsError("NotFoundException", `Email identity ${identity} does not exist.`, 404);
}

function obj(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) throw bad("Request body must be a JSON object.");
  return body as Record<string, unknown>;
}

function str(o: Record<string, unknown>, key: string, requiredField = false): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === "") {
    if (requiredField) throw bad(`${key} is required.`);
    return undefined;
  }
  if (typeof v !== "string") throw bad(`${key} must be a string.`);
  return v;
}

function strings(o: Record<string, unknown> | undefined, key: string): string[] {
  const v = o?.[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw bad(`${key} must be a list of strings.`);
  return v as string[];
}

function dkimAttributes(model: SesModel, region: string, id: Identity): Record<string, unknown> {
  if (id.kind !== "Domain" || !id.dkimEnabled) {
    return {
      SigningEnabled: false,
      Status: v2Status(model.viewOf(region, id).dkimStatus),
      SigningAttributesOrigin: "AWS_SES",
      NextSigningKeyLength: "RSA_1024_BIT",
    };
  }
  return {
    SigningEnabled: true,
    Status: v2Status(model.viewOf(region, id).dkimStatus),
    Tokens: id.dkimTokens,
    SigningAttributesOrigin: "AWS_SES",
    NextSigningKeyLength: id.dkimKeyLength ?? "RSA_2048_BIT",
    CurrentSigningKeyLength: id.dkimKeyLength ?? "RSA_2048_BIT",
    LastKeyGenerationTimestamp: epoch(id.createdAt),
  };
}

function identityType(id: Identity): string {
  return id.kind === "Domain" ? "DOMAIN" : "EMAIL_ADDRESS";
}

export function createSesV2(model: SesModel, extra: RestOperation[] = []): RestServiceTable {
  const arn = (ctx: RequestContext, identity: string) => identityArn(ctx.region, model.accountId, identity);

  function getAccount(ctx: RequestContext): RestResponse {
    const acct = model.region(ctx.region).account;
    return {
      status: 200,
      body: {
        DedicatedIpAutoWarmupEnabled: false,
        EnforcementStatus: "HEALTHY",
        ProductionAccessEnabled: !acct.sandbox,
        SendQuota: {
          Max24HourSend: acct.max24HourSend,
          MaxSendRate: acct.maxSendRate,
          SentLast24Hours: model.sentLast24Hours(ctx.region),
        },
        SendingEnabled: acct.sendingEnabled,
        SuppressionAttributes: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
        ...(acct.details ? { Details: accountDetailsView(acct) } : {}),
      },
    };
  }

  function createIdentity(req: RestRequest, ctx: RequestContext): RestResponse {
    const body = obj(req.body);
    const name = str(body, "EmailIdentity", true)!;
    const isAddress = name.includes("@");
    if (isAddress ? addressProblem(name) : !isIdentityDomain(name) || name.endsWith(".")) {
      throw bad(`Invalid email identity ${name}.`);
    }
    if (model.find(ctx.region, name))
      throw new AwsError("AlreadyExistsException", `Email identity ${name} already exist.`, 400);
    let keyLength: "RSA_1024_BIT" | "RSA_2048_BIT" = "RSA_2048_BIT";
    if (body.DkimSigningAttributes !== undefined) {
      const dsa = obj(body.DkimSigningAttributes);
      if (dsa.DomainSigningPrivateKey !== undefined || dsa.DomainSigningSelector !== undefined) {
        throw bad("Bring-your-own DKIM is not supported by this emulator; omit the signing key to use Easy DKIM.");
      }
      const next = dsa.NextSigningKeyLength ?? "RSA_2048_BIT";
      if (next !== "RSA_1024_BIT" && next !== "RSA_2048_BIT")
        throw bad(`Invalid NextSigningKeyLength ${String(next)}.`);
      keyLength = next;
    }
    const tags = body.Tags;
    if (
      tags !== undefined &&
      (!Array.isArray(tags) || tags.some((t) => typeof t?.Key !== "string" || typeof t?.Value !== "string"))
    ) {
      throw bad("Tags must be a list of {Key, Value} strings.");
    }
    if (isAddress) {
      const id = model.ensureEmail(ctx.region, name);
      id.tags = (tags as Identity["tags"] | undefined) ?? [];
      return { status: 200, body: { IdentityType: "EMAIL_ADDRESS", VerifiedForSendingStatus: false } };
    }
    const id = model.ensureDomain(ctx.region, name, { dkim: true });
    id.tags = (tags as Identity["tags"] | undefined) ?? [];
    id.dkimKeyLength = keyLength;
    const v = model.viewOf(ctx.region, id);
    return {
      status: 200,
      body: {
        IdentityType: "DOMAIN",
        VerifiedForSendingStatus: v.verifiedForSending,
        DkimAttributes: dkimAttributes(model, ctx.region, id),
      },
    };
  }

  function getIdentity(name: string, ctx: RequestContext): RestResponse {
    const id = model.find(ctx.region, name);
    if (!id) throw notFound(name);
    const v = model.viewOf(ctx.region, id);
    const mailFrom: Record<string, unknown> = {
      BehaviorOnMxFailure: id.behaviorOnMxFailure === "RejectMessage" ? "REJECT_MESSAGE" : "USE_DEFAULT_VALUE",
    };
    if (id.mailFromDomain) {
      mailFrom.MailFromDomain = id.mailFromDomain;
      mailFrom.MailFromDomainStatus = v2Status(v.mailFromStatus);
    }
    const info: Record<string, unknown> = {};
    if (id.kind === "Domain") {
      info.LastCheckedTimestamp = epoch(id.verification.lastChecked);
      if (id.verification.lastOk !== undefined) info.LastSuccessTimestamp = epoch(id.verification.lastOk);
      // only once a check has actually failed; a fresh identity is simply still looking
      if (v.status === "Failed" || v.status === "TemporaryFailure") info.ErrorType = "HOST_NOT_FOUND";
    }
    return {
      status: 200,
      body: {
        IdentityType: identityType(id),
        FeedbackForwardingStatus: true,
        VerifiedForSendingStatus: v.verifiedForSending,
        DkimAttributes: dkimAttributes(model, ctx.region, id),
        MailFromAttributes: mailFrom,
        Policies: {},
        Tags: id.tags,
        VerificationStatus: v2Status(v.status),
        VerificationInfo: info,
      },
    };
  }

  /** older SDKs: GET /v2/email/identities?PageSize&NextToken; current model: POST /v2/email/list-identities with a JSON body */
  function listIdentities(req: RestRequest, ctx: RequestContext): RestResponse {
    const input = req.method.toUpperCase() === "POST" ? obj(req.body) : {};
    const pageSize = input.PageSize ?? req.query.PageSize;
    const nextToken = (typeof input.NextToken === "string" ? input.NextToken : undefined) ?? req.query.NextToken;
    const size = pageSize !== undefined ? Number(pageSize) : 100;
    if (!Number.isInteger(size) || size < 1 || size > 1000) throw bad("PageSize must be between 1 and 1000.");
    const start = nextToken ? Number(Buffer.from(nextToken, "base64").toString("utf8")) : 0;
    if (!Number.isInteger(start) || start < 0) throw bad("Invalid NextToken.");
    const all = model.list(ctx.region);
    const page = all.slice(start, start + size).map((id) => ({
      IdentityType: identityType(id),
      IdentityName: id.name,
      SendingEnabled: true,
      VerificationStatus: v2Status(model.viewOf(ctx.region, id).status),
    }));
    const body: Record<string, unknown> = { EmailIdentities: page };
    if (start + size < all.length) body.NextToken = Buffer.from(String(start + size)).toString("base64");
    return { status: 200, body };
  }

  function deleteIdentity(name: string, ctx: RequestContext): RestResponse {
    if (!model.delete(ctx.region, name)) throw notFound(name);
    return { status: 200, body: {} };
  }

  function putMailFrom(name: string, req: RestRequest, ctx: RequestContext): RestResponse {
    const body = obj(req.body);
    const id = model.find(ctx.region, name);
    if (!id) throw notFound(name);
    const behaviorRaw = str(body, "BehaviorOnMxFailure") ?? "USE_DEFAULT_VALUE";
    const behaviors: Record<string, MxFailureBehavior> = {
      USE_DEFAULT_VALUE: "UseDefaultValue",
      REJECT_MESSAGE: "RejectMessage",
    };
    const behavior = behaviors[behaviorRaw];
    if (!behavior)
      throw bad(`Invalid BehaviorOnMxFailure ${behaviorRaw}; expected USE_DEFAULT_VALUE or REJECT_MESSAGE.`);
    const mailFrom = str(body, "MailFromDomain");
    if (mailFrom) {
      const parent = id.kind === "Domain" ? id.name : name.slice(name.lastIndexOf("@") + 1).toLowerCase();
      if (!mailFrom.toLowerCase().replace(/\.$/, "").endsWith(`.${parent}`)) {
        throw bad(`Provided MAIL-FROM domain '${mailFrom}' is not subdomain of the domain of the identity '${name}'.`);
      }
    }
    model.setMailFrom(id, mailFrom, behavior);
    return { status: 200, body: {} };
  }

  async function sendEmail(req: RestRequest, ctx: RequestContext): Promise<RestResponse> {
    const body = obj(req.body);
    const content = body.Content as Record<string, unknown> | undefined;
    if (!content || typeof content !== "object") throw bad("Content is required.");
    const dest = body.Destination as Record<string, unknown> | undefined;
    const listed = [
      ...strings(dest, "ToAddresses"),
      ...strings(dest, "CcAddresses"),
      ...strings(dest, "BccAddresses"),
    ].map(parseMailbox);
    const fromParam = str(body, "FromEmailAddress");
    const setParam = str(body, "ConfigurationSetName");
    const common = {
      api: "v2" as const,
      via: "sesv2" as const,
      region: ctx.region,
      principal: ctx.principal,
      authz: ctx.authz,
    };
    if (content.Raw !== undefined) {
      const data = (content.Raw as Record<string, unknown>)?.Data;
      if (typeof data !== "string" || data === "") throw bad("Content.Raw.Data is required.");
      const raw = Buffer.from(data, "base64");
      const parsed = await parseRaw(raw);
      const senders: Mailbox[] = [...parsed.from];
      if (fromParam) senders.unshift(parseMailbox(fromParam));
      const { messageId } = model.send({
        ...common,
        action: "ses:SendRawEmail",
        senders,
        recipients: listed.length > 0 ? listed : parsed.recipients,
        subject: parsed.subject,
        text: parsed.text,
        html: parsed.html,
        raw: raw.toString("utf8"),
        headers: parsed.headers,
        configurationSetName: setParam ?? parsed.configurationSet,
      });
      return { status: 200, body: { MessageId: messageId } };
    }
    const simple = content.Simple as Record<string, unknown> | undefined;
    if (!simple || typeof simple !== "object") throw bad("Content must contain Simple or Raw.");
    if (!fromParam) throw bad("Missing required parameter FromEmailAddress.");
    const subject = (simple.Subject as Record<string, unknown> | undefined)?.Data;
    if (typeof subject !== "string") throw bad("Content.Simple.Subject.Data is required.");
    const b = simple.Body as Record<string, Record<string, unknown> | undefined> | undefined;
    const text = typeof b?.Text?.Data === "string" ? (b.Text.Data as string) : undefined;
    const html = typeof b?.Html?.Data === "string" ? (b.Html.Data as string) : undefined;
    if (text === undefined && html === undefined) throw bad("Content.Simple.Body must contain Text or Html.");
    const { messageId } = model.send({
      ...common,
      action: "ses:SendEmail",
      senders: [parseMailbox(fromParam)],
      recipients: listed,
      subject,
      text,
      html,
      configurationSetName: setParam,
    });
    return { status: 200, body: { MessageId: messageId } };
  }

  const identity = (req: { params: Record<string, string> }, ctx: RequestContext) => arn(ctx, req.params.EmailIdentity);
  const operations: RestOperation[] = [
    {
      name: "GetAccount",
      method: "GET",
      path: "/account",
      iam: "ses:GetAccount",
      handler: (_r, ctx) => getAccount(ctx),
    },
    {
      name: "PutAccountDetails",
      method: "POST",
      path: "/account/details",
      iam: "ses:PutAccountDetails",
      handler: (r, ctx) => putAccountDetails(model.region(ctx.region).account, r, ctx),
    },
    {
      name: "CreateEmailIdentity",
      method: "POST",
      path: "/identities",
      iam: "ses:CreateEmailIdentity",
      // the identity is in the body; an unreadable body is the handler's 400, authorized against "*" first
      resource: (req, ctx) => {
        const name = (req.body as { EmailIdentity?: unknown } | undefined)?.EmailIdentity;
        return typeof name === "string" && name !== "" ? arn(ctx, name) : "*";
      },
      handler: createIdentity,
    },
    {
      name: "ListEmailIdentities",
      method: "GET",
      path: "/identities",
      iam: "ses:ListEmailIdentities",
      handler: listIdentities,
    },
    // newer SDKs send ListEmailIdentities as POST /v2/email/list-identities with a JSON body
    {
      name: "ListEmailIdentities",
      method: "POST",
      path: "/list-identities",
      iam: "ses:ListEmailIdentities",
      handler: listIdentities,
    },
    {
      name: "GetEmailIdentity",
      method: "GET",
      path: "/identities/{EmailIdentity}",
      iam: "ses:GetEmailIdentity",
      resource: identity,
      handler: (r, ctx) => getIdentity(r.params.EmailIdentity, ctx),
    },
    {
      name: "DeleteEmailIdentity",
      method: "DELETE",
      path: "/identities/{EmailIdentity}",
      iam: "ses:DeleteEmailIdentity",
      resource: identity,
      handler: (r, ctx) => deleteIdentity(r.params.EmailIdentity, ctx),
    },
    {
      name: "PutEmailIdentityMailFromAttributes",
      method: "PUT",
      path: "/identities/{EmailIdentity}/mail-from",
      iam: "ses:PutEmailIdentityMailFromAttributes",
      resource: identity,
      handler: (r, ctx) => putMailFrom(r.params.EmailIdentity, r, ctx),
    },
    {
      name: "SendEmail",
      method: "POST",
      path: "/outbound-emails",
      iam: "ses:SendEmail",
      authorize: "send",
      handler: sendEmail,
    },
    ...extra,
  ];

  return {
    protocol: "rest-json",
    service: "ses",
    signingNames: ["ses", "email"],
    prefix: "/v2/email",
    denied: (ctx, action, resource, decision) =>
      new AwsError("AccessDeniedException", modernDenialText(ctx.principal.arn, action, resource, decision), 403),
    unknown: (method, path) => new AwsError("UnknownOperationException", `Unknown operation ${method} ${path}`, 404),
    operations,
  };
}
