"use client";

import { useId, useState } from "react";
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  CopyButton,
  Field,
  Input,
  Select,
} from "@/components/ui";
import { SMTP_PASSWORD_FINDINGS } from "@/lib/findings/catalogue/smtp-password";
import { materializeRawIn } from "@/lib/findings/section";
import { SES_REGIONS } from "@/lib/regions";
import type { SmtpPasswordResult } from "@/lib/smtp/password";
import { smtpPasswordForBrowser } from "@/lib/smtp/password-browser";
import { checkSmtpRegion, type SmtpPasswordFinding } from "@/lib/smtp/smtp-region";

const WITH_SMTP = SES_REGIONS.filter((r) => checkSmtpRegion(r).ok);
const WITHOUT_SMTP = SES_REGIONS.filter((r) => !checkSmtpRegion(r).ok);

function Value({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs font-medium text-neutral-500">{label}</dt>
      <dd className="flex items-center gap-1">
        <code className="break-all rounded-md border border-neutral-200 bg-neutral-50 px-2 py-1 font-mono text-xs text-neutral-900">
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </dd>
    </div>
  );
}

const VARIANT = { error: "error", warn: "warning", info: "info", pass: "success" } as const;

/** A finding of the tool (a paste note or a refused region), worded by the catalogue's smtp-password section alone. */
function FindingAlert({ finding }: { finding: SmtpPasswordFinding }) {
  const f = materializeRawIn(SMTP_PASSWORD_FINDINGS, finding);
  return (
    <Alert variant={VARIANT[f.severity]} title={f.title} data-code={f.code}>
      {f.detail} {f.fix}
    </Alert>
  );
}

/**
 * IAM secret → SES SMTP password, computed with Web Crypto in the browser: the form never submits, so the secret
 * is never sent anywhere (the e2e test asserts no request carries it).
 */
export function SmtpPasswordTool({ initialRegion }: { initialRegion: string }) {
  const id = useId();
  const [secret, setSecret] = useState("");
  const [region, setRegion] = useState(initialRegion);
  const [result, setResult] = useState<SmtpPasswordResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function convert(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      setResult(await smtpPasswordForBrowser(secret, region));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Convert a secret access key</CardTitle>
          <CardDescription>
            Computed in this browser with Web Crypto. The secret is not sent to Sesame or anywhere else.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={convert} className="flex flex-col gap-4" autoComplete="off">
            <Field
              id={`${id}-secret`}
              label="IAM secret access key"
              hint="40 characters, shown once when the access key was created."
            >
              <Input
                id={`${id}-secret`}
                type="password"
                value={secret}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={`${id}-secret-hint`}
                onChange={(e) => {
                  setSecret(e.target.value);
                  setResult(null);
                }}
              />
            </Field>
            <Field id={`${id}-region`} label="Region" hint="The region whose SMTP endpoint your app connects to.">
              <Select
                id={`${id}-region`}
                value={region}
                aria-describedby={`${id}-region-hint`}
                onChange={(e) => {
                  setRegion(e.target.value);
                  setResult(null);
                }}
              >
                <optgroup label="SMTP available">
                  {WITH_SMTP.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="No SES SMTP endpoint">
                  {WITHOUT_SMTP.map((r) => (
                    <option key={r} value={r}>
                      {r} (no SMTP)
                    </option>
                  ))}
                </optgroup>
              </Select>
            </Field>
            <div>
              <Button type="submit" disabled={busy || secret.trim() === ""}>
                Convert
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>

      {result && !result.ok ? <FindingAlert finding={result.finding} /> : null}

      {result?.ok ? (
        <Card>
          <CardHeader>
            <CardTitle>SMTP credentials for {result.endpoint.region}</CardTitle>
            <CardDescription>
              Use these in your platform's SMTP settings. The user name is the access key ID.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {result.warnings.map((w) => (
              <FindingAlert key={w.code} finding={w} />
            ))}
            <dl className="grid gap-4">
              <Value label="SMTP password" value={result.password} copyLabel="Copy SMTP password" />
              <div className="flex flex-col gap-1">
                <dt className="text-xs font-medium text-neutral-500">SMTP user name</dt>
                <dd className="text-sm text-neutral-800">Your access key ID (AKIA…), unchanged.</dd>
              </div>
              <Value label="SMTP host" value={result.endpoint.host} copyLabel="Copy SMTP host" />
              <div className="flex flex-col gap-1">
                <dt className="text-xs font-medium text-neutral-500">Ports</dt>
                <dd className="text-sm text-neutral-800">
                  STARTTLS: <span className="font-mono text-xs">{result.endpoint.ports.starttls.join(", ")}</span> · TLS
                  wrapper: <span className="font-mono text-xs">{result.endpoint.ports.tls.join(", ")}</span>
                </dd>
              </div>
            </dl>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
