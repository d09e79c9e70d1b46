"use client";

import { lazy, Suspense, useState } from "react";
import { RefusalAlert } from "@/components/findings/refusal-alert";
import { AUTO_OR_MANUAL, ModeTabs } from "@/components/ui";
import { AutoForm } from "./iam/auto-form";
import { CurrentKey } from "./iam/current-key";
import { CurrentRole } from "./iam/current-role";
import { ManualForm } from "./iam/manual-form";
import type { IamStepProps } from "./iam/props";
import { LazyFallback } from "./lazy-fallback";

export type { IamStepProps } from "./iam/props";

// loaded when the role path is opened: most operators take the key path
const RolePanel = lazy(() => import("@/components/golive/role-panel").then((m) => ({ default: m.RolePanel })));

const CREDENTIAL_PATHS = [
  { id: "key", title: "Access key" },
  { id: "role", title: "Role (no stored keys)" },
] as const;

/**
 * Step 2: how the platform gets AWS credentials. An access key: create the IAM user automatically, or follow the
 * manual steps and paste the key. A role (platforms on the AWS SDK's default chain only): the policy on the role
 * where the platform runs, no key made or written; other platforms are told why not, in the engine's words.
 */
export function IamStep(p: IamStepProps) {
  const roleCurrent = p.role.refusal ? undefined : p.role.current;
  const [path, setPath] = useState<"key" | "role">(roleCurrent ? "role" : "key");
  const [mode, setMode] = useState<"auto" | "manual">(p.current?.mode ?? "auto");
  return (
    <div className="flex flex-col gap-5">
      {roleCurrent ? <CurrentRole current={roleCurrent} /> : null}
      {p.current && !roleCurrent ? <CurrentKey current={p.current} hasKey={p.hasKey} /> : null}
      <ModeTabs
        label={`How ${p.targetLabel} gets AWS credentials`}
        modes={CREDENTIAL_PATHS}
        mode={path}
        onChange={setPath}
      />
      {path === "key" ? (
        <div role="tabpanel" aria-label="Access key" className="flex flex-col gap-5">
          <ModeTabs label="How to create the IAM user" modes={AUTO_OR_MANUAL} mode={mode} onChange={setMode} />
          <div role="tabpanel">{mode === "auto" ? <AutoForm {...p} /> : <ManualForm {...p} />}</div>
        </div>
      ) : (
        <div role="tabpanel" aria-label="Role (no stored keys)">
          {p.role.refusal ? (
            <RefusalAlert error={p.role.refusal.title} finding={p.role.refusal} />
          ) : (
            <Suspense fallback={<LazyFallback what="the role path" />}>
              <RolePanel
                targetLabel={p.targetLabel}
                policyJson={p.policyJson}
                policyName={p.policyName}
                defaultRoleName={p.role.current?.roleName ?? p.role.demoRole ?? p.role.defaultRoleName}
                demoRole={p.role.demoRole}
                current={p.role.current}
                demoKey={p.demoKey}
              />
            </Suspense>
          )}
        </div>
      )}
    </div>
  );
}
