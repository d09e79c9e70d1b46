"use client";

import type { DemoBootstrap } from "@/lib/setup/contract";
import { DemoFill } from "../demo-fill";
import { EMPTY_KEY, type KeyInput, KeyFields } from "../key-fields";

/**
 * Credentials for the domain identity, asked for below the refusal's finding (which says why and what they need):
 * kept in server memory for this session.
 */
export default function NeedCreds(props: {
  demoKey?: DemoBootstrap;
  creds: KeyInput;
  onChange: (k: KeyInput) => void;
}) {
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3">
      <p className="text-sm text-amber-900">
        Credentials for the domain identity: held in server memory for this session only, never written anywhere.
      </p>
      {props.demoKey ? <DemoFill demo={props.demoKey} onFill={(k) => props.onChange({ ...EMPTY_KEY, ...k })} /> : null}
      <KeyFields idPrefix="domain" labelPrefix="Identity management" value={props.creds} onChange={props.onChange} />
    </div>
  );
}
