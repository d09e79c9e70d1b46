import { AlertTriangle, CheckCircle2, CircleDashed, XCircle } from "lucide-react";
import Link from "next/link";
import type { ComponentResult } from "@/lib/health/snapshot";
import { FindingList } from "../findings/finding-list";
import { buttonClass } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { StatusBadge } from "./status-badge";

const ICON = {
  pass: { icon: CheckCircle2, tone: "text-green-600" },
  warn: { icon: AlertTriangle, tone: "text-amber-600" },
  fail: { icon: XCircle, tone: "text-red-600" },
  skipped: { icon: CircleDashed, tone: "text-neutral-400" },
} as const;

function formatObserved(c: ComponentResult): string | null {
  if (c.observedValue === undefined) return null;
  const unit = c.observedUnit === "d" ? " days" : c.observedUnit === "s" ? " s" : (c.observedUnit ?? "");
  return `${String(c.observedValue)}${unit}`;
}

/** One component of the deployment: status, what was seen, and for problems the findings with their fixes. */
export function HealthCard({
  component,
  checkedAt,
  rotatePath,
}: {
  component: ComponentResult;
  checkedAt: string;
  rotatePath?: string;
}) {
  const { icon: Icon, tone } = ICON[component.status];
  const problems = component.findings.filter((f) => f.severity === "error" || f.severity === "warn");
  const notes = component.findings.filter((f) => f.severity === "info");
  const observed = formatObserved(component);
  // a pass that rests on "could not tell" (only info findings) should not look like a confirmed pass
  const badge = component.status === "pass" && notes.length > 0 && problems.length === 0 ? "info" : component.status;
  const headingId = `health-${component.id}`;
  return (
    <Card
      role="region"
      aria-labelledby={headingId}
      data-component={component.id}
      data-status={component.status}
      className={cn("flex flex-col p-4", component.status === "fail" && "border-red-200")}
    >
      <div className="flex items-start gap-3">
        <Icon className={cn("mt-0.5 h-5 w-5 shrink-0", tone)} aria-hidden />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={headingId} className="text-sm font-semibold text-neutral-900">
              {component.label}
            </h2>
            <StatusBadge status={badge} />
          </div>
          <p className="mt-1 text-sm text-neutral-600">{component.summary}</p>
          <p className="mt-1 text-xs text-neutral-400">
            <code className="font-mono">{component.key}</code>
            {observed ? <> · observed {observed}</> : null}
            {component.status !== "skipped" ? (
              <>
                {" "}
                · checked{" "}
                <time dateTime={checkedAt}>{new Date(checkedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC</time>
              </>
            ) : null}
          </p>
        </div>
      </div>
      {problems.length || notes.length ? (
        <div className="mt-3 min-w-0 [overflow-wrap:anywhere]">
          <FindingList findings={[...problems, ...notes]} />
        </div>
      ) : null}
      {rotatePath &&
      component.id === "keyAge" &&
      component.status !== "skipped" &&
      // temporary credentials (a role's) have no stored key to rotate
      !component.findings.some((f) => f.code === "credentials.key-temporary") ? (
        <div className="mt-3">
          <Link href={rotatePath} className={buttonClass(component.status === "warn" ? "default" : "outline", "sm")}>
            Rotate the access key
          </Link>
        </div>
      ) : null}
    </Card>
  );
}
