import type { SigningService } from "../regions";
import type { AwsError, Decision, RequestContext, RestRequest, RestResponse } from "./types";

/**
 * One operation table per service, like moto's per-service responses: the server finds the operation once (query
 * `Action` or REST method + path), authorizes it once against `iam` and `resource`, then calls `handler`.
 *
 * Authorization:
 * - `iam` names the IAM action ("ses:VerifyDomainIdentity"); `resource` returns the ARN it is checked against ("*"
 *   when omitted).
 * - `authorize: "none"`: the action needs no permission (sts:GetCallerIdentity, docs/emulator.md).
 * - `authorize: "send"`: SES sends, whose resource is the identity covering the message's From address and whose
 *   condition keys (ses:FromAddress, ses:Recipients, …) come from the message itself; the SES model authorizes them
 *   once, after parsing the message, with the same authorizer. No other operation authorizes in its handler.
 */

export type QueryParams = Record<string, string>;
export type AuthorizeMode = "server" | "none" | "send";

export interface QueryOperation {
  /** the query `Action`, e.g. "CreateTopic" */
  name: string;
  /** IAM action, e.g. "sns:CreateTopic" */
  iam: string;
  authorize?: AuthorizeMode;
  resource?(params: QueryParams, ctx: RequestContext): string;
  /** returns the XML inside <ActionResult> (may be "") */
  handler(params: QueryParams, ctx: RequestContext): string | Promise<string>;
}

export interface QueryServiceTable {
  protocol: "query";
  /** the signing name the server routes by (SigV4 scope service) */
  service: SigningService;
  /** other names accepted in the scope (SES: "email") */
  signingNames: string[];
  xmlns: string;
  version: string;
  /** the AccessDenied error this service raises (code and wording differ per service: docs/emulator.md) */
  denied(ctx: RequestContext, action: string, resource: string, decision: Decision): AwsError;
  operations: QueryOperation[];
  /** false: an action whose handler returns "" has no <ActionResult> element on the wire (IAM, SNS) */
  emptyResultElement?: boolean;
  /**
   * Actions AWS serves to an unsigned GET (SNS: the SubscribeURL and UnsubscribeURL links in its messages): no
   * principal and no authorization, the parameters alone decide. Returns the XML inside <ActionResult>.
   */
  anonymous?: Array<{ action: string; handler(params: QueryParams): string }>;
}

export interface RestMatch extends RestRequest {
  /** the `{Name}` path segments of the matched template, percent-decoded */
  params: Record<string, string>;
}

export interface RestOperation {
  name: string;
  method: string;
  /** template below the service's prefix, e.g. "/identities/{EmailIdentity}" */
  path: string;
  iam: string;
  authorize?: AuthorizeMode;
  resource?(req: RestMatch, ctx: RequestContext): string;
  handler(req: RestMatch, ctx: RequestContext): RestResponse | Promise<RestResponse>;
}

export interface RestServiceTable {
  protocol: "rest-json";
  service: SigningService;
  signingNames: string[];
  /** path prefix that routes a request to this service, e.g. "/v2/email" */
  prefix: string;
  /**
   * REST-XML instead of REST-JSON (Route 53): the handler gets the body as text and returns an XML string; errors
   * are <ErrorResponse> documents in this namespace.
   */
  xml?: { xmlns: string };
  denied(ctx: RequestContext, action: string, resource: string, decision: Decision): AwsError;
  /** the error for a path or method no operation serves */
  unknown(method: string, path: string): AwsError;
  operations: RestOperation[];
}

export type ServiceTable = QueryServiceTable | RestServiceTable;

/** IAM's modern denial text, naming the resource and the reason (IAM, STS, SNS, SESv2; docs/emulator.md). */
export function modernDenialText(arn: string, action: string, resource: string, decision: Decision): string {
  const reason =
    decision === "explicitDeny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} ${reason}`;
}

/** Match a REST path (segments already percent-decoded) against an operation's template. */
export function matchPath(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = template.split("/").filter((s) => s !== "");
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.startsWith("{") && p.endsWith("}")) params[p.slice(1, -1)] = segments[i];
    else if (p !== segments[i]) return undefined;
  }
  return params;
}

export function findQueryOperation(table: QueryServiceTable, action: string): QueryOperation | undefined {
  return table.operations.find((o) => o.name === action);
}

export function findRestOperation(
  table: RestServiceTable,
  method: string,
  segments: string[],
): { op: RestOperation; params: Record<string, string> } | undefined {
  const m = method.toUpperCase();
  for (const op of table.operations) {
    if (op.method !== m) continue;
    const params = matchPath(op.path, segments);
    if (params) return { op, params };
  }
  return undefined;
}

/** The single authorization step; "send" operations are authorized by the SES model with the message's keys. */
export function authorizeOperation(
  table: ServiceTable,
  op: { iam: string; authorize?: AuthorizeMode },
  resource: string,
  ctx: RequestContext,
): void {
  if (op.authorize === "none" || op.authorize === "send") return;
  const decision = ctx.authz.evaluate(op.iam, resource);
  if (decision !== "allowed") throw table.denied(ctx, op.iam, resource, decision);
}
