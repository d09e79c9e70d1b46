"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { callSetup } from "@/components/setup/api";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** Forces a new round (rate-limited on the server) and re-renders the page with its result. */
export function RecheckButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const working = busy || pending;

  async function recheck() {
    setBusy(true);
    setError(null);
    const res = await callSetup("POST /api/health/recheck", {});
    setBusy(false);
    // 503 is a valid answer (the platform cannot send); only other failures are errors of the re-check itself
    if (res.status === 0) setError("Re-check failed: the server did not answer.");
    else if (!res.ok && res.status !== 503) setError(`Re-check failed (HTTP ${res.status}).`);
    startTransition(() => router.refresh());
  }

  return (
    <div className="flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
      <Button variant="outline" onClick={recheck} disabled={working} aria-busy={working}>
        <RefreshCw className={cn("h-4 w-4", working && "animate-spin motion-reduce:animate-none")} aria-hidden />
        {working ? "Checking…" : "Re-check now"}
      </Button>
    </div>
  );
}
