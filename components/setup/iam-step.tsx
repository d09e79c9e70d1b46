"use client";

import { useState } from "react";
import { cn } from "@/components/ui";
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
      <div
        role="tablist"
        aria-label="How to create the IAM user"
        className="inline-flex w-fit rounded-lg bg-neutral-100 p-1"
      >
        {(["auto", "manual"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium",
              mode === m ? "bg-white text-neutral-900 shadow-xs" : "text-neutral-600 hover:text-neutral-900",
            )}
          >
            {m === "auto" ? "Automatic" : "Manual"}
          </button>
        ))}
      </div>
      <div role="tabpanel">{mode === "auto" ? <AutoForm {...p} /> : <ManualForm {...p} />}</div>
    </div>
  );
}
