"use client";

import { Alert, Badge, Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui";
import type { DoctorReport } from "@/lib/sigv4/doctor";
import { Block, SectionDiff, SEVERITY } from "./parts";

/** The diagnosis: verdict, findings, canonical request and string to sign side by side, AWS's view, the fix. */
export function DoctorReportView({ id, report }: { id: string; report: DoctorReport }) {
  const errors = report.findings.filter((f) => f.severity === "error");
  const verdictFinding = report.findings.find((f) => f.rule === report.verdict);
  return (
    <section aria-labelledby={`${id}-result`} className="flex flex-col gap-6">
      <h2 id={`${id}-result`} className="sr-only">
        Diagnosis
      </h2>
      {report.verdict === "ok" ? (
        <Alert variant="success" title="Correct signature">
          {verdictFinding?.detail}
        </Alert>
      ) : report.verdict === "broken" ? (
        <Alert variant="error" title={`Broken: ${errors.map((f) => f.rule).join(", ")}`}>
          {errors[0]?.title}
        </Alert>
      ) : report.verdict === "unverified" ? (
        <Alert variant="info" title="No structural problem found">
          {verdictFinding?.fix}
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
                {f.severity !== "pass" ? <p className="text-xs text-neutral-500">Fix: {f.fix}</p> : null}
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
              {report.client ? <Block title="String to sign (the client)" text={report.client.stringToSign} /> : null}
            </div>
            {report.client ? <SectionDiff sections={report.client.sections} theirs="The client signed" /> : null}
            <dl className="grid gap-2 text-xs sm:grid-cols-[10rem_minmax(0,1fr)]">
              <dt className="font-medium text-neutral-500">Signature carried</dt>
              <dd className="break-all font-mono">{report.carried?.signature}</dd>
              <dt className="font-medium text-neutral-500">Signature computed</dt>
              <dd className="break-all font-mono">{report.computed.signature ?? "— give the secret to compute it"}</dd>
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
  );
}
