"use client";

import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";
import { callSetup } from "@/components/setup/api";
import { CodeBlock } from "@/components/setup/code-block";
import { DemoFill } from "@/components/setup/demo-fill";
import { EMPTY_KEY, type KeyInput, KeyFields, keyBody } from "@/components/setup/key-fields";
import { Alert, Button } from "@/components/ui";
import { ROLE_HOSTS, type RoleHost, roleCommands, trustPolicy } from "@/lib/golive/role-path";
import type { DemoBootstrap, ErrorOf, ResponseOf } from "@/lib/setup/contract";

/**
 * "Keys without keys": the platform's policy on a role for where it runs (EC2, ECS, EKS), the trust policy and the
 * commands. Sesame can create the policy itself with bootstrap credentials used once (never stored or sent back);
 * no access key is made and none is written; health and the doctor check the chain the platform will use.
 */
export function RolePanel(props: {
  targetLabel: string;
  policyJson: string;
  policyName: string;
  demoKey?: DemoBootstrap;
}) {
  const [host, setHost] = useState<RoleHost>("ecs");
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorOf<"POST /api/setup/iam/role-policy">>();
  const [created, setCreated] = useState<ResponseOf<"POST /api/setup/iam/role-policy">>();
  const roleName = props.policyName.replace(/-ses$/, "-role");

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const res = await callSetup("POST /api/setup/iam/role-policy", keyBody(key));
    setBusy(false);
    if (res.ok) {
      // used once: drop the bootstrap credentials from the page too
      setKey(EMPTY_KEY);
      setCreated(res.data);
    } else setError(res.data);
  }

  return (
    <section aria-labelledby="role-title" className="flex flex-col gap-3 border-t border-neutral-200 pt-5">
      <div className="flex flex-col gap-1">
        <h3 id="role-title" className="flex items-center gap-2 text-sm font-semibold text-neutral-900">
          <KeyRound className="h-4 w-4 text-neutral-500" aria-hidden /> No stored keys: use a role
        </h3>
        <p className="text-sm text-neutral-500">
          {props.targetLabel} uses the AWS SDK&apos;s default credential chain when its env file has no key. Put the
          same policy on a role where it runs; Sesame then writes no keys, and health checks the chain with{" "}
          <code className="font-mono text-xs">SESAME_DEMO=0</code>.
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
      <CodeBlock code={trustPolicy(host)} label="trust policy" />
      <CodeBlock code={props.policyJson} label="role policy" />
      {created ? (
        <p role="status" className="text-sm text-green-700">
          {created.existed ? "Policy already there (left unchanged): " : "Policy created: "}
          <code className="font-mono text-xs [overflow-wrap:anywhere]">{created.policyArn}</code>
        </p>
      ) : (
        <form
          onSubmit={onSubmit}
          aria-label="Create the role policy"
          className="flex flex-col gap-3 rounded-lg border border-neutral-200 p-4"
        >
          <p className="text-sm text-neutral-600">
            Let Sesame create {props.policyName} as a managed policy: paste credentials allowed{" "}
            <code className="font-mono text-xs">iam:CreatePolicy</code>. They are used for this call only: never stored,
            logged or sent back.
          </p>
          {props.demoKey ? <DemoFill demo={props.demoKey} onFill={(k) => setKey({ ...EMPTY_KEY, ...k })} /> : null}
          <KeyFields idPrefix="role" labelPrefix="Policy creator" value={key} onChange={setKey} />
          {error ? <Alert variant="error">{error.error}</Alert> : null}
          <div>
            <Button type="submit" variant="secondary" disabled={busy || !key.keyId || !key.secret}>
              {busy ? "Creating the policy…" : "Create the policy"}
            </Button>
          </div>
        </form>
      )}
      <CodeBlock code={roleCommands(host, props.policyName, roleName, created?.policyArn)} label="role commands" />
      <p className="text-xs text-neutral-500">
        {created
          ? "Save the trust policy as trust.json, run the commands with an administrator's credentials, leave the platform's key variables unset, and restart it."
          : "Save the two documents as trust.json and policy.json, run the commands with an administrator's credentials, leave the platform's key variables unset, and restart it."}
      </p>
    </section>
  );
}
