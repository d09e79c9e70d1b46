import type { HealthSnapshot } from "./snapshot";

/**
 * The health page and JSON are public; the AWS account id is not for everyone (docs/security.md#health). Findings
 * name principals by ARN (`arn:aws:iam::123456789012:user/plunk-ses`): publicly they name the IAM user (or role)
 * instead, other ARNs keep their shape with the account id hidden, and evidence fields named like an account id
 * are hidden. A signed-in setup session sees the full snapshot.
 */
const ARN = /arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}):([^\s"'`,;)\]}]+)/g;
export const HIDDEN_ACCOUNT = "(account id hidden)";

export function withoutAccountIds(text: string): string {
  return text.replace(ARN, (_m, partition: string, service: string, region: string, _account, resource: string) => {
    if (service === "iam" || service === "sts") {
      if (resource === "root") return "the account's root user";
      const user = resource.match(/^user\/(?:.*\/)?([^/]+)$/);
      if (user) return user[1] as string;
      const role = resource.match(/^(?:role|assumed-role)\/(?:.*\/)?([^/]+?)(?:\/[^/]+)?$/);
      if (role && resource.startsWith("assumed-role/")) return `role ${resource.split("/")[1]}`;
      if (role) return `role ${role[1]}`;
    }
    return `arn:${partition}:${service}:${region}:${HIDDEN_ACCOUNT}:${resource}`;
  });
}

const ACCOUNT_FIELD = /"(account|accountId|AccountId|Account)":("\d{12}"|\d{12})/g;

/** A copy of the snapshot fit for anyone who can reach /health or /api/health. */
export function publicSnapshot(snapshot: HealthSnapshot): HealthSnapshot {
  const text = JSON.stringify(snapshot).replace(ACCOUNT_FIELD, `"$1":"${HIDDEN_ACCOUNT}"`);
  return JSON.parse(withoutAccountIds(text)) as HealthSnapshot;
}
