"use client";

import { Button, Field, Input, Select, Textarea } from "@/components/ui";
import { METHODS } from "./parts";
import type { FieldName, SignatureDoctor } from "./use-signature-doctor";

/**
 * The signature doctor's form fields, each part taking the hook's whole result (use-signature-doctor.ts); the
 * fields are described once here and drawn by one component per kind.
 */
type Props = { id: string; doctor: SignatureDoctor };

interface Spec {
  /** the element id's suffix (labels and hints hang on it) */
  key: string;
  label: string;
  /** help text under the field (Field's hint): what to enter, not a diagnosis */
  help?: string;
  placeholder?: string;
  /** a textarea of this many rows; an input without */
  rows?: number;
  mono?: boolean;
  password?: boolean;
}

const FIELDS: Record<Exclude<FieldName, "method">, Spec> = {
  text: {
    key: "text",
    label: "Failing request",
    rows: 8,
    mono: true,
    placeholder:
      "POST / HTTP/1.1\nHost: email.eu-west-1.amazonaws.com\nX-Amz-Date: …\nAuthorization: AWS4-HMAC-SHA256 Credential=…\n\nAction=SendEmail&…",
  },
  url: {
    key: "url",
    label: "URL",
    help: "Full URL with its query string, exactly as sent.",
    mono: true,
    placeholder: "https://email.eu-west-1.amazonaws.com/?Action=GetSendQuota&Version=2010-12-01",
  },
  headers: {
    key: "headers",
    label: "Headers",
    help: "One per line, Name: value (Authorization included).",
    rows: 6,
    mono: true,
    placeholder:
      "Host: email.eu-west-1.amazonaws.com\nX-Amz-Date: 20260101T000000Z\nAuthorization: AWS4-HMAC-SHA256 Credential=…",
  },
  body: { key: "body", label: "Body (optional)", rows: 3, mono: true, placeholder: "Action=SendEmail&…" },
  errorBody: {
    key: "error",
    label: "AWS error response (optional)",
    rows: 3,
    mono: true,
    placeholder: "<ErrorResponse>…<Code>SignatureDoesNotMatch</Code>…",
  },
  secret: {
    key: "secret",
    label: "Secret access key (optional)",
    help: "Without it Sesame shows everything but the signature check. Used only in this browser to compute HMACs; never sent, stored or shown.",
    password: true,
  },
  region: {
    key: "region",
    label: "Expected region (optional)",
    help: "For custom endpoints such as an emulator or proxy.",
    placeholder: "eu-west-1",
  },
  service: { key: "service", label: "Expected service (optional)", placeholder: "ses" },
};

/** One text field of the form, drawn from its spec. */
function TextField({ id, doctor, name }: Props & { name: keyof typeof FIELDS }) {
  const spec = FIELDS[name];
  const fieldId = `${id}-${spec.key}`;
  const common = {
    id: fieldId,
    value: doctor.fields[name],
    placeholder: spec.placeholder,
    spellCheck: false,
    className: spec.mono ? "font-mono text-xs" : undefined,
    "aria-describedby": spec.help ? `${fieldId}-hint` : undefined,
  };
  return (
    <Field id={fieldId} label={spec.label} hint={spec.help}>
      {spec.rows ? (
        <Textarea {...common} rows={spec.rows} onChange={(e) => doctor.set(name, e.target.value)} />
      ) : (
        <Input
          {...common}
          type={spec.password ? "password" : undefined}
          autoComplete={spec.password ? "off" : undefined}
          onChange={(e) => doctor.set(name, e.target.value)}
        />
      )}
    </Field>
  );
}

/** The request: one pasted text, or method, URL, headers and body in separate fields. */
export function RequestFields({ id, doctor }: Props) {
  if (doctor.mode === "paste") return <TextField id={id} doctor={doctor} name="text" />;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <Field id={`${id}-method`} label="Method">
          <Select
            id={`${id}-method`}
            value={doctor.fields.method}
            onChange={(e) => doctor.set("method", e.target.value)}
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </Field>
        <TextField id={id} doctor={doctor} name="url" />
      </div>
      <TextField id={id} doctor={doctor} name="headers" />
      <TextField id={id} doctor={doctor} name="body" />
    </>
  );
}

/** What else helps: AWS's error body, the secret (kept in the page), the expected region and service. */
export function ContextFields({ id, doctor }: Props) {
  return (
    <>
      <TextField id={id} doctor={doctor} name="errorBody" />
      <TextField id={id} doctor={doctor} name="secret" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id={id} doctor={doctor} name="region" />
        <TextField id={id} doctor={doctor} name="service" />
      </div>
    </>
  );
}

/** Diagnose, enabled once there is a request or an error body to read. */
export function DiagnoseButton({ doctor }: { doctor: SignatureDoctor }) {
  const request = doctor.mode === "paste" ? doctor.fields.text : doctor.fields.url;
  return (
    <div>
      <Button type="submit" disabled={doctor.busy || (request.trim() === "" && doctor.fields.errorBody.trim() === "")}>
        {doctor.busy ? "Diagnosing…" : "Diagnose"}
      </Button>
    </div>
  );
}
