import { CheckCircle2 } from "lucide-react";
import { Spinner } from "@/components/ui";
import type { ProbeTally } from "./use-check-stream";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The chip's tally, worst first, coloured like the finding cards below it. */
function tally(p: ProbeTally): { text: string; className: string } | undefined {
  if (p.errors) return { text: plural(p.errors, "error"), className: "text-red-700" };
  if (p.warnings) return { text: plural(p.warnings, "warning"), className: "text-amber-700" };
  if (p.others) return { text: plural(p.others, "note"), className: "text-neutral-500" };
  return undefined;
}

/** One chip per probe, spinning until its result line arrived. */
export function ProbeChips({ probes }: { probes: ProbeTally[] }) {
  if (!probes.length) return null;
  return (
    <ul aria-label="Checks" className="grid gap-1 text-xs sm:grid-cols-2">
      {probes.map((p) => {
        const t = tally(p);
        return (
          <li
            key={p.probe}
            className="flex min-w-0 items-center gap-2 rounded-md border border-neutral-200 bg-white px-2 py-1.5"
          >
            {p.status === "done" ? (
              <CheckCircle2 className="h-3.5 w-3.5 shrink-0 text-neutral-400" aria-label="finished" />
            ) : (
              <Spinner className="h-3.5 w-3.5" label="running" />
            )}
            <span className="truncate font-mono text-neutral-700">{p.probe}</span>
            {t ? <span className={`ml-auto shrink-0 ${t.className}`}>{t.text}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
