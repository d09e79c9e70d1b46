"use client";

import { useId } from "react";
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Field,
  Input,
  Select,
  Textarea,
} from "@/components/ui";
import { METHODS, ModeTabs } from "./signature-doctor/parts";
import { DoctorReportView } from "./signature-doctor/report";
import { useSignatureDoctor } from "./signature-doctor/use-signature-doctor";

/** The signature doctor form; the analysis runs in the page (lib/sigv4, shared with the emulator's verifier). */
export function SignatureDoctorTool({
  initialRegion = "",
  initialService = "",
}: {
  initialRegion?: string;
  initialService?: string;
}) {
  const id = useId();
  const {
    mode,
    setMode,
    text,
    setText,
    method,
    setMethod,
    url,
    setUrl,
    headers,
    setHeaders,
    body,
    setBody,
    errorBody,
    setErrorBody,
    secret,
    setSecret,
    region,
    setRegion,
    service,
    setService,
    report,
    error,
    busy,
    diagnose,
  } = useSignatureDoctor(initialRegion, initialService);
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
              hint="Without it Sesame shows everything but the signature check. Used only in this browser to compute HMACs; never sent, stored or shown."
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

      {report ? <DoctorReportView id={id} report={report} /> : null}
    </div>
  );
}
