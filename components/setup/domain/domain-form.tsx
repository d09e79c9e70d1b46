"use client";

import { type FormEvent, lazy, Suspense, useState } from "react";
import { Button, Field, Input } from "@/components/ui";
import type { DemoBootstrap, DomainError, RequestOf } from "@/lib/setup/contract";
import { EMPTY_KEY, type KeyInput, keyBody } from "../key-input";
import { LazyFallback } from "../lazy-fallback";
import { RefusalAlert } from "@/components/findings/refusal-alert";

// shown only when SES refuses the first attempt: their code is fetched with that answer, not with the page
const NeedCreds = lazy(() => import("./need-creds"));
const ElsewhereOffer = lazy(() => import("./elsewhere-offer").then((m) => ({ default: m.ElsewhereOffer })));

/**
 * The domain and MAIL FROM subdomain to create; when the platform's key may not manage identities, a second key for
 * that (kept in server memory for this session only); when the domain is verified in another region, the offer to
 * switch the platform's region there instead.
 */
export function DomainForm(props: {
  initial?: { name: string; mailFromLabel?: string };
  defaultSubdomain: string;
  region: string;
  demoKey?: DemoBootstrap;
  error?: DomainError;
  busy: boolean;
  onCreate: (body: RequestOf<"POST /api/setup/domain">) => Promise<boolean>;
  onSwitchRegion: (region: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [domain, setDomain] = useState(props.initial?.name ?? "");
  const [sub, setSub] = useState(props.initial?.mailFromLabel ?? props.defaultSubdomain);
  const [creds, setCreds] = useState<KeyInput>(EMPTY_KEY);
  const { error } = props;

  async function submit(createAnyway: boolean) {
    const withCreds = error?.needCreds && creds.keyId && creds.secret;
    const ok = await props.onCreate({
      domain,
      mailFromSubdomain: sub,
      createAnyway,
      creds: withCreds ? keyBody(creds) : undefined,
    });
    if (ok) setCreds(EMPTY_KEY);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit(false);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field id="domain-name" label="Sending domain" hint="The domain your platform sends from, e.g. example.com.">
          <Input
            id="domain-name"
            spellCheck={false}
            value={domain}
            onChange={(e) => setDomain(e.target.value)}
            required
          />
        </Field>
        <Field
          id="mail-from-subdomain"
          label="MAIL FROM subdomain"
          hint={`Bounces go through ${sub || "…"}.${domain || "domain"}`}
        >
          <Input id="mail-from-subdomain" spellCheck={false} value={sub} onChange={(e) => setSub(e.target.value)} />
        </Field>
      </div>
      {error?.elsewhere ? (
        <Suspense fallback={<LazyFallback what="the other region's finding" />}>
          <ElsewhereOffer
            elsewhere={error.elsewhere}
            region={props.region}
            busy={props.busy}
            onSwitch={(r) =>
              void props.onSwitchRegion(r).then((ok) => {
                // the identity is already there: "creating" it now only reads its state in the new region
                if (ok) void submit(false);
              })
            }
            onCreateHere={() => void submit(true)}
          />
        </Suspense>
      ) : error ? (
        <RefusalAlert error={error.error} finding={error.finding} />
      ) : null}
      {error?.needCreds ? (
        <Suspense fallback={<LazyFallback what="the key fields" />}>
          <NeedCreds demoKey={props.demoKey} creds={creds} onChange={setCreds} />
        </Suspense>
      ) : null}
      <div className="flex justify-end gap-2">
        {props.onCancel ? (
          <Button type="button" variant="ghost" onClick={props.onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" disabled={props.busy}>
          {props.busy ? "Working…" : "Create identity"}
        </Button>
      </div>
    </form>
  );
}
