/**
 * SESv2 REST route → IAM action (and resource) for authorization before the SES handlers run. Send operations are
 * left to the SES side, which authorizes them against the From identity.
 */
export interface RestAction {
  action: string;
  /** identity name when the route targets one (resource = its identity ARN) */
  identity?: string;
  send?: boolean;
}

export function sesv2ActionFor(method: string, segments: string[]): RestAction | undefined {
  // segments after /v2/email/, already percent-decoded
  const [head, id, sub, subsub] = segments;
  const m = method.toUpperCase();
  if (head === "account" && segments.length === 1 && m === "GET") return { action: "GetAccount" };
  if (head === "outbound-emails" && m === "POST") return { action: "SendEmail", send: true };
  // Newer SDKs send ListEmailIdentities as POST /v2/email/list-identities.
  if (head === "list-identities" && segments.length === 1 && m === "POST") return { action: "ListEmailIdentities" };
  if (head !== "identities") return undefined;
  if (id === undefined) {
    if (m === "GET") return { action: "ListEmailIdentities" };
    if (m === "POST") return { action: "CreateEmailIdentity" };
    return undefined;
  }
  if (sub === undefined) {
    if (m === "GET") return { action: "GetEmailIdentity", identity: id };
    if (m === "DELETE") return { action: "DeleteEmailIdentity", identity: id };
    return undefined;
  }
  if (sub === "mail-from" && m === "PUT") return { action: "PutEmailIdentityMailFromAttributes", identity: id };
  if (sub === "dkim" && subsub === "signing" && m === "PUT") {
    return { action: "PutEmailIdentityDkimSigningAttributes", identity: id };
  }
  if (sub === "dkim" && subsub === undefined && m === "PUT")
    return { action: "PutEmailIdentityDkimAttributes", identity: id };
  if (sub === "feedback" && m === "PUT") return { action: "PutEmailIdentityFeedbackAttributes", identity: id };
  return undefined;
}
