"use client";

import { useState } from "react";
import { AUTO_OR_MANUAL, ModeTabs } from "@/components/ui";
import type { IamRecord } from "@/lib/setup/contract";
import { AutoForm } from "./iam/auto-form";
import { CurrentKey } from "./iam/current-key";
import { ManualForm } from "./iam/manual-form";
import type { IamStepProps } from "./iam/props";

export type { IamStepProps } from "./iam/props";

/** Step 2: create the platform's IAM user automatically, or follow the manual steps and paste the key. */
export function IamStep(p: IamStepProps) {
  const [mode, setMode] = useState<IamRecord["mode"]>(p.current?.mode ?? "auto");
  return (
    <div className="flex flex-col gap-5">
      {p.current ? <CurrentKey current={p.current} hasKey={p.hasKey} /> : null}
      <ModeTabs label="How to create the IAM user" modes={AUTO_OR_MANUAL} mode={mode} onChange={setMode} />
      <div role="tabpanel">{mode === "auto" ? <AutoForm {...p} /> : <ManualForm {...p} />}</div>
    </div>
  );
}
