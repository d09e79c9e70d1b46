"use client";

import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";
import type { Via } from "@/lib/setup/contract";
import { callSetup } from "./api";
import { type SendRecord, SendResult } from "./send/send-result";
import type { Finding } from "@/lib/findings/model";

const SIMULATOR = "success@simulator.amazonses.com";

/** Step 6: real sends through the SES API and through SMTP, with SES's answer and what to do about a refusal. */
export function SendStep(props: {
  defaultFrom: string;
  region: string;
  smtpOffered: boolean;
  /** why SMTP is not offered (a catalogue finding: the region has no SMTP endpoint, or the role path) */
  smtpWhyNot: Pick<Finding, "title" | "detail">;
  smtpHost: string;
  /** earlier sends from the wizard state, newest first, so a reload keeps the MessageIds on screen */
  previous?: SendRecord[];
}) {
  const router = useRouter();
  const [from, setFrom] = useState(props.defaultFrom);
  const [to, setTo] = useState(SIMULATOR);
  const [busy, setBusy] = useState<Via | null>(null);
  const [results, setResults] = useState<SendRecord[]>(props.previous ?? []);

  async function send(via: Via) {
    setBusy(via);
    const res = await callSetup("POST /api/setup/send", { via, from, to });
    setBusy(null);
    const outcome: SendRecord = res.ok
      ? { ...res.data, from, to }
      : { ...res.data, via, from, to, ok: false, message: res.data.message ?? res.data.error };
    setResults((r) => [outcome, ...r]);
    if (outcome.ok) router.refresh();
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="send-from" label="From" hint="An address at your verified domain.">
          <Input id="send-from" type="email" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field
          id="send-to"
          label="To"
          hint={
            <>
              The SES mailbox simulator accepts mail even in the sandbox.{" "}
              {to !== SIMULATOR ? (
                <button type="button" className="underline" onClick={() => setTo(SIMULATOR)}>
                  Use the simulator
                </button>
              ) : null}
            </>
          }
        >
          <Input id="send-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="outline" onClick={() => void send("smtp")} disabled={!!busy || !props.smtpOffered}>
          <Send className="h-4 w-4" aria-hidden /> {busy === "smtp" ? "Sending…" : "Send via SMTP"}
        </Button>
        <Button onClick={() => void send("api")} disabled={!!busy}>
          <Send className="h-4 w-4" aria-hidden /> {busy === "api" ? "Sending…" : "Send via API"}
        </Button>
      </div>
      {!props.smtpOffered ? (
        <Alert variant="warning">
          <strong className="font-medium">{props.smtpWhyNot.title}.</strong> {props.smtpWhyNot.detail}
        </Alert>
      ) : null}
      <ul aria-label="Send results" className="flex flex-col gap-3">
        {results.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: results are append-only
          <SendResult key={results.length - i} r={r} region={props.region} />
        ))}
      </ul>
      <p className="text-xs text-neutral-500 [overflow-wrap:anywhere]">
        SMTP sends go to {props.smtpHost} with the access key id as user and the derived SMTP password.
      </p>
    </div>
  );
}
