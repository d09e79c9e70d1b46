import { isoSeconds } from "../../core/ids";
import { required, tagList } from "../../core/params";
import { AwsError, type RequestContext } from "../../core/types";
import { el, members, xmlEscape } from "../../core/xml";
import type { IamModel } from "./model";
import type { Role } from "./roles";

/** IAM role operations, wire ↔ model (botocore's iam model: Role, AttachedPolicy, PolicyNameListType). */

type Handler = (model: IamModel, p: Record<string, string>, ctx: RequestContext) => string;

/** The Role shape; AWS returns the trust policy URL-encoded (aws.md §4.2), as it does every policy document. */
export const roleXml = (r: Role, withLastUsed = false) =>
  el("Path", r.path) +
  el("RoleName", r.name) +
  el("RoleId", r.roleId) +
  el("Arn", r.arn) +
  el("CreateDate", isoSeconds(r.createDate)) +
  el("AssumeRolePolicyDocument", encodeURIComponent(r.trustDocument)) +
  el("Description", r.description) +
  el("MaxSessionDuration", r.maxSessionDuration) +
  (r.tags.length > 0
    ? members(
        "Tags",
        r.tags.map((t) => el("Key", t.Key) + el("Value", t.Value)),
      )
    : "") +
  (withLastUsed
    ? `<RoleLastUsed>${r.lastUsed ? el("LastUsedDate", isoSeconds(r.lastUsed.date)) + el("Region", r.lastUsed.region) : ""}</RoleLastUsed>`
    : "");

/** One page, as the user lists do: MaxItems honoured, Marker an offset. */
function paged<T>(listName: string, items: T[], p: Record<string, string>, render: (item: T) => string): string {
  const start = p.Marker ? Number(p.Marker) || 0 : 0;
  const max = p.MaxItems ? Math.max(1, Math.min(1000, Number(p.MaxItems) || 100)) : 100;
  const truncated = start + max < items.length;
  return (
    members(listName, items.slice(start, start + max).map(render)) +
    el("IsTruncated", truncated) +
    el("Marker", truncated ? String(start + max) : undefined)
  );
}

const maxSession = (v: string | undefined): number | undefined => {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) {
    throw new AwsError("ValidationError", `Value '${v}' at 'maxSessionDuration' failed to satisfy constraint`, 400);
  }
  return n;
};

export const roleHandlers: Record<string, Handler> = {
  CreateRole: (m, p) => {
    const role = m.roles.create({
      name: required(p, "RoleName"),
      path: p.Path || "/",
      description: p.Description,
      maxSessionDuration: maxSession(p.MaxSessionDuration),
      trustDocument: required(p, "AssumeRolePolicyDocument"),
      tags: tagList(p),
    });
    return `<Role>${roleXml(role)}</Role>`;
  },
  GetRole: (m, p) => `<Role>${roleXml(m.roles.get(required(p, "RoleName")), true)}</Role>`,
  ListRoles: (m, p) => {
    const prefix = p.PathPrefix || "/";
    return paged(
      "Roles",
      m.roles.list().filter((r) => r.path.startsWith(prefix)),
      p,
      (r) => roleXml(r),
    );
  },
  DeleteRole: (m, p) => {
    m.roles.delete(required(p, "RoleName"));
    return "";
  },
  PutRolePolicy: (m, p) => {
    m.putRolePolicy(required(p, "RoleName"), required(p, "PolicyName"), required(p, "PolicyDocument"));
    return "";
  },
  GetRolePolicy: (m, p) => {
    const role = m.roles.get(required(p, "RoleName"));
    const policyName = required(p, "PolicyName");
    const doc = m.roles.getPolicy(role.name, policyName);
    return el("RoleName", role.name) + el("PolicyName", policyName) + el("PolicyDocument", encodeURIComponent(doc));
  },
  ListRolePolicies: (m, p) =>
    paged("PolicyNames", [...m.roles.get(required(p, "RoleName")).inlinePolicies.keys()], p, xmlEscape),
  DeleteRolePolicy: (m, p) => {
    m.roles.deletePolicy(required(p, "RoleName"), required(p, "PolicyName"));
    return "";
  },
  AttachRolePolicy: (m, p) => {
    m.attachRolePolicy(required(p, "RoleName"), required(p, "PolicyArn"));
    return "";
  },
  DetachRolePolicy: (m, p) => {
    m.roles.detach(required(p, "RoleName"), required(p, "PolicyArn"));
    return "";
  },
  ListAttachedRolePolicies: (m, p) => {
    const role = m.roles.get(required(p, "RoleName"));
    return paged(
      "AttachedPolicies",
      role.managedPolicyArns.map((arn) => m.getPolicy(arn)),
      p,
      (pol) => el("PolicyName", pol.name) + el("PolicyArn", pol.arn),
    );
  },
};
