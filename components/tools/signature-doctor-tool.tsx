"use client";

import { useId, useState } from "react";
import {
  Alert,
  Badge,
  type BadgeVariant,
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
  Textarea,
  cn,
} from "@/components/ui";
import type { DoctorFinding, DoctorReport, Section } from "@/lib/sigv4/doctor";

const SEVERITY: Record<DoctorFinding["severity"], BadgeVariant> = {
  error: "error",
  warning: "warning",
  info: "neutral",
  ok: "success",
};

function Block({ title, text, copy }: { title: string; text: string; copy?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-medium text-neutral-500">{title}</h3>
        {copy ? <CopyButton value={text} label={copy} /> : null}
      </div>
      <pre className="whitespace-pre-wrap break-all rounded-md border border-neutral-200 bg-neutral-50 p-3 font-mono text-xs text-neutral-900">
        {text === "" ? " " : text}
      </pre>
    </div>
  );
}

function SectionDiff({ sections, theirs }: { sections: Section[]; theirs: string }) {
  return (
    <table className="w-full table-fixed text-left text-xs">
      <caption className="sr-only">Canonical request compared by part</caption>
      <thead>
        <tr className="border-b border-neutral-200 text-neutral-500">
          <th scope="col" className="w-28 py-1 font-medium">
            Part
          </th>
          <th scope="col" className="py-1 font-medium">
            Sesame (as carried)
          </th>
          <th scope="col" className="py-1 font-medium">
            {theirs}
          </th>
        </tr>
      </thead>
      <tbody>
        {sections.map((s) => (
          <tr key={s.name} className={s.same ? "border-b border-neutral-100" : "border-b border-neutral-100 bg-red-50"}>
            <th scope="row" className="py-1 pr-2 align-top font-medium text-neutral-700">
              {s.name}
              {s.same ? "" : " ≠"}
            </th>
            <td className="break-all py-1 pr-2 align-top font-mono whitespace-pre-wrap">{s.ours}</td>
            <td className="break-all py-1 align-top font-mono whitespace-pre-wrap">{s.theirs}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Mode = "paste" | "fields";
const MODES: Array<{ id: Mode; label: string }> = [
  { id: "paste", label: "Paste a request" },
  { id: "fields", label: "Method, URL, headers, body" },
];
const METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"];

/** Tabs for the two ways to give the request; arrow keys move between them as in any tablist. */
function ModeTabs({ id, mode, onChange }: { id: string; mode: Mode; onChange: (m: Mode) => void }) {
  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = MODES[(MODES.findIndex((m) => m.id === mode) + 1) % MODES.length].id;
    onChange(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  }
  return (
    <div
      role="tablist"
      aria-label="How to give the request"
      className="inline-flex w-fit flex-wrap rounded-lg bg-neutral-100 p-1"
      onKeyDown={onKeyDown}
    >
      {MODES.map((m) => (
        <button
          key={m.id}
          id={`${id}-tab-${m.id}`}
          type="button"
          role="tab"
          aria-selected={mode === m.id}
          aria-controls={`${id}-panel`}
          tabIndex={mode === m.id ? 0 : -1}
          onClick={() => onChange(m.id)}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm font-medium",
            mode === m.id ? "bg-white text-neutral-900 shadow-xs" : "text-neutral-600 hover:text-neutral-900",
          )}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}

/** The signature doctor form; the analysis runs on the server (it shares lib/sigv4 with the emulator's verifier). */
export function SignatureDoctorTool({
  initialRegion = "",
  initialService = "",
}: {
  initialRegion?: string;
  initialService?: string;
}) {
  const id = useId();
  const [mode, setMode] = useState<Mode>("paste");
  const [text, setText] = useState("");
  const [method, setMethod] = useState("GET");
  const [url, setUrl] = useState("");
  const [headers, setHeaders] = useState("");
  const [body, setBody] = useState("");
  const [errorBody, setErrorBody] = useState("");
  const [secret, setSecret] = useState("");
  const [region, setRegion] = useState(initialRegion);
  const [service, setService] = useState(initialService);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function diagnose(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/tools/sigv4-doctor", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          ...(mode === "paste" ? { text } : { method, url, headers, body }),
          errorBody,
          secret,
          region,
          service,
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const data = (await res.json()) as DoctorReport & { error?: string };
      if (!res.ok) {
        setReport(null);
        setError(data.error ?? `The doctor answered ${res.status}.`);
      } else setReport(data);
    } catch {
      setReport(null);
      setError("Could not reach Sesame's server.");
    } finally {
      setBusy(false);
    }
  }

  const errors = report?.findings.filter((f) => f.severity === "error") ?? [];
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Request</CardTitle>
          <CardDescription>
            A URL (presigned or not), a curl command, a raw HTTP request (or `curl -v` output), or AWS's error body — or
            the request's method, URL, headers and body in separate fields.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={diagnose} className="flex flex-col gap-4">
            <ModeTabs id={id} mode={mode} onChange={setMode} />
            <div
              id={`${id}-panel`}
              role="tabpanel"
              aria-labelledby={`${id}-tab-${mode}`}
              className="flex flex-col gap-4"
            >
              {mode === "paste" ? (
                <Field id={`${id}-text`} label="Failing request">
                  <Textarea
                    id={`${id}-text`}
                    value={text}
                    rows={8}
                    spellCheck={false}
                    className="font-mono text-xs"
                    placeholder={
                      "POST / HTTP/1.1\nHost: email.eu-west-1.amazonaws.com\nX-Amz-Date: …\nAuthorization: AWS4-HMAC-SHA256 Credential=…\n\nAction=SendEmail&…"
                    }
                    onChange={(e) => setText(e.target.value)}
                  />
                </Field>
              ) : (
                <>
                  <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)]">
                    <Field id={`${id}-method`} label="Method">
                      <Select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value)}>
                        {METHODS.map((m) => (
                          <option key={m} value={m}>
                            {m}
                          </option>
                        ))}
                      </Select>
                    </Field>
                    <Field id={`${id}-url`} label="URL" hint="Full URL with its query string, exactly as sent.">
                      <Input
                        id={`${id}-url`}
                        value={url}
                        spellCheck={false}
                        className="font-mono text-xs"
                        placeholder="https://email.eu-west-1.amazonaws.com/?Action=GetSendQuota&Version=2010-12-01"
                        aria-describedby={`${id}-url-hint`}
                        onChange={(e) => setUrl(e.target.value)}
                      />
                    </Field>
                  </div>
                  <Field
                    id={`${id}-headers`}
                    label="Headers"
                    hint="One per line, Name: value (Authorization included)."
                  >
                    <Textarea
                      id={`${id}-headers`}
                      value={headers}
                      rows={6}
                      spellCheck={false}
                      className="font-mono text-xs"
                      placeholder={
                        "Host: email.eu-west-1.amazonaws.com\nX-Amz-Date: 20260101T000000Z\nAuthorization: AWS4-HMAC-SHA256 Credential=…"
                      }
                      aria-describedby={`${id}-headers-hint`}
                      onChange={(e) => setHeaders(e.target.value)}
                    />
                  </Field>
                  <Field id={`${id}-body`} label="Body (optional)">
                    <Textarea
                      id={`${id}-body`}
                      value={body}
                      rows={3}
                      spellCheck={false}
                      className="font-mono text-xs"
                      placeholder="Action=SendEmail&…"
                      onChange={(e) => setBody(e.target.value)}
                    />
                  </Field>
                </>
              )}
            </div>
            <Field id={`${id}-error`} label="AWS error response (optional)">
              <Textarea
                id={`${id}-error`}
                value={errorBody}
                rows={3}
                spellCheck={false}
                className="font-mono text-xs"
                placeholder="<ErrorResponse>…<Code>SignatureDoesNotMatch</Code>…"
                onChange={(e) => setErrorBody(e.target.value)}
              />
            </Field>
            <Field
              id={`${id}-secret`}
              label="Secret access key (optional)"
              hint="Without it Sesame shows everything but the signature check. Used only to compute HMACs; never stored or shown."
            >
              <Input
                id={`${id}-secret`}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={secret}
                aria-describedby={`${id}-secret-hint`}
                onChange={(e) => setSecret(e.target.value)}
              />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                id={`${id}-region`}
                label="Expected region (optional)"
                hint="For custom endpoints such as an emulator or proxy."
              >
                <Input
                  id={`${id}-region`}
                  value={region}
                  placeholder="eu-west-1"
                  onChange={(e) => setRegion(e.target.value)}
                />
              </Field>
              <Field id={`${id}-service`} label="Expected service (optional)">
                <Input
                  id={`${id}-service`}
                  value={service}
                  placeholder="ses"
                  onChange={(e) => setService(e.target.value)}
                />
              </Field>
            </div>
            <div>
              <Button
                type="submit"
                disabled={busy || ((mode === "paste" ? text : url).trim() === "" && errorBody.trim() === "")}
              >
                {busy ? "Diagnosing…" : "Diagnose"}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>

      {error ? (
        <Alert variant="error" title="Could not diagnose">
          {error}
        </Alert>
      ) : null}

      {report ? (
        <section aria-labelledby={`${id}-result`} className="flex flex-col gap-6">
          <h2 id={`${id}-result`} className="sr-only">
            Diagnosis
          </h2>
          {report.verdict === "ok" ? (
            <Alert variant="success" title="Correct signature">
              The signature matches the request, signed with the secret you gave.
            </Alert>
          ) : report.verdict === "broken" ? (
            <Alert variant="error" title={`Broken: ${errors.map((f) => f.rule).join(", ")}`}>
              {errors[0]?.title}
            </Alert>
          ) : report.verdict === "unverified" ? (
            <Alert variant="info" title="No structural problem found">
              Give the secret access key to check the signature itself.
            </Alert>
          ) : (
            <Alert variant="warning" title="Could not examine this input">
              {report.findings[0]?.detail}
            </Alert>
          )}

          <Card>
            <CardHeader>
              <CardTitle>Rules</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="flex flex-col divide-y divide-neutral-100" aria-label="Rules checked">
                {report.findings.map((f) => (
                  <li key={f.rule} className="flex flex-col gap-1 py-3" data-rule={f.rule}>
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge variant={SEVERITY[f.severity]}>{f.severity}</Badge>
                      <code className="font-mono text-xs text-neutral-500">{f.rule}</code>
                      <span className="text-sm font-medium text-neutral-900">{f.title}</span>
                      {f.certainty !== "confirmed" ? (
                        <span className="text-xs text-neutral-400">({f.certainty})</span>
                      ) : null}
                    </div>
                    <p className="text-sm text-neutral-600">{f.detail}</p>
                    {f.severity !== "ok" ? <p className="text-xs text-neutral-500">Fix: {f.fix}</p> : null}
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>

          {report.computed ? (
            <Card>
              <CardHeader>
                <CardTitle>Canonical request and string to sign</CardTitle>
                <CardDescription>
                  Left: what Sesame (and AWS) compute from the request as carried. Right: what the request carries
                  {report.client ? ", and what the client actually signed" : ""}.
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <div className="grid gap-4 lg:grid-cols-2">
                  <Block
                    title="Canonical request (Sesame)"
                    text={report.computed.canonicalRequest}
                    copy="Copy canonical request"
                  />
                  {report.client ? (
                    <Block title="Canonical request (the client signed)" text={report.client.canonicalRequest} />
                  ) : (
                    <Block
                      title="The request carries"
                      text={[
                        `Scope:          ${report.auth?.scope ?? ""}`,
                        `SignedHeaders:  ${report.carried?.signedHeaders ?? ""}`,
                        `X-Amz-Date:     ${report.carried?.amzDate ?? ""}`,
                        report.carried?.contentSha256 ? `Content SHA256: ${report.carried.contentSha256}` : "",
                      ]
                        .filter(Boolean)
                        .join("\n")}
                    />
                  )}
                  <Block title="String to sign (Sesame)" text={report.computed.stringToSign} />
                  {report.client ? (
                    <Block title="String to sign (the client)" text={report.client.stringToSign} />
                  ) : null}
                </div>
                {report.client ? <SectionDiff sections={report.client.sections} theirs="The client signed" /> : null}
                <dl className="grid gap-2 text-xs sm:grid-cols-[10rem_minmax(0,1fr)]">
                  <dt className="font-medium text-neutral-500">Signature carried</dt>
                  <dd className="break-all font-mono">{report.carried?.signature}</dd>
                  <dt className="font-medium text-neutral-500">Signature computed</dt>
                  <dd className="break-all font-mono">
                    {report.computed.signature ?? "— give the secret to compute it"}
                  </dd>
                </dl>
              </CardContent>
            </Card>
          ) : null}

          {report.aws ? (
            <Card>
              <CardHeader>
                <CardTitle>AWS's error</CardTitle>
                <CardDescription>
                  <span className="font-mono">{report.aws.code}</span> {report.aws.message}
                </CardDescription>
              </CardHeader>
              {report.aws.canonicalRequest !== undefined ? (
                <CardContent className="flex flex-col gap-4">
                  <Block title="Canonical request AWS computed" text={report.aws.canonicalRequest} />
                  {report.aws.sections ? <SectionDiff sections={report.aws.sections} theirs="AWS" /> : null}
                </CardContent>
              ) : null}
            </Card>
          ) : null}

          {report.corrected ? (
            <Card>
              <CardHeader>
                <CardTitle>Corrected request</CardTitle>
                <CardDescription>{report.corrected.note}</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-3">
                {report.corrected.url ? (
                  <Block title="Corrected URL" text={report.corrected.url} copy="Copy corrected URL" />
                ) : null}
                {report.corrected.headers ? (
                  <Block
                    title="Corrected headers"
                    text={Object.entries(report.corrected.headers)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join("\n")}
                    copy="Copy corrected headers"
                  />
                ) : null}
              </CardContent>
            </Card>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
