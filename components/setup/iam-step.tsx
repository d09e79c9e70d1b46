"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert, Badge, Button, cn, Field, Input } from "@/components/ui";
import { callSetup } from "./api";
import { CodeBlock } from "./code-block";
import { EMPTY_KEY, type KeyInput, KeyFields } from "./key-fields";

export interface IamStepProps {
  targetLabel: string;
  defaultUserName: string;
  policyJson: string;
  policyName: string;
  cliCommands: string[];
  consoleSteps: string[];
  bootstrapPermissions: string[];
  current?: { mode: "auto" | "manual"; userName?: string; accessKeyId: string };
  hasKey: boolean;
}

interface IamError {
  error?: string;
  problem?: string;
  permission?: string;
  keys?: { accessKeyId: string; status: string; created?: string }[];
  field?: string;
}

/** Step 2: create the platform's IAM user automatically, or follow the manual steps and paste the key. */
export function IamStep(p: IamStepProps) {
  const [mode, setMode] = useState<"auto" | "manual">(p.current?.mode ?? "auto");
  return (
    <div className="flex flex-col gap-5">
      {p.current ? (
        p.hasKey ? (
          <Alert variant="success" title="Key ready for this session">
            {p.current.userName ? `IAM user ${p.current.userName}, ` : ""}access key{" "}
            <code className="font-mono">{p.current.accessKeyId}</code>. Its secret is held in the server&apos;s memory
            only and is never shown again. Continue, or replace it below.
          </Alert>
        ) : (
          <Alert variant="warning" title="Enter the key again">
            Sesame remembers access key <code className="font-mono">{p.current.accessKeyId}</code> but not its secret
            (the server restarted or this is a different browser). Paste the key again below (manual), or create a new
            one.
          </Alert>
        )
      ) : null}
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

function PolicyPreview({
  policyJson,
  policyName,
  targetLabel,
}: Pick<IamStepProps, "policyJson" | "policyName" | "targetLabel">) {
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-medium text-neutral-900">
        Policy JSON{" "}
        <span className="font-normal text-neutral-500">
          — inline policy “{policyName}”, exactly what {targetLabel} calls
        </span>
      </h3>
      <CodeBlock code={policyJson} label="policy JSON" />
    </div>
  );
}

function AutoForm(p: IamStepProps) {
  const router = useRouter();
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [userName, setUserName] = useState(p.current?.userName ?? p.defaultUserName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IamError>();
  const [done, setDone] = useState<{ userName: string; accessKeyId: string; reusedUser: boolean }>();

  async function create(reuseExisting: boolean) {
    setBusy(true);
    setError(undefined);
    const res = await callSetup<IamError & { userName: string; accessKeyId: string; reusedUser: boolean }>(
      "/api/setup/iam/auto",
      {
        body: {
          accessKeyId: key.keyId,
          secretAccessKey: key.secret,
          sessionToken: key.token || undefined,
          userName,
          reuseExisting,
        },
      },
    );
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

function IamErrorBox({ error, busy, onReuse }: { error: IamError; busy: boolean; onReuse: () => void }) {
  if (error.problem === "user-exists") {
    return (
      <Alert variant="warning" title="User already exists">
        <p>{error.error}</p>
        <div className="mt-2 flex gap-2">
          <Button type="button" size="sm" variant="outline" disabled={busy} onClick={onReuse}>
            Reuse existing user
          </Button>
        </div>
      </Alert>
    );
  }
  if (error.problem === "key-limit") {
    return (
      <Alert variant="error" title="The user already has 2 access keys">
        <p>{error.error}</p>
        {error.keys?.length ? (
          <ul className="mt-2 list-disc pl-5 font-mono text-xs">
            {error.keys.map((k) => (
              <li key={k.accessKeyId}>
                {k.accessKeyId} — {k.status}
                {k.created ? `, created ${k.created.slice(0, 10)}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    );
  }
  if (error.problem === "access-denied") {
    return (
      <Alert variant="error" title={`Missing permission: ${error.permission ?? "unknown"}`}>
        {error.error}
      </Alert>
    );
  }
  return <Alert variant="error">{error.error ?? "Something went wrong."}</Alert>;
}

function ManualForm(p: IamStepProps) {
  const router = useRouter();
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const res = await callSetup("/api/setup/iam/manual", {
      body: {
        accessKeyId: key.keyId,
        secretAccessKey: key.secret,
        sessionToken: key.token || undefined,
        userName: p.defaultUserName,
      },
    });
    setBusy(false);
    if (res.ok) {
      setKey((k) => ({ ...k, secret: "" }));
      router.push("/setup/check");
      router.refresh();
    } else setError(res.data.error);
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
        {error ? <Alert variant="error">{error}</Alert> : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save key and check it"}
          </Button>
        </div>
      </form>
    </div>
  );
}
