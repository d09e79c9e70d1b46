"use client";

import { useState } from "react";
import type { RotateAction } from "@/lib/setup/contract";
import { RefusalAlert } from "../findings/refusal-alert";
import { Alert } from "../ui/alert";
import { AdminCard } from "./rotate/admin-card";
import { KeysCard } from "./rotate/keys-card";
import { StepsCard } from "./rotate/steps-card";
import { useRotation } from "./rotate/use-rotation";

/** The five rotation steps, driven one button at a time; the server holds every secret. */
export function RotateFlow() {
  const { view, error, busy, act } = useRotation();
  const [adminId, setAdminId] = useState("");
  const [adminSecret, setAdminSecret] = useState("");

  function run(action: RotateAction) {
    const admin = adminId && adminSecret ? { accessKeyId: adminId, secretAccessKey: adminSecret } : undefined;
    if (admin) {
      setAdminId("");
      setAdminSecret("");
    }
    void act(action, admin);
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? <RefusalAlert title="That did not work" error={error.error} finding={error.finding} /> : null}
      {view?.state?.step === "done" ? (
        <Alert variant="success" title="Rotation complete">
          The old key {view.state.oldKeyMasked} is deleted; the platform uses {view.state.newKeyMasked}.
        </Alert>
      ) : null}
      <KeysCard view={view} />
      <AdminCard
        adminId={adminId}
        adminSecret={adminSecret}
        onId={setAdminId}
        onSecret={setAdminSecret}
        held={!!view?.adminHeld}
        busy={!!busy}
        onForget={() => run("forget-admin")}
      />
      <StepsCard view={view} busy={busy} act={run} />
    </div>
  );
}
