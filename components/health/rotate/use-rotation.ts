"use client";

import { useCallback, useEffect, useState } from "react";
import { callSetup } from "@/components/setup/api";
import type { ErrorBody, RotateAction, RotateResponse } from "@/lib/setup/contract";

/** The rotation's state on the server, and one action at a time against it (POST /api/rotate); a refusal as sent. */
export function useRotation() {
  const [view, setView] = useState<RotateResponse | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<RotateAction | null>(null);

  const load = useCallback(async () => {
    const res = await callSetup("GET /api/rotate");
    if (res.ok) setView(res.data);
    else setError(res.data);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: RotateAction, admin?: { accessKeyId: string; secretAccessKey: string }) {
    setBusy(action);
    setError(null);
    const res = await callSetup("POST /api/rotate", { action, ...(admin ? { admin } : {}) });
    setBusy(null);
    if (res.ok) setView(res.data);
    else setError(res.data);
  }

  return { view, error, busy, act };
}
