import { Lock } from "lucide-react";
import type { ReactNode } from "react";
import { StepRail } from "@/components/setup/step-rail";
import { TokenGate } from "@/components/setup/token-gate";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui";
import { isLocked, lockFile } from "@/lib/setup/lock";
import { progressOf } from "@/lib/setup/progress";
import { STEPS } from "@/lib/setup/steps";
import { getSecrets } from "@/lib/setup/secrets";
import { currentSessionId } from "@/lib/setup/session";
import { loadState } from "@/lib/setup/state";

export const dynamic = "force-dynamic";

export default async function SetupLayout({ children }: { children: ReactNode }) {
  if (await isLocked()) {
    return (
      <Card className="mx-auto max-w-lg">
        <CardHeader>
          <CardTitle as="h1" className="flex items-center gap-2">
            <Lock className="h-5 w-5 text-neutral-500" aria-hidden /> Setup is locked
          </CardTitle>
          <CardDescription>
            The setup wizard was locked after setup. To run it again, delete{" "}
            <code className="font-mono">{lockFile()}</code> on the server. The{" "}
            <a className="underline" href="/health">
              health page
            </a>{" "}
            keeps working.
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const sid = await currentSessionId();
  if (!sid) return <TokenGate />;
  const state = await loadState();
  const progress = progressOf(state, !!getSecrets(sid));
  return (
    <>
      <PageHeader
        title="Set up Amazon SES"
        description="From an AWS account to a platform that sends from your verified domain."
      />
      <div className="flex flex-col gap-6 md:flex-row">
        <StepRail steps={STEPS.map(({ slug, title }) => ({ slug, title }))} progress={progress} />
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </>
  );
}
