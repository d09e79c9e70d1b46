"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DomainError, DomainResponse, RequestOf } from "@/lib/setup/contract";
import { callSetup } from "../api";

export const POLL_SECONDS = 10;

/**
 * The Domain step's conversation with the server: create the identity, read its status and live DNS lookups, poll
 * SES with a visible countdown until it is verified, publish the demo's records, or switch the platform's region to
 * where the domain already is.
 */
export function useDomain(initialName: string | undefined) {
  const router = useRouter();
  const [data, setData] = useState<DomainResponse>();
  const [error, setError] = useState<DomainError>();
  const [busy, setBusy] = useState(false);
  const [countdown, setCountdown] = useState(POLL_SECONDS);
  const [polling, setPolling] = useState(!!initialName);
  const verifiedOnce = useRef(false);

  const apply = useCallback(
    (d: DomainResponse) => {
      setData(d);
      setError(undefined);
      if (d.status.verification === "SUCCESS" && !verifiedOnce.current) {
        verifiedOnce.current = true;
        router.refresh();
      }
    },
    [router],
  );

  const refresh = useCallback(async () => {
    setCountdown(POLL_SECONDS);
    const res = await callSetup("GET /api/setup/domain");
    if (res.ok) apply(res.data);
    else setError(res.data);
  }, [apply]);

  useEffect(() => {
    if (initialName) void refresh();
  }, [initialName, refresh]);

  const verified = data?.status.verification === "SUCCESS";
  // visible countdown; polls SES when it reaches zero, stops once verified or while the form is open
  useEffect(() => {
    if (!data || verified || !polling) return;
    const t = setInterval(() => {
      setCountdown((c) => {
        if (c <= 1) {
          void refresh();
          return POLL_SECONDS;
        }
        return c - 1;
      });
    }, 1000);
    return () => clearInterval(t);
  }, [data, verified, polling, refresh]);

  async function create(body: RequestOf<"POST /api/setup/domain">): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    const res = await callSetup("POST /api/setup/domain", body);
    setBusy(false);
    if (!res.ok) {
      setError(res.data);
      return false;
    }
    verifiedOnce.current = false;
    apply(res.data);
    setCountdown(POLL_SECONDS);
    setPolling(true);
    router.refresh();
    return true;
  }

  async function publish(): Promise<string | undefined> {
    setBusy(true);
    const res = await callSetup("POST /api/setup/demo/dns", {});
    setBusy(false);
    if (!res.ok) {
      setError(res.data);
      return undefined;
    }
    await refresh();
    return `Published ${res.data.published.length} records to the stand-in's DNS.`;
  }

  async function switchRegion(region: string): Promise<boolean> {
    setBusy(true);
    const res = await callSetup("POST /api/setup/domain/region", { region });
    setBusy(false);
    if (!res.ok) {
      setError({ error: res.data.error, finding: res.data.finding });
      return false;
    }
    router.refresh();
    return true;
  }

  return { data, error, busy, countdown, verified, create, refresh, publish, switchRegion, setPolling };
}
