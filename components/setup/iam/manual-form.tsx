"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { RefusalAlert } from "@/components/findings/refusal-alert";
import { Badge, Button } from "@/components/ui";
import type { ErrorOf } from "@/lib/setup/contract";
import { callSetup } from "../api";
import { CodeBlock } from "../code-block";
import { EMPTY_KEY, type KeyInput, KeyFields, keyBody } from "../key-fields";
import { PolicyPreview } from "./policy-preview";
import type { IamStepProps } from "./props";

/** Console steps, CLI commands and the policy to copy; then the key the operator made, pasted as AWS showed it. */
export function ManualForm(p: IamStepProps) {
  const router = useRouter();
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorOf<"POST /api/setup/iam/manual">>();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const res = await callSetup("POST /api/setup/iam/manual", keyBody(key));
    setBusy(false);
    if (res.ok) {
      setKey((k) => ({ ...k, secret: "" }));
      router.push("/setup/check");
      router.refresh();
    } else setError(res.data);
  }

  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-2">
        <h3 className="text-sm font-medium text-neutral-900">In the IAM console</h3>
        <ol className="list-decimal space-y-1 pl-5 text-sm text-neutral-700">
          {p.consoleSteps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </section>
      <section className="flex flex-col gap-2">
        <h3 className="text-sm font-medium text-neutral-900">
          Or with the AWS CLI <Badge variant="neutral">admin profile</Badge>
        </h3>
        {p.cliCommands.map((c, i) => (
          <CodeBlock key={c} code={c} label={`CLI command ${i + 1}`} />
        ))}
      </section>
      <PolicyPreview {...p} />
      <form onSubmit={onSubmit} className="flex flex-col gap-4 border-t border-neutral-200 pt-5">
        <h3 className="text-sm font-medium text-neutral-900">Then paste the new key</h3>
        <KeyFields
          idPrefix="manual"
          secretHint="Paste it as shown by AWS; step 3 checks it."
          value={key}
          onChange={setKey}
        />
        {error ? <RefusalAlert error={error.error} finding={error.finding} /> : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save key and check it"}
          </Button>
        </div>
      </form>
    </div>
  );
}
