import { isoSeconds } from "../../core/ids";
import { memberList, required, tagList } from "../../core/params";
import { AwsError, type RequestContext } from "../../core/types";
import { el, members, xmlEscape } from "../../core/xml";
import type { IamModel, User } from "./model";

/** IAM wire ↔ model: parse query parameters, render the XML inside <ActionResult>. */

type Handler = (model: IamModel, p: Record<string, string>, ctx: RequestContext) => string;

const userXml = (u: User) =>
  el("Path", u.path) +
  el("UserName", u.name) +
  el("UserId", u.userId) +
  el("Arn", u.arn) +
  el("CreateDate", isoSeconds(u.createDate)) +
  (u.tags.length > 0
    ? members(
        "Tags",
        u.tags.map((t) => el("Key", t.Key) + el("Value", t.Value)),
      )
    : "");

/** An omitted UserName means the caller (GetUser, CreateAccessKey, ListAccessKeys …); a role session has no user. */
const userNameOrCaller = (p: Record<string, string>, ctx: RequestContext) => {
  if (p.UserName) return p.UserName;
  if (ctx.principal.role) {
    throw new AwsError("ValidationError", "Must specify userName when calling with non-User credentials", 400);
  }
  return ctx.principal.userName;
};

const status = (v: string): "Active" | "Inactive" => {
  if (v !== "Active" && v !== "Inactive") {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value '${v}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
      400,
    );
  }
  return v;
};

/** Sesame only ever needs one page; MaxItems is honoured, Marker is an offset. */
function page<T>(items: T[], p: Record<string, string>): { items: T[]; truncated: boolean; marker?: string } {
  const start = p.Marker ? Number(p.Marker) || 0 : 0;
  const max = p.MaxItems ? Math.max(1, Math.min(1000, Number(p.MaxItems) || 100)) : 100;
  const slice = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return { items: slice, truncated, marker: truncated ? String(start + max) : undefined };
}

const paged = (listName: string, rendered: { items: string[]; truncated: boolean; marker?: string }) =>
  members(listName, rendered.items) + el("IsTruncated", rendered.truncated) + el("Marker", rendered.marker);

export const iamHandlers: Record<string, Handler> = {
  CreateUser: (m, p) => `<User>${userXml(m.createUser(required(p, "UserName"), p.Path || "/", tagList(p)))}</User>`,
  GetUser: (m, p, ctx) => `<User>${userXml(m.getUser(userNameOrCaller(p, ctx)))}</User>`,
  DeleteUser: (m, p) => {
    m.deleteUser(required(p, "UserName"));
    return "";
  },
  TagUser: (m, p) => {
    m.tagUser(required(p, "UserName"), tagList(p));
    return "";
  },
  ListUsers: (m, p) => {
    const prefix = p.PathPrefix || "/";
    const r = page(
      m.listUsers().filter((u) => u.path.startsWith(prefix)),
      p,
    );
    return paged("Users", { ...r, items: r.items.map(userXml) });
  },
  PutUserPolicy: (m, p) => {
    m.putUserPolicy(required(p, "UserName"), required(p, "PolicyName"), required(p, "PolicyDocument"));
    return "";
  },
  // AWS returns policy documents URL-encoded (aws.md §4.2); SDK v3 does not decode them.
  GetUserPolicy: (m, p) => {
    const userName = required(p, "UserName");
    const policyName = required(p, "PolicyName");
    const doc = m.getUserPolicy(userName, policyName);
    return (
      el("UserName", m.getUser(userName).name) +
      el("PolicyName", policyName) +
      el("PolicyDocument", encodeURIComponent(doc))
    );
  },
  ListUserPolicies: (m, p) => {
    const r = page([...m.getUser(required(p, "UserName")).inlinePolicies.keys()], p);
    return paged("PolicyNames", { ...r, items: r.items.map(xmlEscape) });
  },
  DeleteUserPolicy: (m, p) => {
    m.deleteUserPolicy(required(p, "UserName"), required(p, "PolicyName"));
    return "";
  },
  AttachUserPolicy: (m, p) => {
    m.attachUserPolicy(required(p, "UserName"), required(p, "PolicyArn"));
    return "";
  },
  DetachUserPolicy: (m, p) => {
    m.detachUserPolicy(required(p, "UserName"), required(p, "PolicyArn"));
    return "";
  },
  ListAttachedUserPolicies: (m, p) => {
    const user = m.getUser(required(p, "UserName"));
    const r = page(
      user.managedPolicyArns.map((arn) => m.getPolicy(arn)),
      p,
    );
    return paged("AttachedPolicies", {
      ...r,
      items: r.items.map((pol) => el("PolicyName", pol.name) + el("PolicyArn", pol.arn)),
    });
  },
  CreatePolicy: (m, p) => {
    const pol = m.createPolicy(required(p, "PolicyName"), p.Path || "/", required(p, "PolicyDocument"));
    return `<Policy>${policyXml(m, pol.arn)}</Policy>`;
  },
  GetPolicy: (m, p) => `<Policy>${policyXml(m, required(p, "PolicyArn"))}</Policy>`,
  GetPolicyVersion: (m, p) => {
    const pol = m.getPolicy(required(p, "PolicyArn"));
    const version = required(p, "VersionId");
    if (version !== "v1") {
      throw new AwsError(
        "NoSuchEntity",
        `Policy ${pol.arn} version ${version} does not exist or is not attachable.`,
        404,
      );
    }
    return `<PolicyVersion>${el("Document", encodeURIComponent(pol.document))}${el("VersionId", "v1")}${el("IsDefaultVersion", true)}${el("CreateDate", isoSeconds(pol.createDate))}</PolicyVersion>`;
  },
  // The emulator has no groups; the call exists because Sesame looks for the console's SMTP sending group.
  ListGroupsForUser: (m, p) => {
    m.getUser(required(p, "UserName"));
    return `${members("Groups", [])}${el("IsTruncated", false)}`;
  },
  CreateAccessKey: (m, p, ctx) => {
    const userName = userNameOrCaller(p, ctx);
    const key = m.createAccessKey(userName);
    return `<AccessKey>${el("UserName", m.getUser(userName).name)}${el("AccessKeyId", key.id)}${el("Status", key.status)}${el("SecretAccessKey", key.secret)}${el("CreateDate", isoSeconds(key.createDate))}</AccessKey>`;
  },
  ListAccessKeys: (m, p, ctx) => {
    const user = m.getUser(userNameOrCaller(p, ctx));
    const r = page(user.accessKeys, p);
    return paged("AccessKeyMetadata", {
      ...r,
      items: r.items.map(
        (k) =>
          el("UserName", user.name) +
          el("AccessKeyId", k.id) +
          el("Status", k.status) +
          el("CreateDate", isoSeconds(k.createDate)),
      ),
    });
  },
  UpdateAccessKey: (m, p, ctx) => {
    m.updateAccessKey(userNameOrCaller(p, ctx), required(p, "AccessKeyId"), status(required(p, "Status")));
    return "";
  },
  DeleteAccessKey: (m, p, ctx) => {
    m.deleteAccessKey(userNameOrCaller(p, ctx), required(p, "AccessKeyId"));
    return "";
  },
  GetAccessKeyLastUsed: (m, p) => {
    const id = required(p, "AccessKeyId");
    const entry = m.findKey(id);
    if (!entry) throw new AwsError("NoSuchEntity", `The Access Key with id ${id} cannot be found.`, 404);
    const used = entry.key.lastUsed;
    const last = used
      ? el("LastUsedDate", isoSeconds(used.date)) + el("ServiceName", used.service) + el("Region", used.region)
      : el("ServiceName", "N/A") + el("Region", "N/A");
    return `${el("UserName", entry.user.name)}<AccessKeyLastUsed>${last}</AccessKeyLastUsed>`;
  },
  SimulatePrincipalPolicy: (m, p) => {
    const source = required(p, "PolicySourceArn");
    // a user or a role (the wizard's role path checks a role's permissions the same way)
    const user = m.findUserByArn(source) ?? m.roles.findByArn(source);
    if (!user) {
      const kind = /:role\//.test(source) ? "role" : "user";
      throw new AwsError("NoSuchEntity", `The ${kind} with name ${source.split("/").pop()} cannot be found.`, 404);
    }
    const actions = memberList(p, "ActionNames");
    if (actions.length === 0) required(p, "ActionNames");
    const resources = memberList(p, "ResourceArns");
    const context = contextEntries(p);
    // one result per action × resource, in request order, like AWS; no ResourceArns = "*"
    const results = actions.flatMap((action) =>
      (resources.length > 0 ? resources : ["*"]).map((resource) => {
        const { decision, matched, missingContextKeys } = m.evaluate(user, action, resource, { context });
        const statements = matched.map(
          (s) =>
            el("SourcePolicyId", s.sourcePolicyId) +
            el("SourcePolicyType", s.sourcePolicyType) +
            `<StartPosition>${el("Line", 1)}${el("Column", 1)}</StartPosition><EndPosition>${el("Line", 1)}${el("Column", 1)}</EndPosition>`,
        );
        return (
          el("EvalActionName", action) +
          el("EvalResourceName", resource) +
          el("EvalDecision", decision) +
          members("MatchedStatements", statements) +
          members(
            "MissingContextValues",
            missingContextKeys.map((k) => xmlEscape(k)),
          )
        );
      }),
    );
    return members("EvaluationResults", results) + el("IsTruncated", false);
  },
};

/** `ContextEntries.member.N.ContextKeyName` / `.ContextKeyValues.member.M` → condition context. */
function contextEntries(p: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 1; p[`ContextEntries.member.${i}.ContextKeyName`] !== undefined; i++) {
    const name = p[`ContextEntries.member.${i}.ContextKeyName`];
    out[name] = memberList(p, `ContextEntries.member.${i}.ContextKeyValues`);
  }
  return out;
}

function policyXml(m: IamModel, arn: string): string {
  const pol = m.getPolicy(arn);
  return (
    el("PolicyName", pol.name) +
    el("PolicyId", pol.policyId) +
    el("Arn", pol.arn) +
    el("Path", pol.path) +
    el("DefaultVersionId", "v1") +
    el("AttachmentCount", m.attachmentCount(pol.arn)) +
    el("PermissionsBoundaryUsageCount", 0) +
    el("IsAttachable", true) +
    el("CreateDate", isoSeconds(pol.createDate)) +
    el("UpdateDate", isoSeconds(pol.createDate))
  );
}
