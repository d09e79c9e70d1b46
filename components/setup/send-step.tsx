"use client";

import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FindingList } from "@/components/findings/finding-list";
import { Alert, Badge, Button, CopyButton, Field, Input } from "@/components/ui";
import type { Finding } from "@/lib/diagnose/schema";
import { callSetup } from "./api";

interface Outcome {
  via: "api" | "smtp";
  ok: boolean;
  messageId?: string;
  code?: string;
  message?: string;
  unverified?: string[];
  rejectedRegion?: string;
  findings?: Finding[];
  error?: string;
  to: string;
  from: string;
}

const SIMULATOR = "success@simulator.amazonses.com";

/** Step 6: real sends through the SES API and through SMTP, with SES's answer and what to do about a refusal. */
export function SendStep(props: {
  defaultFrom: string;
  region: string;
  smtpOffered: boolean;
  smtpHost: string;
  /** earlier sends from the wizard state, newest first, so a reload keeps the MessageIds on screen */
  previous?: { via: "api" | "smtp"; from: string; to: string; ok: boolean; messageId?: string; error?: string }[];
}) {
  const router = useRouter();
  const [from, setFrom] = useState(props.defaultFrom);
  const [to, setTo] = useState(SIMULATOR);
  const [busy, setBusy] = useState<"api" | "smtp" | null>(null);
  const [results, setResults] = useState<Outcome[]>(() =>
    (props.previous ?? []).map((p) => ({ ...p, message: p.error })),
  );

  async function send(via: "api" | "smtp") {
    setBusy(via);
    const res = await callSetup<Outcome>("/api/setup/send", { body: { via, from, to } });
    setBusy(null);
    const outcome: Outcome = { ...res.data, via, from, to, ok: res.ok && res.data.ok };
    if (!res.ok && !res.data.message) outcome.message = res.data.error;
    setResults((r) => [outcome, ...r]);
    if (outcome.ok) router.refresh();
  }

  const productionLink = `https://console.aws.amazon.com/ses/home?region=${props.region}#/get-set-up`;

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
        <Alert variant="warning">SES has no SMTP endpoint in {props.region}; only the API can send from there.</Alert>
      ) : null}
      <ul aria-label="Send results" className="flex flex-col gap-3">
        {results.map((r, i) => {
          const sandbox =
            r.findings?.some((f) => f.code === "account.sandbox") ||
            (r.unverified?.includes(r.to.toLowerCase()) ?? false);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: results are append-only
            <li key={results.length - i} className="flex flex-col gap-2">
              {r.ok ? (
                <Alert variant="success" title={`Sent via ${r.via === "api" ? "the SES API" : "SMTP"} to ${r.to}`}>
                  <span className="inline-flex items-center gap-1">
                    MessageId <code className="font-mono">{r.messageId}</code>
                    {r.messageId ? <CopyButton value={r.messageId} label="Copy MessageId" /> : null}
                  </span>
                </Alert>
              ) : (
                <Alert
                  variant="error"
                  title={`${r.via === "api" ? "API" : "SMTP"} send to ${r.to} failed${r.code ? ` (${r.code})` : ""}`}
                >
                  <p className="break-words">{r.message ?? r.error}</p>
                  {r.unverified?.length ? (
                    <p className="mt-1">
                      Not verified in {r.rejectedRegion ?? props.region}:{" "}
                      {r.unverified.map((u) => (
                        <Badge key={u} variant="error" className="mr-1 font-mono">
                          {u}
                        </Badge>
                      ))}
                    </p>
                  ) : null}
                  {sandbox ? (
                    <p className="mt-2">
                      In the sandbox, SES only delivers to verified addresses and the mailbox simulator.{" "}
                      <a className="font-medium underline" href={productionLink} target="_blank" rel="noreferrer">
                        Request production access for {props.region}
                      </a>
                      , or verify the recipient.
                    </p>
                  ) : null}
                </Alert>
              )}
              {r.findings?.length ? <FindingList findings={r.findings} /> : null}
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-neutral-500">
        SMTP sends go to {props.smtpHost} with the access key id as user and the derived SMTP password.
      </p>
    </div>
  );
}
