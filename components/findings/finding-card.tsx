import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import type { Finding, Severity } from "@/lib/diagnose/schema";
import { Badge, type BadgeVariant } from "../ui/badge";
import { cn } from "../ui/cn";
import { CodeText } from "./code-text";

const LOOK: Record<Severity, { badge: BadgeVariant; label: string; icon: typeof Info; tone: string; border: string }> =
  {
    error: { badge: "error", label: "Error", icon: XCircle, tone: "text-red-600", border: "border-red-200" },
    warn: {
      badge: "warning",
      label: "Warning",
      icon: AlertTriangle,
      tone: "text-amber-600",
      border: "border-amber-200",
    },
    info: { badge: "neutral", label: "Info", icon: Info, tone: "text-neutral-500", border: "border-neutral-200" },
    pass: { badge: "success", label: "Pass", icon: CheckCircle2, tone: "text-green-600", border: "border-neutral-200" },
  };

/** One finding: what is wrong, why, the exact fix, and the evidence Sesame saw (never a secret). */
export function FindingCard({ finding }: { finding: Finding }) {
  const look = LOOK[finding.severity];
  const Icon = look.icon;
  const evidence = Object.entries(finding.evidence ?? {});
  return (
    <article
      aria-label={finding.title.replaceAll("`", "")}
      data-code={finding.code}
      data-severity={finding.severity}
      // record names and ARNs are long unbroken words: let them wrap rather than widen the page on a phone
      className={cn("rounded-lg border bg-white p-4 [overflow-wrap:anywhere]", look.border)}
    >
      <header className="flex items-start gap-3">
        <Icon className={cn("mt-0.5 h-4 w-4 shrink-0", look.tone)} aria-hidden />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-neutral-900">
              <CodeText text={finding.title} />
            </h3>
            <Badge variant={look.badge}>{look.label}</Badge>
            <code className="font-mono text-[11px] text-neutral-400">{finding.code}</code>
          </div>
          {finding.detail ? (
            <p className="mt-1 text-sm text-neutral-600">
              <CodeText text={finding.detail} />
            </p>
          ) : null}
        </div>
      </header>
      {finding.severity !== "pass" && finding.fix ? (
        <div className="mt-3 ml-7 rounded-md bg-neutral-50 px-3 py-2 text-sm text-neutral-800">
          <span className="font-medium">Fix: </span>
          <CodeText text={finding.fix} />
          {finding.docs ? (
            <>
              {" "}
              <a href={finding.docs} className="underline underline-offset-2" target="_blank" rel="noreferrer">
                Docs
              </a>
            </>
          ) : null}
        </div>
      ) : null}
      {evidence.length ? (
        <details className="mt-2 ml-7 text-xs">
          <summary className="cursor-pointer text-neutral-500 hover:text-neutral-800">Evidence</summary>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            {evidence.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-neutral-500">{k}</dt>
                <dd className="break-all font-mono text-neutral-800">{v === null ? "—" : String(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </article>
  );
}
