"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ResponseOf } from "@/lib/setup/contract";
import { callSetup } from "../api";

type Written = Extract<ResponseOf<"POST /api/setup/env">, { ok: true }>;

/** Save the text the server built under the name it gave (a POST answered with an attachment). */
function saveDownload(text: string, name = "platform.env") {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The env step's three actions (reveal the secrets, download the file, write it) and what the last one said. */
export function useEnvActions(hash: string, commentOutLegacy: boolean) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict?: boolean }>();
  const [result, setResult] = useState<Written>();

  // a fresh preview (new file hash) replaces whatever the last attempt complained about
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the hash on purpose
  useEffect(() => {
    setError(undefined);
  }, [hash]);

  async function reveal() {
    if (revealed) return setRevealed(undefined);
    const res = await callSetup("POST /api/setup/env", { action: "reveal" });
    if (res.ok && "values" in res.data) setRevealed(res.data.values);
    else if (!res.ok) setError({ message: res.data.error });
  }

  async function download() {
    setError(undefined);
    const res = await callSetup("POST /api/setup/env/download", {});
    if (!res.ok) {
      setError({ message: res.data.error });
      return;
    }
    saveDownload(res.data, res.fileName);
    router.refresh();
  }

  async function write() {
    setBusy(true);
    setError(undefined);
    const res = await callSetup("POST /api/setup/env", { action: "write", expectedHash: hash, commentOutLegacy });
    setBusy(false);
    if (res.ok && "written" in res.data) {
      setResult(res.data);
      router.refresh();
    } else if (!res.ok) setError({ message: res.data.error, conflict: !!res.data.conflict });
  }

  return { revealed, busy, error, result, reveal, download, write };
}
