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

/** The signature doctor's form state and the diagnosis, run in the page. */
export function useSignatureDoctor(initialRegion: string, initialService: string) {
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
      if (!globalThis.crypto?.subtle) {
        setReport(null);
        setError(
          "This browser offers Web Crypto only on https:// or localhost, and the doctor runs in the page. Open Sesame over HTTPS, or run `sesame sigv4` on your machine.",
        );
        return;
      }
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

  return {
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
  };
}
