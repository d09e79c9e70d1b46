import { parseTrustPolicy, type TrustStatement } from "../../auth/trust";
import { newAccessKeyId, newSecretAccessKey, newSessionToken, newUniqueId } from "../../core/ids";
import { AwsError } from "../../core/types";

/**
 * IAM roles and the STS sessions minted for them (docs/emulator.md "Roles"). A session is a temporary ASIA key
 * with a session token and an expiry; requests signed with it are authorized by the role's policies.
 */

export interface Role {
  name: string;
  path: string;
  roleId: string;
  arn: string;
  createDate: Date;
  description?: string;
  /** seconds, 3600…43200 (AWS's default 3600) */
  maxSessionDuration: number;
  /** the trust policy exactly as stored (AWS hands it back URL-encoded) */
  trustDocument: string;
  trust: TrustStatement[];
  inlinePolicies: Map<string, string>;
  managedPolicyArns: string[];
  tags: Array<{ Key: string; Value: string }>;
  lastUsed?: { date: Date; region: string };
}

export interface RoleSession {
  accessKeyId: string;
  secret: string;
  sessionToken: string;
  expiresAt: Date;
  role: Role;
  sessionName: string;
  /** arn:aws:sts::<acct>:assumed-role/<role>/<session> */
  arn: string;
  /** AROA…:<session> */
  assumedRoleId: string;
}

export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** IAM counts inline role policies together, without whitespace (aws.md §4.7) */
const INLINE_ROLE_POLICY_AGGREGATE = 10_240;
/** sessions kept for lookups (expired ones too, so they answer ExpiredToken); the oldest go first */
const MAX_SESSIONS = 2_000;

const noSuchRole = (name: string) => new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
const validation = (m: string) => new AwsError("ValidationError", m, 400);

export interface RoleInput {
  name: string;
  path?: string;
  description?: string;
  maxSessionDuration?: number;
  trustDocument: string;
  tags?: Role["tags"];
}

export class RoleStore {
  private readonly roles = new Map<string, Role>();
  private readonly sessions = new Map<string, RoleSession>();

  constructor(
    private readonly accountId: string,
    private readonly now: () => Date,
  ) {}

  create(input: RoleInput, createDate = this.now()): Role {
    const { name } = input;
    const path = input.path || "/";
    if (!ROLE_NAME.test(name)) {
      throw validation(
        `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
      );
    }
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path)) {
      throw validation(
        "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.",
      );
    }
    const max = input.maxSessionDuration ?? 3600;
    if (!Number.isInteger(max) || max < 3600 || max > 43_200) {
      throw validation(
        `1 validation error detected: Value '${input.maxSessionDuration}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`,
      );
    }
    if (this.roles.has(name.toLowerCase())) {
      throw new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
    }
    const trust = parseTrustPolicy(input.trustDocument);
    const role: Role = {
      name,
      path,
      roleId: newUniqueId("AROA"),
      arn: `arn:aws:iam::${this.accountId}:role${path}${name}`,
      createDate,
      description: input.description,
      maxSessionDuration: max,
      trustDocument: input.trustDocument,
      trust,
      inlinePolicies: new Map(),
      managedPolicyArns: [],
      tags: [...(input.tags ?? [])],
    };
    this.roles.set(name.toLowerCase(), role);
    return role;
  }

  get(name: string): Role {
    const role = this.roles.get(name.toLowerCase());
    if (!role) throw noSuchRole(name);
    return role;
  }

  find(name: string): Role | undefined {
    return this.roles.get(name.toLowerCase());
  }

  findByArn(arn: string): Role | undefined {
    return [...this.roles.values()].find((r) => r.arn === arn);
  }

  list(): Role[] {
    return [...this.roles.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  delete(name: string): void {
    const role = this.get(name);
    if (role.inlinePolicies.size > 0) {
      throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
    }
    if (role.managedPolicyArns.length > 0) {
      throw new AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
    }
    this.roles.delete(name.toLowerCase());
    // its sessions stop working with it, as AWS's do once the role is gone
    for (const [id, s] of this.sessions) if (s.role === role) this.sessions.delete(id);
  }

  // ---- inline policies (the document is validated by the caller: IamModel.putRolePolicy) ----
  putPolicy(roleName: string, policyName: string, document: string): void {
    const role = this.get(roleName);
    let total = document.replace(/\s/g, "").length;
    for (const [n, doc] of role.inlinePolicies) if (n !== policyName) total += doc.replace(/\s/g, "").length;
    if (total > INLINE_ROLE_POLICY_AGGREGATE) {
      throw new AwsError(
        "LimitExceeded",
        `Maximum policy size of ${INLINE_ROLE_POLICY_AGGREGATE} bytes exceeded for role ${role.name}`,
        409,
      );
    }
    role.inlinePolicies.set(policyName, document);
  }

  getPolicy(roleName: string, policyName: string): string {
    const doc = this.get(roleName).inlinePolicies.get(policyName);
    if (doc === undefined) {
      throw new AwsError("NoSuchEntity", `The role policy with name ${policyName} cannot be found.`, 404);
    }
    return doc;
  }

  deletePolicy(roleName: string, policyName: string): void {
    if (!this.get(roleName).inlinePolicies.delete(policyName)) {
      throw new AwsError("NoSuchEntity", `The role policy with name ${policyName} cannot be found.`, 404);
    }
  }

  // ---- managed policies (the ARN is checked by the caller) ----
  attach(roleName: string, arn: string): void {
    const role = this.get(roleName);
    if (!role.managedPolicyArns.includes(arn)) role.managedPolicyArns.push(arn);
  }

  detach(roleName: string, arn: string): void {
    const role = this.get(roleName);
    const i = role.managedPolicyArns.indexOf(arn);
    if (i === -1) throw new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, 404);
    role.managedPolicyArns.splice(i, 1);
  }

  attachmentCount(arn: string): number {
    return [...this.roles.values()].filter((r) => r.managedPolicyArns.includes(arn)).length;
  }

  // ---- sessions ----
  /** Mint temporary credentials for the role (STS AssumeRole, the container credentials endpoint). */
  startSession(role: Role, sessionName: string, durationSeconds: number): RoleSession {
    const now = this.now();
    const session: RoleSession = {
      accessKeyId: newAccessKeyId("ASIA"),
      secret: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + durationSeconds * 1000),
      role,
      sessionName,
      arn: `arn:aws:sts::${this.accountId}:assumed-role/${role.name}/${sessionName}`,
      assumedRoleId: `${role.roleId}:${sessionName}`,
    };
    this.sessions.set(session.accessKeyId, session);
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value as string;
      this.sessions.delete(oldest);
    }
    return session;
  }

  findSession(accessKeyId: string): RoleSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  listSessions(): RoleSession[] {
    return [...this.sessions.values()];
  }
}
