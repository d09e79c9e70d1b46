"use client";

import { useState } from "react";
import type { DoctorReport } from "@/lib/sigv4/doctor";
import type { Mode } from "./parts";

/** The signature doctor's form state and the diagnosis call. */
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
