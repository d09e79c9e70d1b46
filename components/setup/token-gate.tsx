"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Field,
  Input,
} from "@/components/ui";
import { callSetup } from "./api";

/**
 * Trades the setup token for the session cookie. The start-up link carries ?token=…: it is submitted once and
 * removed from the address bar so it does not linger in history or get shared with a screenshot.
 */
export function TokenGate() {
  const router = useRouter();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const tried = useRef(false);

  async function submit(value: string) {
    setBusy(true);
    setError(undefined);
    const res = await callSetup("POST /api/setup/session", { token: value });
    setBusy(false);
    if (res.ok) router.refresh();
    else setError(res.data.error);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on mount
  useEffect(() => {
    if (tried.current) return;
    tried.current = true;
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get("token");
    if (fromUrl) {
      url.searchParams.delete("token");
      window.history.replaceState(null, "", url.pathname + url.search);
      void submit(fromUrl);
    }
  }, []);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit(token);
  }

  return (
    <Card className="mx-auto max-w-md">
      <CardHeader>
        <CardTitle as="h1" className="flex items-center gap-2">
          <KeyRound className="h-5 w-5 text-neutral-500" aria-hidden /> Setup token
        </CardTitle>
        <CardDescription>
          The setup wizard can create IAM users and write your platform&apos;s secrets, so it needs the token Sesame
          printed when it started (or the value of SESAME_SETUP_TOKEN).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <Field id="setup-token" label="Setup token" error={error}>
            <Input
              id="setup-token"
              type="password"
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              aria-invalid={!!error}
              required
            />
          </Field>
          {error ? null : busy ? <Alert>Checking the token…</Alert> : null}
          <Button type="submit" disabled={busy}>
            Continue
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
