"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Alert, Button } from "@/components/ui";
import type { EnvRecord, ResponseOf } from "@/lib/setup/contract";

type Written = Extract<ResponseOf<"POST /api/setup/env">, { ok: true }>;

/** What the last write said: refused (with "reload" when the file changed meanwhile), written, or written earlier. */
export function EnvOutcome(props: {
  error?: { message: string; conflict?: boolean };
  result?: Written;
  earlier?: EnvRecord;
}) {
  const router = useRouter();
  const [reloading, startReload] = useTransition();
  const { error, result, earlier } = props;
  return (
    <>
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
            <span className="[overflow-wrap:anywhere]">
              Wrote <code className="font-mono">{result.file}</code> (mode 0600)
              {result.backup ? (
                <>
                  ; the previous version is in <code className="font-mono">{result.backup}</code>
                </>
              ) : null}
              .
            </span>
          ) : (
            <>Nothing changed in {result.file}.</>
          )}
        </Alert>
      ) : earlier ? (
        <Alert variant="success" title="Written earlier">
          <span className="[overflow-wrap:anywhere]">
            <code className="font-mono">{earlier.path}</code> was written at {new Date(earlier.at).toLocaleString()}.
          </span>
        </Alert>
      ) : null}
    </>
  );
}
