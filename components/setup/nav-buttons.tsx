import { ArrowLeft, ArrowRight } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui";
import { STEPS, type StepSlug, stepIndex } from "@/lib/setup/steps";

/** Back / Continue links between steps (plain links: back/forward and middle-click just work). */
export function StepNav({
  slug,
  canContinue = true,
  reason,
}: {
  slug: StepSlug;
  canContinue?: boolean;
  reason?: string;
}) {
  const i = stepIndex(slug);
  const prev = STEPS[i - 1];
  const next = STEPS[i + 1];
  return (
    <div className="mt-6 flex items-center justify-between gap-3 border-t border-neutral-200 pt-4">
      {prev ? (
        <Link href={`/setup/${prev.slug}`} className={buttonClass("ghost")}>
          <ArrowLeft className="h-4 w-4" aria-hidden /> Back
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        canContinue ? (
          <Link href={`/setup/${next.slug}`} className={buttonClass("default")}>
            Continue <ArrowRight className="h-4 w-4" aria-hidden />
          </Link>
        ) : (
          <span className="flex items-center gap-3">
            {reason ? <span className="text-xs text-neutral-500">{reason}</span> : null}
            <button type="button" disabled className={buttonClass("default")}>
              Continue <ArrowRight className="h-4 w-4" aria-hidden />
            </button>
          </span>
        )
      ) : null}
    </div>
  );
}
