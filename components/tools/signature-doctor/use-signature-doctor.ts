"use client";

import { useState } from "react";
import type { DoctorReport, DoctorTextInput } from "@/lib/sigv4/doctor";
import type { Mode } from "./parts";

/**
 * The whole doctor, signature check included, runs here in the page: its code is loaded on the first submit (a
 * dynamic import, so the route's first-load JS stays small) and hashes with Web Crypto injected into the one
 * signing-key chain (lib/sigv4/key-chain.ts). Nothing typed here, the secret least of all, is sent anywhere.
 */
async function diagnoseInPage(request: DoctorTextInput, opts: DoctorTextInput): Promise<DoctorReport> {
  const [{ explain }, { WebCryptoSha256 }] = await Promise.all([
    import("@/lib/sigv4/doctor"),
    import("@/lib/sigv4/webcrypto-sha256"),
  ]);
  // empty fields are absent, as on the command line
  const input = Object.fromEntries(
    Object.entries({ ...request, ...opts }).filter(([, v]) => typeof v === "string" && v.trim() !== ""),
  ) as DoctorTextInput;
  return explain(WebCryptoSha256, input);
}

/** The form's text fields (the mode tabs pick which of text or method/url/headers/body is the request). */
export type FieldName = "text" | "method" | "url" | "headers" | "body" | "errorBody" | "secret" | "region" | "service";

/** The hook's result, handed whole to the form's parts (form.tsx). */
export type SignatureDoctor = ReturnType<typeof useSignatureDoctor>;

/** The signature doctor's form state and the diagnosis, run in the page. */
export function useSignatureDoctor(initialRegion: string, initialService: string) {
  const [mode, setMode] = useState<Mode>("paste");
  const [fields, setFields] = useState<Record<FieldName, string>>({
    text: "",
    method: "GET",
    url: "",
    headers: "",
    body: "",
    errorBody: "",
    secret: "",
    region: initialRegion,
    service: initialService,
  });
  const set = (name: FieldName, value: string) => setFields((f) => ({ ...f, [name]: value }));
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function diagnose(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (!globalThis.crypto?.subtle) {
        setReport(null);
        setError(
          "This browser offers Web Crypto only on https:// or localhost, and the doctor runs in the page. Open Sesame over HTTPS, or run `sesame sigv4` on your machine.",
        );
        return;
      }
      const { text, method, url, headers, body, errorBody, secret, region, service } = fields;
      setReport(
        await diagnoseInPage(mode === "paste" ? { text } : { method, url, headers, body }, {
          errorBody,
          secret,
          region,
          service,
        }),
      );
    } catch {
      setReport(null);
      setError("The signature doctor could not read this input.");
    } finally {
      setBusy(false);
    }
  }

  return { mode, setMode, fields, set, report, error, busy, diagnose };
}
