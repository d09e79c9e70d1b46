"use client";

import { KeyRound } from "lucide-react";
import { useState } from "react";
import { CodeBlock } from "@/components/setup/code-block";
import { ROLE_HOSTS, type RoleHost, roleCommands, trustPolicy } from "@/lib/golive/role-path";

/**
 * "Keys without keys": the platform's policy on a role for where it runs (EC2, ECS, EKS), the trust policy and the
 * commands. No access key is made and none is written; health and the doctor check the chain the platform will use.
 */
export function RolePanel(props: { targetLabel: string; policyJson: string; policyName: string }) {
  const [host, setHost] = useState<RoleHost>("ecs");
  const roleName = props.policyName.replace(/-ses$/, "-role");
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
      <CodeBlock code={roleCommands(host, props.policyName, roleName)} label="role commands" />
      <p className="text-xs text-neutral-500">
        Save the two documents as trust.json and policy.json, run the commands with an administrator&apos;s credentials,
        leave the platform&apos;s key variables unset, and restart it.
      </p>
    </section>
  );
}
