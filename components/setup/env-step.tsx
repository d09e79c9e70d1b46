"use client";

import { Download, Eye, EyeOff, FileCheck2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui";
import { callSetup } from "./api";
import { CodeBlock } from "./code-block";

export interface EnvStepProps {
  file: string;
  exists: boolean;
  hash: string;
  lines: { key: string; shown: string; secret: boolean; action: "added" | "updated" | "unchanged" }[];
  legacy: { name: string; expected: string }[];
  restartHint: string;
  mode: "api" | "smtp";
  smtp?: { host: string; port: number; region: string };
  written?: { path: string; backup?: string; at: string };
}

const ACTION_BADGE = { added: "success", updated: "warning", unchanged: "neutral" } as const;

/** Step 4: masked preview → (reveal) → write atomically / download; then the restart command. */
export function EnvStep(p: EnvStepProps) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict?: boolean }>();
  const [result, setResult] = useState<{ file: string; backup: string | null; written: boolean }>();
  const [commentOutLegacy, setCommentOutLegacy] = useState(true);
  const [reloading, startReload] = useTransition();

  // a fresh preview (new file hash) replaces whatever the last attempt complained about
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the hash on purpose
  useEffect(() => {
    setError(undefined);
  }, [p.hash]);

  async function reveal() {
    if (revealed) return setRevealed(undefined);
    const res = await callSetup<{ values: Record<string, string> }>("/api/setup/env", { body: { action: "reveal" } });
    if (res.ok) setRevealed(res.data.values);
    else setError({ message: res.data.error ?? "Could not reveal the values." });
  }

  async function download() {
    setError(undefined);
    const res = await fetch("/api/setup/env/download", { method: "POST" }).catch(() => null);
    if (!res?.ok) {
      const data = res ? await res.json().catch(() => ({})) : {};
      setError({ message: data.error ?? "The download failed." });
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "platform.env";
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    router.refresh();
  }

  async function write() {
    setBusy(true);
    setError(undefined);
    const res = await callSetup<{ file: string; backup: string | null; written: boolean; conflict?: string }>(
      "/api/setup/env",
      {
        body: { action: "write", expectedHash: p.hash, commentOutLegacy },
      },
    );
    setBusy(false);
    if (res.ok) {
      setResult(res.data);
      router.refresh();
    } else setError({ message: res.data.error ?? "Writing failed.", conflict: !!res.data.conflict });
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-neutral-600">
          {p.exists ? "Sesame will update" : "Sesame will create"}{" "}
          <code className="font-mono text-neutral-900">{p.file}</code>
          {p.exists ? " — every other line and comment stays as it is." : "."}
        </p>
        <Button variant="outline" size="sm" onClick={() => void reveal()}>
          {revealed ? <EyeOff className="h-3.5 w-3.5" aria-hidden /> : <Eye className="h-3.5 w-3.5" aria-hidden />}
          {revealed ? "Hide secrets" : "Reveal secrets"}
        </Button>
      </div>
      <Table aria-label="Environment variables">
        <TableHeader>
          <TableRow>
            <TableHead>Variable</TableHead>
            <TableHead>Value</TableHead>
            <TableHead>Change</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {p.lines.map((l) => (
            <TableRow key={l.key}>
              <TableCell className="font-mono font-medium">{l.key}</TableCell>
              <TableCell className="font-mono break-all">
                <span className="inline-flex items-center gap-1">
                  {revealed?.[l.key] ?? l.shown}
                  {!l.secret || revealed ? (
                    <CopyButton value={revealed?.[l.key] ?? l.shown} label={`Copy ${l.key}`} />
                  ) : null}
                </span>
              </TableCell>
              <TableCell>
                <Badge variant={ACTION_BADGE[l.action]}>{l.action}</Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {p.smtp ? (
        <Alert title="SMTP settings">
          Host <code className="font-mono">{p.smtp.host}</code>, port <code className="font-mono">{p.smtp.port}</code>{" "}
          (STARTTLS; 465 for TLS). The password is not your secret key: it is derived from it for {p.smtp.region} with
          AWS&apos;s SigV4 algorithm, and works only in that region.
        </Alert>
      ) : null}
      {p.legacy.length ? (
        <Alert variant="warning" title="Names this platform does not read">
          <ul className="list-disc pl-5">
            {p.legacy.map((l) => (
              <li key={l.name}>
                <code className="font-mono">{l.name}</code> is ignored; the platform reads{" "}
                <code className="font-mono">{l.expected}</code>.
              </li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" checked={commentOutLegacy} onChange={(e) => setCommentOutLegacy(e.target.checked)} />
            Comment them out when writing (never deleted)
          </label>
        </Alert>
      ) : null}
      {error ? (
        <Alert variant="error" title={error.conflict ? "The file changed since this preview" : undefined}>
          {error.message}
          {error.conflict ? (
            <div className="mt-2">
              <Button
                size="sm"
                variant="outline"
                disabled={reloading}
                onClick={() => startReload(() => router.refresh())}
              >
                Reload preview
              </Button>
            </div>
          ) : null}
        </Alert>
      ) : null}
      {result ? (
        <Alert variant="success" title={result.written ? "Env file written" : "Env file already up to date"}>
          {result.written ? (
            <>
              Wrote <code className="font-mono">{result.file}</code> (mode 0600)
              {result.backup ? (
                <>
                  ; the previous version is in <code className="font-mono">{result.backup}</code>
                </>
              ) : null}
              .
            </>
          ) : (
            <>Nothing changed in {result.file}.</>
          )}
        </Alert>
      ) : p.written ? (
        <Alert variant="success" title="Written earlier">
          <code className="font-mono">{p.written.path}</code> was written at {new Date(p.written.at).toLocaleString()}.
        </Alert>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="outline" onClick={() => void download()}>
          <Download className="h-4 w-4" aria-hidden /> Download .env
        </Button>
        <Button onClick={() => void write()} disabled={busy || reloading}>
          <FileCheck2 className="h-4 w-4" aria-hidden /> {busy ? "Writing…" : "Write env file"}
        </Button>
      </div>
      <section className="flex flex-col gap-2">
        <h3 className="text-sm font-medium text-neutral-900">Then restart the platform so it reads the new values</h3>
        <CodeBlock code={p.restartHint} label="restart command" />
      </section>
    </div>
  );
}
