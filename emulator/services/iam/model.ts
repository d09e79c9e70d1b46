import { type EmulatorConfig, type PolicyDocument, PolicyDocumentSchema } from "../../config";
import { AwsError, type Decision } from "../../core/types";
import { newAccessKeyId, newSecretAccessKey, newUniqueId } from "../../core/ids";
import { parseOperator } from "../../auth/conditions";
import {
  AWS_MANAGED_POLICIES,
  type EvaluateOptions,
  evaluatePolicies,
  type MatchedStatement,
  type SourcePolicy,
} from "../../auth/policy";
import type { KeyRecord } from "../../auth/authenticate";
import { type Role, type RoleSession, RoleStore } from "./roles";

/** IAM state and rules, no HTTP (docs/emulator.md "Supported operations", "IAM conditions"). */

export interface AccessKey {
  id: string;
  secret: string;
  status: "Active" | "Inactive";
  createDate: Date;
  sessionToken?: string;
  expiresAt?: Date;
  lastUsed?: { date: Date; service: string; region: string };
}

export interface User {
  name: string;
  path: string;
  userId: string;
  arn: string;
  createDate: Date;
  tags: Array<{ Key: string; Value: string }>;
  /** policy name → the document text exactly as stored (AWS hands it back verbatim, URL-encoded) */
  inlinePolicies: Map<string, string>;
  managedPolicyArns: string[];
  accessKeys: AccessKey[];
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  path: string;
  policyId: string;
  document: string;
  awsManaged: boolean;
  createDate: Date;
}

const ACCESS_KEYS_PER_USER = 2;
/** IAM counts policy size without whitespace (aws.md §4.7): all inline policies of a user together, one managed policy. */
const INLINE_USER_POLICY_AGGREGATE = 2048;
const MANAGED_POLICY_SIZE = 6144;
const policySize = (doc: string) => doc.replace(/\s/g, "").length;
const USER_NAME = /^[\w+=,.@-]{1,64}$/;

const noSuchUser = (name: string) => new AwsError("NoSuchEntity", `The user with name ${name} cannot be found.`, 404);

/** Parse and validate a policy document the way IAM rejects bad ones (MalformedPolicyDocument). */
export function parsePolicyDocument(text: string): PolicyDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.", 400);
  }
  const parsed = PolicyDocumentSchema.safeParse(json);
  if (!parsed.success) throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.", 400);
  const statements = Array.isArray(parsed.data.Statement) ? parsed.data.Statement : [parsed.data.Statement];
  for (const s of statements) {
    if (s.Action === undefined && s.NotAction === undefined) {
      throw new AwsError("MalformedPolicyDocument", "Policy statement must contain actions.", 400);
    }
    if (s.Resource === undefined && s.NotResource === undefined) {
      throw new AwsError("MalformedPolicyDocument", "Policy statement must contain resources.", 400);
    }
    // IAM refuses operators it does not know (a typo, a missing operator level) with its generic syntax error
    for (const [operator, entries] of Object.entries(s.Condition ?? {})) {
      const known =
        parseOperator(operator) !== undefined ||
        /^(forallvalues:|foranyvalue:)?binaryequals(ifexists)?$/i.test(operator);
      if (!known || typeof entries !== "object" || entries === null || Array.isArray(entries)) {
        throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.", 400);
      }
    }
  }
  return parsed.data;
}

export class IamModel {
  readonly accountId: string;
  private readonly users = new Map<string, User>();
  private readonly keys = new Map<string, { user: User; key: AccessKey }>();
  private readonly policies = new Map<string, ManagedPolicy>();
  /** roles and their STS sessions */
  readonly roles: RoleStore;

  constructor(
    config: EmulatorConfig,
    private readonly now: () => Date,
  ) {
    this.accountId = config.accountId;
    this.roles = new RoleStore(this.accountId, now);
    const start = now();
    for (const [arn, doc] of Object.entries(AWS_MANAGED_POLICIES)) {
      const name = arn.slice(arn.lastIndexOf("/") + 1);
      this.policies.set(arn, {
        arn,
        name,
        path: "/",
        policyId: newUniqueId("ANPA"),
        document: JSON.stringify(doc),
        awsManaged: true,
        createDate: new Date("2015-02-06T18:40:00Z"),
      });
    }
    for (const p of config.managedPolicies) {
      const arn = `arn:aws:iam::${this.accountId}:policy${p.path}${p.name}`;
      this.policies.set(arn, {
        arn,
        name: p.name,
        path: p.path,
        policyId: newUniqueId("ANPA"),
        document: JSON.stringify(p.document),
        awsManaged: false,
        createDate: start,
      });
    }
    for (const seed of config.users) {
      const user = this.createUser(
        seed.name,
        seed.path,
        seed.tags,
        seed.createDate ? new Date(seed.createDate) : start,
      );
      for (const [name, doc] of Object.entries(seed.inlinePolicies)) user.inlinePolicies.set(name, JSON.stringify(doc));
      for (const arn of seed.managedPolicies) this.attachUserPolicy(seed.name, arn);
      for (const k of seed.accessKeys) {
        const key: AccessKey = {
          id: k.id,
          secret: k.secret,
          status: k.status,
          createDate: k.createDate ? new Date(k.createDate) : start,
          sessionToken: k.sessionToken,
          expiresAt: k.expiresAt ? new Date(k.expiresAt) : undefined,
        };
        user.accessKeys.push(key);
        this.keys.set(key.id, { user, key });
      }
    }
    this.seedRoles(config, start);
  }

  private seedRoles(config: EmulatorConfig, start: Date): void {
    for (const seed of config.roles) {
      this.roles.create(
        {
          name: seed.name,
          path: seed.path,
          description: seed.description,
          maxSessionDuration: seed.maxSessionDuration,
          trustDocument: JSON.stringify(seed.assumeRolePolicyDocument),
          tags: seed.tags,
        },
        seed.createDate ? new Date(seed.createDate) : start,
      );
      for (const [name, doc] of Object.entries(seed.inlinePolicies))
        this.putRolePolicy(seed.name, name, JSON.stringify(doc));
      for (const arn of seed.managedPolicies) this.attachRolePolicy(seed.name, arn);
    }
  }

  // ---- users ----
  createUser(name: string, path = "/", tags: User["tags"] = [], createDate = this.now()): User {
    if (!USER_NAME.test(name)) {
      throw new AwsError(
        "ValidationError",
        `1 validation error detected: Value '${name}' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
        400,
      );
    }
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path)) {
      throw new AwsError(
        "ValidationError",
        "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.",
        400,
      );
    }
    if (this.users.has(name.toLowerCase())) {
      throw new AwsError("EntityAlreadyExists", `User with name ${name} already exists.`, 409);
    }
    const user: User = {
      name,
      path,
      userId: newUniqueId("AIDA"),
      arn: `arn:aws:iam::${this.accountId}:user${path}${name}`,
      createDate,
      tags: [...tags],
      inlinePolicies: new Map(),
      managedPolicyArns: [],
      accessKeys: [],
    };
    this.users.set(name.toLowerCase(), user);
    return user;
  }

  getUser(name: string): User {
    const user = this.users.get(name.toLowerCase());
    if (!user) throw noSuchUser(name);
    return user;
  }

  findUserByName(name: string): User | undefined {
    return this.users.get(name.toLowerCase());
  }

  findUserByArn(arn: string): User | undefined {
    return [...this.users.values()].find((u) => u.arn === arn);
  }

  listUsers(): User[] {
    return [...this.users.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  deleteUser(name: string): void {
    const user = this.getUser(name);
    if (user.accessKeys.length > 0) {
      throw new AwsError("DeleteConflict", "Cannot delete entity, must delete access keys first.", 409);
    }
    if (user.inlinePolicies.size > 0) {
      throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
    }
    if (user.managedPolicyArns.length > 0) {
      throw new AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
    }
    this.users.delete(name.toLowerCase());
  }

  tagUser(name: string, tags: User["tags"]): void {
    const user = this.getUser(name);
    for (const tag of tags) {
      const existing = user.tags.find((t) => t.Key === tag.Key);
      if (existing) existing.Value = tag.Value;
      else user.tags.push({ ...tag });
    }
    if (user.tags.length > 50) throw new AwsError("LimitExceeded", "Cannot exceed quota for TagsPerUser: 50", 409);
  }

  // ---- inline policies ----
  putUserPolicy(userName: string, policyName: string, document: string): void {
    const user = this.getUser(userName);
    parsePolicyDocument(document);
    let total = policySize(document);
    for (const [name, doc] of user.inlinePolicies) if (name !== policyName) total += policySize(doc);
    if (total > INLINE_USER_POLICY_AGGREGATE) {
      throw new AwsError(
        "LimitExceeded",
        `Maximum policy size of ${INLINE_USER_POLICY_AGGREGATE} bytes exceeded for user ${user.name}`,
        409,
      );
    }
    user.inlinePolicies.set(policyName, document);
  }

  getUserPolicy(userName: string, policyName: string): string {
    const doc = this.getUser(userName).inlinePolicies.get(policyName);
    if (doc === undefined) {
      throw new AwsError("NoSuchEntity", `The user policy with name ${policyName} cannot be found.`, 404);
    }
    return doc;
  }

  deleteUserPolicy(userName: string, policyName: string): void {
    const user = this.getUser(userName);
    if (!user.inlinePolicies.delete(policyName)) {
      throw new AwsError("NoSuchEntity", `The user policy with name ${policyName} cannot be found.`, 404);
    }
  }

  // ---- managed policies ----
  getPolicy(arn: string): ManagedPolicy {
    const policy = this.policies.get(arn);
    if (!policy) throw new AwsError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
    return policy;
  }

  createPolicy(name: string, path: string, document: string): ManagedPolicy {
    parsePolicyDocument(document);
    if (policySize(document) > MANAGED_POLICY_SIZE) {
      throw new AwsError("LimitExceeded", `Cannot exceed quota for PolicySize: ${MANAGED_POLICY_SIZE}`, 409);
    }
    const arn = `arn:aws:iam::${this.accountId}:policy${path}${name}`;
    if ([...this.policies.values()].some((p) => !p.awsManaged && p.name === name)) {
      throw new AwsError(
        "EntityAlreadyExists",
        `A policy called ${name} already exists. Duplicate names are not allowed.`,
        409,
      );
    }
    const policy: ManagedPolicy = {
      arn,
      name,
      path,
      policyId: newUniqueId("ANPA"),
      document,
      awsManaged: false,
      createDate: this.now(),
    };
    this.policies.set(arn, policy);
    return policy;
  }

  attachmentCount(arn: string): number {
    return (
      [...this.users.values()].filter((u) => u.managedPolicyArns.includes(arn)).length + this.roles.attachmentCount(arn)
    );
  }

  attachUserPolicy(userName: string, arn: string): void {
    const user = this.getUser(userName);
    this.getPolicy(arn);
    if (!user.managedPolicyArns.includes(arn)) user.managedPolicyArns.push(arn);
  }

  detachUserPolicy(userName: string, arn: string): void {
    const user = this.getUser(userName);
    const i = user.managedPolicyArns.indexOf(arn);
    if (i === -1) throw new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
    user.managedPolicyArns.splice(i, 1);
  }

  listManagedPolicies(): ManagedPolicy[] {
    return [...this.policies.values()];
  }

  // ---- roles: the document and ARN checks users get, on the role store ----
  putRolePolicy(roleName: string, policyName: string, document: string): void {
    this.roles.get(roleName);
    parsePolicyDocument(document);
    this.roles.putPolicy(roleName, policyName, document);
  }

  attachRolePolicy(roleName: string, arn: string): void {
    this.roles.get(roleName);
    this.getPolicy(arn);
    this.roles.attach(roleName, arn);
  }

  // ---- access keys ----
  createAccessKey(userName: string): AccessKey {
    const user = this.getUser(userName);
    if (user.accessKeys.length >= ACCESS_KEYS_PER_USER) {
      throw new AwsError("LimitExceeded", `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`, 409);
    }
    const key: AccessKey = {
      id: newAccessKeyId(),
      secret: newSecretAccessKey(),
      status: "Active",
      createDate: this.now(),
    };
    user.accessKeys.push(key);
    this.keys.set(key.id, { user, key });
    return key;
  }

  /** The key owned by `userName` (AWS answers NoSuchEntity for a key of another user). */
  private ownedKey(userName: string, accessKeyId: string): AccessKey {
    const entry = this.keys.get(accessKeyId);
    const user = this.getUser(userName);
    if (!entry || entry.user !== user) {
      throw new AwsError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`, 404);
    }
    return entry.key;
  }

  updateAccessKey(userName: string, accessKeyId: string, status: "Active" | "Inactive"): void {
    this.ownedKey(userName, accessKeyId).status = status;
  }

  deleteAccessKey(userName: string, accessKeyId: string): void {
    const key = this.ownedKey(userName, accessKeyId);
    const user = this.getUser(userName);
    user.accessKeys = user.accessKeys.filter((k) => k !== key);
    this.keys.delete(accessKeyId);
  }

  findKey(accessKeyId: string): { user: User; key: AccessKey } | undefined {
    return this.keys.get(accessKeyId);
  }

  /** A user's key or a role session's temporary key, as the signature check needs it. */
  findCredential(accessKeyId: string): KeyRecord | undefined {
    const entry = this.keys.get(accessKeyId);
    if (entry) return entry.key;
    const session = this.roles.findSession(accessKeyId);
    if (!session) return undefined;
    return {
      secret: session.secret,
      status: "Active",
      sessionToken: session.sessionToken,
      expiresAt: session.expiresAt,
    };
  }

  findSession(accessKeyId: string): RoleSession | undefined {
    return this.roles.findSession(accessKeyId);
  }

  recordKeyUse(accessKeyId: string, service: string, region: string): void {
    const entry = this.keys.get(accessKeyId);
    if (entry) entry.key.lastUsed = { date: this.now(), service, region };
    const session = this.roles.findSession(accessKeyId);
    if (session) session.role.lastUsed = { date: this.now(), region };
  }

  // ---- evaluation ----
  /** The identity policies of a user or a role: its inline ones, then the attached managed ones. */
  policiesOf(principal: User | Role): SourcePolicy[] {
    const out: SourcePolicy[] = [];
    const inlineType = "roleId" in principal ? "role" : "user";
    for (const [name, text] of principal.inlinePolicies) {
      out.push({ id: name, type: inlineType, document: parsePolicyDocument(text) });
    }
    for (const arn of principal.managedPolicyArns) {
      const p = this.policies.get(arn);
      if (p)
        out.push({ id: p.arn, type: p.awsManaged ? "aws-managed" : "user-managed", document: JSON.parse(p.document) });
    }
    return out;
  }

  evaluate(
    user: User | Role,
    action: string,
    resource = "*",
    opts: EvaluateOptions = {},
  ): { decision: Decision; matched: MatchedStatement[]; missingContextKeys: string[] } {
    // GetCallerIdentity needs no permission and cannot be denied (aws.md §4.4)
    if (action.toLowerCase() === "sts:getcalleridentity")
      return { decision: "allowed", matched: [], missingContextKeys: [] };
    return evaluatePolicies(this.policiesOf(user), action, resource, opts);
  }
}
