"use client";

import { Download, Eye, EyeOff, FileCheck2 } from "lucide-react";
import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import type { EnvPlan, EnvRecord } from "@/lib/setup/contract";
import { CodeBlock } from "./code-block";
import { EnvOutcome } from "./env/env-outcome";
import { EnvTable } from "./env/env-table";
import { useEnvActions } from "./env/use-env-actions";

export type EnvStepProps = Pick<
  EnvPlan,
  "file" | "exists" | "hash" | "lines" | "legacy" | "restartHint" | "mode" | "role" | "staleKeys"
> & {
  smtp?: { host: string; port: number; region: string };
  written?: EnvRecord;
};

function LegacyNames(props: { legacy: EnvPlan["legacy"]; commentOut: boolean; onCommentOut: (on: boolean) => void }) {
  return (
    <Alert variant="warning" title="Names this platform does not read">
      <ul className="list-disc pl-5">
        {props.legacy.map((l) => (
          <li key={l.name}>
            <code className="font-mono">{l.name}</code> is ignored; the platform reads{" "}
            <code className="font-mono">{l.expected}</code>.
          </li>
        ))}
      </ul>
      <label className="mt-2 flex items-center gap-2">
        <input type="checkbox" checked={props.commentOut} onChange={(e) => props.onCommentOut(e.target.checked)} />
        Comment them out when writing (never deleted)
      </label>
    </Alert>
  );
}

/** The role path: no key variables; the platform's SDK finds the role where it runs. */
function RoleNote(props: { staleKeys: string[] }) {
  return (
    <Alert title="No keys in this file: the platform uses its role">
      The platform&apos;s AWS SDK picks up the role from where it runs (instance profile, ECS task role or IRSA), so
      Sesame writes only the region and the names below, and no access key.
      {props.staleKeys.length ? (
        <span className="mt-1 block">
          {props.staleKeys.map((n, i) => (
            <span key={n}>
              {i ? ", " : ""}
              <code className="font-mono">{n}</code>
            </span>
          ))}{" "}
          {props.staleKeys.length === 1 ? "is" : "are"} in the file: the SDK would use{" "}
          {props.staleKeys.length === 1 ? "it" : "them"} instead of the role, so Sesame comments{" "}
          {props.staleKeys.length === 1 ? "it" : "them"} out when writing (never deleted).
        </span>
      ) : null}
    </Alert>
  );
}

/** Step 4: masked preview → (reveal) → write atomically / download; then the restart command. */
export function EnvStep(p: EnvStepProps) {
  const [commentOutLegacy, setCommentOutLegacy] = useState(true);
  const env = useEnvActions(p.hash, commentOutLegacy);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 text-sm text-neutral-600 [overflow-wrap:anywhere]">
          {p.exists ? "Sesame will update" : "Sesame will create"}{" "}
          <code className="font-mono text-neutral-900">{p.file}</code>
          {p.exists ? " — every other line and comment stays as it is." : "."}
        </p>
        {p.lines.some((l) => l.secret) ? (
          <Button variant="outline" size="sm" onClick={() => void env.reveal()}>
            {env.revealed ? (
              <EyeOff className="h-3.5 w-3.5" aria-hidden />
            ) : (
              <Eye className="h-3.5 w-3.5" aria-hidden />
            )}
            {env.revealed ? "Hide secrets" : "Reveal secrets"}
          </Button>
        ) : null}
      </div>
      {p.role ? <RoleNote staleKeys={p.staleKeys} /> : null}
      <EnvTable lines={p.lines} revealed={env.revealed} />
      {p.smtp ? (
        <Alert title="SMTP settings">
          Host <code className="font-mono">{p.smtp.host}</code>, port <code className="font-mono">{p.smtp.port}</code>{" "}
          (STARTTLS; 465 for TLS). The password is not your secret key: it is derived from it for {p.smtp.region} with
          AWS&apos;s SigV4 algorithm, and works only in that region.
        </Alert>
      ) : null}
      {p.legacy.length ? (
        <LegacyNames legacy={p.legacy} commentOut={commentOutLegacy} onCommentOut={setCommentOutLegacy} />
      ) : null}
      <EnvOutcome error={env.error} result={env.result} earlier={p.written} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="outline" onClick={() => void env.download()}>
          <Download className="h-4 w-4" aria-hidden /> Download .env
        </Button>
        <Button onClick={() => void env.write()} disabled={env.busy}>
          <FileCheck2 className="h-4 w-4" aria-hidden /> {env.busy ? "Writing…" : "Write env file"}
        </Button>
      </div>
      <section className="flex flex-col gap-2">
        <h3 className="text-sm font-medium text-neutral-900">Then restart the platform so it reads the new values</h3>
        <CodeBlock code={p.restartHint} label="restart command" />
      </section>
    </div>
  );
}
