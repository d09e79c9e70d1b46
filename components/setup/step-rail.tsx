"use client";

import { Check } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import type { StepProgress, StepSlug } from "@/lib/setup/steps";

/**
 * Left rail with the steps: done ones get a check, the current one is highlighted (aria-current). The layout passes
 * the steps' slugs and titles, so the steps' descriptions (lib/setup/steps.ts) stay on the server.
 */
export function StepRail({
  steps,
  progress,
}: {
  steps: readonly { slug: StepSlug; title: string }[];
  progress: StepProgress;
}) {
  const pathname = usePathname();
  const strip = useRef<HTMLOListElement>(null);
  // on a phone the rail is a horizontal strip: scroll it so the step the operator is on is in view (not the page)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step (the pathname) changes
  useEffect(() => {
    const ol = strip.current;
    const li = ol?.querySelector<HTMLElement>('[aria-current="step"]')?.closest("li");
    if (!ol || !li || ol.scrollWidth <= ol.clientWidth) return;
    ol.scrollLeft = li.offsetLeft - ol.offsetLeft - (ol.clientWidth - li.offsetWidth) / 2;
  }, [pathname]);
  return (
    <nav aria-label="Setup steps" className="md:w-56 md:shrink-0">
      <ol ref={strip} className="flex gap-1 overflow-x-auto md:flex-col">
        {steps.map((s, i) => {
          const current = pathname === `/setup/${s.slug}`;
          const done = progress[s.slug];
          return (
            <li key={s.slug}>
              <Link
                href={`/setup/${s.slug}`}
                aria-current={current ? "step" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-2 py-2 text-sm whitespace-nowrap",
                  current
                    ? "bg-white font-medium text-neutral-900 shadow-xs ring-1 ring-neutral-200"
                    : "text-neutral-600 hover:bg-neutral-100",
                )}
              >
                <span
                  className={cn(
                    "flex h-6 w-6 shrink-0 items-center justify-center rounded-full border text-xs",
                    done
                      ? "border-green-200 bg-green-50 text-green-700"
                      : current
                        ? "border-neutral-900 bg-neutral-900 text-white"
                        : "border-neutral-300 bg-white text-neutral-500",
                  )}
                >
                  {done ? <Check className="h-3.5 w-3.5" aria-label="done" /> : i + 1}
                </span>
                {s.title}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
