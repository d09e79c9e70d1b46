"use client";

import type { ChangeEvent } from "react";
import { Field, Input } from "@/components/ui";

import type { KeyInput } from "./key-input";

export { EMPTY_KEY, type KeyInput, keyBody } from "./key-input";

/**
 * Access key id, secret and optional session token: the same three labelled fields wherever the wizard asks for a
 * key (bootstrap credentials, the pasted platform key). Secrets are password inputs that browsers must not fill.
 */
export function KeyFields({
  idPrefix,
  labelPrefix,
  secretHint,
  value,
  onChange,
}: {
  idPrefix: string;
  /** e.g. "Bootstrap" → "Bootstrap access key ID" */
  labelPrefix?: string;
  secretHint?: string;
  value: KeyInput;
  onChange: (next: KeyInput) => void;
}) {
  const label = (text: string) =>
    labelPrefix ? `${labelPrefix} ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
  const set = (field: keyof KeyInput) => (e: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [field]: e.target.value });
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${idPrefix}-key-id`} label={label("Access key ID")}>
          <Input
            id={`${idPrefix}-key-id`}
            autoComplete="off"
            spellCheck={false}
            value={value.keyId}
            onChange={set("keyId")}
            required
          />
        </Field>
        <Field id={`${idPrefix}-secret`} label={label("Secret access key")} hint={secretHint}>
          <Input
            id={`${idPrefix}-secret`}
            type="password"
            autoComplete="off"
            value={value.secret}
            onChange={set("secret")}
            required
          />
        </Field>
      </div>
      <Field id={`${idPrefix}-session-token`} label="Session token (only for temporary ASIA… keys)">
        <Input
          id={`${idPrefix}-session-token`}
          type="password"
          autoComplete="off"
          value={value.token}
          onChange={set("token")}
        />
      </Field>
    </>
  );
}
