"use client";

import { Lock } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import { callSetup } from "./api";

/** Lock the setup routes; afterwards only deleting the lock file on the server opens them again. */
export function LockPanel() {
  const router = useRouter();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string>();

  async function lock() {
    const res = await callSetup("POST /api/setup/lock", {});
    if (res.ok) router.refresh();
    else setError(res.data.error);
  }

  return (
    <div className="flex flex-col gap-3">
      <label className="flex items-center gap-2 text-sm text-neutral-700">
        <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />I understand the
        wizard stays locked until the lock file is deleted on the server
      </label>
      {error ? <Alert variant="error">{error}</Alert> : null}
      <div>
        <Button variant="destructive" disabled={!confirm} onClick={() => void lock()}>
          <Lock className="h-4 w-4" aria-hidden /> Lock setup
        </Button>
      </div>
    </div>
  );
}
