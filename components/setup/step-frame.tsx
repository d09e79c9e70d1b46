import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui";
import { STEPS, type StepSlug, stepIndex } from "@/lib/setup/steps";

/** Every step is one card: numbered heading, one-line description, then the step's content. */
export function StepFrame({ slug, children, aside }: { slug: StepSlug; children: ReactNode; aside?: ReactNode }) {
  const i = stepIndex(slug);
  const step = STEPS[i];
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <p className="text-xs font-medium uppercase tracking-wider text-neutral-400">
            Step {i + 1} of {STEPS.length}
          </p>
          <CardTitle className="text-xl">{step.title}</CardTitle>
          <CardDescription>{step.description}</CardDescription>
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
      {aside}
    </div>
  );
}
