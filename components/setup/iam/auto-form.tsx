"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";
import type { ResponseOf } from "@/lib/setup/contract";
import { callSetup } from "../api";
import { DemoFill } from "../demo-fill";
import { EMPTY_KEY, type KeyInput, KeyFields, keyBody } from "../key-fields";
import { type IamError, IamErrorBox } from "./iam-error-box";
import type { IamStepProps } from "./props";
import { PolicyPreview } from "./policy-preview";

/** Bootstrap credentials (used for these calls only) → the platform's user, its policy and its key. */
export function AutoForm(p: IamStepProps) {
  const router = useRouter();
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [userName, setUserName] = useState(p.current?.userName ?? p.defaultUserName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IamError>();
  const [done, setDone] = useState<ResponseOf<"POST /api/setup/iam/auto">>();

  async function create(reuseExisting: boolean) {
    setBusy(true);
    setError(undefined);
    const res = await callSetup("POST /api/setup/iam/auto", {
      ...keyBody(key),
      userName,
      reuseExisting,
    });
    setBusy(false);
    if (res.ok) {
      // the bootstrap credentials are not needed any more: drop them from the page too
      setKey(EMPTY_KEY);
      setDone(res.data);
      router.refresh();
    } else setError(res.data);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void create(false);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      <Alert title="Bootstrap credentials">
        Paste short-lived credentials of an administrator (or any principal allowed{" "}
        {p.bootstrapPermissions.map((x, i) => (
          <span key={x}>
            {i ? ", " : ""}
            <code className="font-mono text-xs">{x}</code>
          </span>
        ))}
        ). Sesame uses them for these calls only: they are never stored, logged or sent back.
      </Alert>
      {p.demoKey ? <DemoFill demo={p.demoKey} onFill={(k) => setKey({ ...EMPTY_KEY, ...k })} /> : null}
      <KeyFields idPrefix="bootstrap" labelPrefix="Bootstrap" value={key} onChange={setKey} />
      <Field
        id="iam-user-name"
        label="IAM user name"
        hint="A programmatic user (no console access) that only your platform uses."
        error={error?.field === "userName" ? error.error : undefined}
      >
        <Input
          id="iam-user-name"
          spellCheck={false}
          value={userName}
          onChange={(e) => setUserName(e.target.value)}
          required
        />
      </Field>
      <PolicyPreview {...p} />
      {error && error.field !== "userName" ? (
        <IamErrorBox error={error} busy={busy} onReuse={() => void create(true)} />
      ) : null}
      {done ? (
        <Alert
          variant="success"
          title={done.reusedUser ? `Reused IAM user ${done.userName}` : `Created IAM user ${done.userName}`}
        >
          Policy attached and access key <code className="font-mono">{done.accessKeyId}</code> created. Its secret stays
          on the server (memory only) and goes straight into your env file in step 4. New keys can take a few seconds to
          work everywhere in AWS.
        </Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        {done ? (
          <Button type="button" onClick={() => router.push("/setup/check")}>
            Continue
          </Button>
        ) : (
          <Button type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create IAM user"}
          </Button>
        )}
      </div>
    </form>
  );
}
