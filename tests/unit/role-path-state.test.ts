import { describe, expect, it } from "vitest";
import { SesameConfigSchema as ConfigSchema } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { demoRoleName } from "@/lib/golive/role-chain";
import { chooseRole, roleRefusal } from "@/lib/golive/role-choice";
import { IamRecordSchema } from "@/lib/setup/contract";
import { keyNames, varsFor } from "@/lib/setup/env";
import { isCurrentSend, progressOf, provedBy } from "@/lib/setup/progress";
import { WizardStateSchema } from "@/lib/setup/state";

/** The wizard's role path as state: the record, the rail, what a send proves, and the env variables without keys. */

const base = () =>
  WizardStateSchema.parse({
    target: "usesend",
    region: "eu-west-1",
    check: { status: "pass", errors: 0, warnings: 0, at: "2026-01-01T00:00:00Z" },
  });

describe("role path state", () => {
  it("IamRecord is either a key (with its id) or a role (without any)", () => {
    expect(IamRecordSchema.safeParse({ mode: "role", host: "ecs", policyName: "p", at: "t" }).success).toBe(true);
    expect(IamRecordSchema.safeParse({ mode: "auto", policyName: "p", at: "t" }).success).toBe(false);
    expect(IamRecordSchema.safeParse({ mode: "role", host: "lambda", policyName: "p", at: "t" }).success).toBe(false);
  });

  it("the rail counts step 2 on the role path without a key in the session; a key path still needs it", () => {
    const role = chooseRole(base(), { host: "ecs", roleName: "app" }).state;
    expect(progressOf(role, false)).toMatchObject({ target: true, iam: true });
    const key = { ...base(), iam: { mode: "manual" as const, accessKeyId: "AKIA", at: "t" } };
    expect(progressOf(key, false).iam).toBe(false);
    expect(progressOf(key, true).iam).toBe(true);
  });

  it("choosing the same role again keeps its record and proofs; another role resets the check and the env", () => {
    const first = chooseRole(base(), { host: "ecs", roleName: "app", policyArn: "arn:p", attachedAt: "a" });
    expect(first.changed).toBe(true);
    expect(first.state.check).toBeUndefined();
    const proved = provedBy(first.state);
    expect(proved).toMatchObject({ roleName: "app" });
    expect(proved.accessKeyId).toBeUndefined();
    const withCheck = { ...first.state, check: base().check };
    const again = chooseRole(withCheck, { host: "ecs", roleName: "app" });
    expect(again.changed).toBe(false);
    expect(again.state.iam).toEqual(first.state.iam);
    expect(again.state.check).toBeDefined();
    const send = { via: "api" as const, from: "a@x.io", to: "b@x.io", ok: true, at: "t", proved };
    expect(isCurrentSend(send, again.state)).toBe(true);
    const other = chooseRole(again.state, { host: "ecs", roleName: "other" });
    expect(other.changed).toBe(true);
    expect(other.state.iam).not.toHaveProperty("policyArn");
    expect(isCurrentSend(send, other.state)).toBe(false);
  });

  it("only useSend and AWS SDK apps may take it; the others get the engine's finding", () => {
    expect(roleRefusal("usesend")).toBeUndefined();
    expect(roleRefusal("aws")).toBeUndefined();
    for (const t of ["plunk", "plunk-v1", "smtp"] as const)
      expect(roleRefusal(t)?.code).toBe("credentials.chain-not-supported");
    expect(roleRefusal("plunk")?.title).toBe("Plunk cannot run on a role: it needs a stored access key");
  });

  it("the env variables on the role path: region and non-secret names, no key names", async () => {
    for (const id of ["usesend", "aws"] as const) {
      const target = getTarget(id);
      const vars = await varsFor(target, base(), undefined, 587);
      for (const name of keyNames(target)) expect(vars).not.toHaveProperty(name);
      expect(Object.values(vars)).toContain("eu-west-1");
      expect(Object.values(vars).every((v) => v === "eu-west-1")).toBe(true);
    }
  });

  it("the demo role is read from the container endpoint Sesame was given, in demo mode only", () => {
    const demo = ConfigSchema.parse({ demo: true });
    const uri = "http://127.0.0.1:4566/_emulator/container-credentials/sesame-demo-platform-role";
    expect(demoRoleName(demo, { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri })).toBe("sesame-demo-platform-role");
    expect(demoRoleName(ConfigSchema.parse({}), { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri })).toBeUndefined();
    expect(demoRoleName(demo, { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.2/v2/credentials/x" })).toBe(
      undefined,
    );
    expect(demoRoleName(demo, {})).toBeUndefined();
  });
});
