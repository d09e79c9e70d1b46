"use client";

import { CheckCircle2, Circle, Loader2 } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { cn } from "../ui/cn";
import { Input, Label } from "../ui/input";

type Step = "written" | "verified" | "deactivated" | "done";
type Action = "create" | "verify" | "deactivate" | "reactivate" | "delete" | "forget-admin";

interface View {
  state?: {
    step: Step;
    userName: string;
    oldKeyMasked: string;
    newKeyMasked: string;
    startedAt: string;
    updatedAt: string;
  };
  deployedKey?: string;
  userName?: string;
  keys?: { id: string; status: string; createdAt?: string; role: string }[];
  keysProblem?: string;
  restartHint: string;
  adminHeld: boolean;
}

const ORDER: Step[] = ["written", "verified", "deactivated", "done"];

/** The five rotation steps, driven one button at a time; the server holds every secret. */
export function RotateFlow() {
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [adminId, setAdminId] = useState("");
  const [adminSecret, setAdminSecret] = useState("");

  const load = useCallback(async () => {
    const res = await fetch("/api/rotate", { cache: "no-store" });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) setError(body.error ?? `HTTP ${res.status}`);
    else setView(body);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: Action) {
    setBusy(action);
    setError(null);
    try {
      const admin = adminId && adminSecret ? { accessKeyId: adminId, secretAccessKey: adminSecret } : undefined;
      const res = await fetch("/api/rotate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action, ...(admin ? { admin } : {}) }),
      });
      const body = await res.json().catch(() => ({}));
      if (admin) {
        setAdminId("");
        setAdminSecret("");
      }
      if (!res.ok) setError(body.error ?? `HTTP ${res.status}`);
      else setView(body);
    } catch {
      setError("The server did not answer.");
    } finally {
      setBusy(null);
    }
  }

  const step = view?.state && view.state.step !== "done" ? view.state.step : undefined;
  const reached = (s: Step) => !!view?.state && ORDER.indexOf(view.state.step) >= ORDER.indexOf(s);
  const inProgress = !!step;

  const steps: {
    id: string;
    title: string;
    text: string;
    done: boolean;
    action?: Action;
    label?: string;
    enabled: boolean;
  }[] = [
    {
      id: "create",
      title: "1. Create a second key and write it",
      text: "IAM creates a new key for the same user; Sesame writes it straight into the env file (a backup is kept). The new secret is never shown.",
      done: inProgress && reached("written"),
      action: "create",
      label: "Create and write the new key",
      enabled: !inProgress,
    },
    {
      id: "verify",
      title: "2. Verify the new key",
      text: "Signs STS and SES calls with the key now in the env file. Then restart the platform so it loads the new key.",
      done: inProgress && reached("verified"),
      action: "verify",
      label: "Verify the new key",
      enabled: step === "written" || step === "verified",
    },
    {
      id: "deactivate",
      title: "3. Deactivate the old key",
      text: "Reversible. Watch the health page for a while: if anything still used the old key, reactivate it.",
      done: inProgress && reached("deactivated"),
      action: "deactivate",
      label: "Deactivate the old key",
      enabled: step === "verified",
    },
    {
      id: "delete",
      title: "4. Delete the old key",
      text: "Final: the old key stops existing.",
      done: view?.state?.step === "done",
      action: "delete",
      label: "Delete the old key",
      enabled: step === "deactivated",
    },
  ];

  return (
    <div className="flex flex-col gap-4">
      {error ? (
        <Alert variant="error" title="That did not work">
          {error}
        </Alert>
      ) : null}
      {view?.state?.step === "done" ? (
        <Alert variant="success" title="Rotation complete">
          The old key {view.state.oldKeyMasked} is deleted; the platform uses {view.state.newKeyMasked}.
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Keys</CardTitle>
          <CardDescription>
            Deployed key <code className="font-mono">{view?.deployedKey ?? "—"}</code>
            {view?.userName ? (
              <>
                {" "}
                of IAM user <code className="font-mono">{view.userName}</code>
              </>
            ) : null}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {view?.keys ? (
            <ul aria-label="Access keys" className="flex flex-col gap-1 text-sm">
              {view.keys.map((k) => (
                <li key={k.id + k.role} className="flex flex-wrap items-center gap-2">
                  <code className="font-mono">{k.id}</code>
                  <Badge variant={k.status === "Active" ? "success" : "neutral"}>{k.status}</Badge>
                  {k.role !== "other" ? <Badge variant="info">{k.role}</Badge> : null}
                  {k.createdAt ? (
                    <span className="text-xs text-neutral-500">created {k.createdAt.slice(0, 10)}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-neutral-500">{view ? (view.keysProblem ?? "No keys listed.") : "Loading…"}</p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Admin credentials (optional)</CardTitle>
          <CardDescription>
            Needed when the platform's key may not manage its own keys. Kept in server memory for this session only (30
            minutes), never stored or shown again.
            {view?.adminHeld ? " Admin credentials are held for this session." : ""}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 md:grid-cols-2">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="rotate-admin-id">Admin access key ID</Label>
            <Input
              id="rotate-admin-id"
              autoComplete="off"
              spellCheck={false}
              value={adminId}
              onChange={(e) => setAdminId(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="rotate-admin-secret">Admin secret access key</Label>
            <Input
              id="rotate-admin-secret"
              type="password"
              autoComplete="off"
              value={adminSecret}
              onChange={(e) => setAdminSecret(e.target.value)}
            />
          </div>
          {view?.adminHeld ? (
            <div>
              <Button variant="ghost" size="sm" onClick={() => act("forget-admin")} disabled={!!busy}>
                Forget admin credentials
              </Button>
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Steps</CardTitle>
          <CardDescription>
            Restart hint after writing: <code className="font-mono">{view?.restartHint ?? "…"}</code>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ol className="flex flex-col gap-4">
            {steps.map((s) => (
              <li key={s.id} className="flex gap-3">
                {s.done ? (
                  <CheckCircle2 className="mt-0.5 h-5 w-5 shrink-0 text-green-600" aria-label="done" />
                ) : (
                  <Circle className="mt-0.5 h-5 w-5 shrink-0 text-neutral-300" aria-label="not done" />
                )}
                <div className="flex-1">
                  <h3 className={cn("text-sm font-semibold", s.done ? "text-neutral-500" : "text-neutral-900")}>
                    {s.title}
                  </h3>
                  <p className="text-sm text-neutral-600">{s.text}</p>
                  <div className="mt-2 flex gap-2">
                    <Button
                      size="sm"
                      onClick={() => s.action && act(s.action)}
                      disabled={!view || !s.enabled || !!busy}
                    >
                      {busy === s.action ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
                      {s.label}
                    </Button>
                    {s.id === "deactivate" && step === "deactivated" ? (
                      <Button size="sm" variant="outline" onClick={() => act("reactivate")} disabled={!!busy}>
                        Reactivate the old key
                      </Button>
                    ) : null}
                  </div>
                </div>
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}
