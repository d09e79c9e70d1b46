"use client";

import { ArrowRight, KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { RefusalAlert } from "@/components/findings/refusal-alert";
import { callSetup } from "@/components/setup/api";
import { CodeBlock } from "@/components/setup/code-block";
import { DemoFill } from "@/components/setup/demo-fill";
import type { IamRoleRecord } from "@/components/setup/iam/props";
import { EMPTY_KEY, type KeyInput, KeyFields, keyBody } from "@/components/setup/key-fields";
import { Button, Field, Input } from "@/components/ui";
import { ROLE_HOSTS, type RoleHost, roleCommands, trustPolicy } from "@/lib/golive/role-path";
import type { DemoBootstrap, ErrorOf } from "@/lib/setup/contract";

/**
 * "No stored keys: use a role" (docs/wizard.md): the platform's policy on a role for where it runs (EC2, ECS, EKS),
 * the trust policy and the commands. Sesame can create the policy and attach it to an existing role itself, with
 * bootstrap credentials used once (never stored or sent back); otherwise the commands do it. No access key is made
 * and none is written; "Check the role" runs the check with the default chain Sesame itself runs with.
 */
export function RolePanel(props: {
  targetLabel: string;
  policyJson: string;
  policyName: string;
  defaultRoleName: string;
  /** demo: the stand-in role the demo's Sesame runs as */
  demoRole?: string;
  current?: IamRoleRecord;
  demoKey?: DemoBootstrap;
}) {
  const router = useRouter();
  const [host, setHost] = useState<RoleHost>(props.current?.host ?? "ecs");
  const [roleName, setRoleName] = useState(props.defaultRoleName);
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [busy, setBusy] = useState<"attach" | "check">();
  const [error, setError] = useState<ErrorOf<"POST /api/setup/iam/role-attach">>();
  const [attached, setAttached] = useState<{ roleName: string; policyArn: string; existed: boolean }>();
  const policyArn = attached?.policyArn ?? props.current?.policyArn;

  async function onAttach(e: FormEvent) {
    e.preventDefault();
    setBusy("attach");
    setError(undefined);
    const res = await callSetup("POST /api/setup/iam/role-attach", { ...keyBody(key), host, roleName });
    setBusy(undefined);
    if (res.ok) {
      // used once: drop the bootstrap credentials from the page too
      setKey(EMPTY_KEY);
      setAttached({ roleName, policyArn: res.data.iam.policyArn ?? "", existed: res.data.existed });
    } else setError(res.data);
  }

  async function checkRole() {
    setBusy("check");
    setError(undefined);
    const res = await callSetup("POST /api/setup/iam/role", { host, roleName: roleName.trim() || undefined });
    if (res.ok) router.push("/setup/check");
    else {
      setBusy(undefined);
      setError(res.data);
    }
  }

  return (
    <section aria-labelledby="role-title" className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h3 id="role-title" className="flex items-center gap-2 text-sm font-semibold text-neutral-900">
          <KeyRound className="h-4 w-4 text-neutral-500" aria-hidden /> No stored keys: use a role
        </h3>
        <p className="text-sm text-neutral-500">
          {props.targetLabel} uses the AWS SDK&apos;s default credential chain when its env file has no key. Put the
          same policy on a role where it runs; Sesame then writes no keys, and its own checks use the chain of the host
          it runs on (run Sesame next to the platform).
        </p>
      </div>
      <fieldset className="flex flex-wrap gap-4 text-sm text-neutral-800">
        <legend className="sr-only">Where the platform runs</legend>
        {ROLE_HOSTS.map((h) => (
          <label key={h.id} className="flex items-center gap-2">
            <input type="radio" name="role-host" checked={host === h.id} onChange={() => setHost(h.id)} />
            {h.label}
          </label>
        ))}
      </fieldset>
      <Field
        id="role-name"
        label="Role name"
        hint={
          props.demoRole
            ? `Demo: ${props.demoRole} is the stand-in role this Sesame runs as (a fresh role without a policy).`
            : "An existing role, or the one the commands below create."
        }
      >
        <Input id="role-name" spellCheck={false} value={roleName} onChange={(e) => setRoleName(e.target.value)} />
      </Field>
      <div className="flex flex-col gap-1.5">
        <p className="text-xs font-medium text-neutral-700">
          Trust policy (<code className="font-mono">trust.json</code>): who may use the role
        </p>
        <CodeBlock code={trustPolicy(host)} label="trust policy" />
      </div>
      <details className="group flex flex-col gap-1.5">
        <summary className="cursor-pointer text-xs font-medium text-neutral-700">
          Role policy (<code className="font-mono">policy.json</code>): the same least-privilege policy as the key path
        </summary>
        <div className="mt-1.5">
          <CodeBlock code={props.policyJson} label="role policy" />
        </div>
      </details>
      {attached ? (
        <p role="status" className="text-sm text-green-700 [overflow-wrap:anywhere]">
          {attached.existed ? "Policy already there (left unchanged), " : "Policy created, "}attached to role{" "}
          <code className="font-mono text-xs">{attached.roleName}</code>:{" "}
          <code className="font-mono text-xs">{attached.policyArn}</code>
        </p>
      ) : (
        <form
          onSubmit={onAttach}
          aria-label="Attach the policy to the role"
          className="flex flex-col gap-3 rounded-lg border border-neutral-200 p-4"
        >
          <p className="text-sm text-neutral-600">
            Let Sesame create {props.policyName} as a managed policy and attach it to the role: paste credentials
            allowed <code className="font-mono text-xs">iam:CreatePolicy</code> and{" "}
            <code className="font-mono text-xs">iam:AttachRolePolicy</code>. They are used for these calls only: never
            stored, logged or sent back.
          </p>
          {props.demoKey ? <DemoFill demo={props.demoKey} onFill={(k) => setKey({ ...EMPTY_KEY, ...k })} /> : null}
          <KeyFields idPrefix="role" labelPrefix="Policy creator" value={key} onChange={setKey} />
          <div>
            <Button
              type="submit"
              variant="secondary"
              disabled={!!busy || !key.keyId || !key.secret || !roleName.trim()}
            >
              {busy === "attach" ? "Attaching the policy…" : "Create and attach the policy"}
            </Button>
          </div>
        </form>
      )}
      {error ? <RefusalAlert error={error.error} finding={error.finding} /> : null}
      <div className="flex flex-col gap-1.5">
        <p className="text-xs font-medium text-neutral-700">AWS CLI commands</p>
        <CodeBlock
          code={roleCommands(host, props.policyName, roleName.trim() || "<ROLE_NAME>", policyArn)}
          label="role commands"
        />
      </div>
      <p className="text-xs text-neutral-500">
        {policyArn
          ? "Or by hand: save the trust policy as trust.json and run the commands with an administrator's credentials. Leave the platform's key variables unset and restart it."
          : "Or by hand: save the two documents as trust.json and policy.json and run the commands with an administrator's credentials. Leave the platform's key variables unset and restart it."}
      </p>
      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-neutral-200 pt-4">
        <p className="min-w-0 flex-1 text-xs text-neutral-500">
          The check signs with the role Sesame finds where it runs: missing permissions show there.
        </p>
        <Button type="button" onClick={() => void checkRole()} disabled={!!busy}>
          {busy === "check" ? "Opening the check…" : "Check the role"} <ArrowRight className="h-4 w-4" aria-hidden />
        </Button>
      </div>
    </section>
  );
}
