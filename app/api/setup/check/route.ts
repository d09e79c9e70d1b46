import { runDiagnosis } from "@/lib/diagnose/run";
import { checkContext } from "@/lib/setup/context";
import { setupRoute } from "@/lib/setup/http";
import type { CheckEvent } from "@/lib/setup/contract";
import { diagnoseInputFor } from "@/lib/setup/diagnose-input";
import { updateState } from "@/lib/setup/state";

export const dynamic = "force-dynamic";

/**
 * Runs the diagnosis engine with the session's key (on the role path: the default chain's credentials, with the
 * credential-chain probe, an empty chain being its finding) and streams each probe's findings as NDJSON the moment it
 * finishes, so the browser shows progress instead of a frozen spinner. The last line is the whole report.
 */
export const POST = setupRoute(async ({ sid, req }) => {
  const ctx = await checkContext(sid);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (obj: CheckEvent) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(obj)}\n`));
        } catch {
          // the browser went away; the engine still finishes within its deadlines
        }
      };
      try {
        const report = await runDiagnosis(await diagnoseInputFor(ctx), {
          signal: req.signal,
          onProbe: (e) => send({ type: "probe", probe: e.probe, status: e.status, findings: e.findings }),
        });
        const errors = report.findings.filter((f) => f.severity === "error").length;
        const warnings = report.findings.filter((f) => f.severity === "warn").length;
        await updateState((s) => {
          s.check = { status: report.status, errors, warnings, at: new Date().toISOString() };
          return s;
        });
        send({ type: "report", report });
      } catch (err) {
        send({
          type: "error",
          message:
            err instanceof Error && err.name === "AbortError"
              ? "Cancelled."
              : "The check could not finish. See the server log.",
        });
        console.error("[sesame] diagnosis failed:", err instanceof Error ? err.name : "unknown");
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
});
