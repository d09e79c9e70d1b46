import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { Alert, buttonClass } from "@/components/ui";
import type { IamStepProps } from "./props";

/** Revisiting the step: the key already in use, named by its real owner, with a real way on. */
export function CurrentKey({
  current,
  hasKey,
}: Required<Pick<IamStepProps, "current">> & Pick<IamStepProps, "hasKey">) {
  const owner = current.userName
    ? `IAM user ${current.userName}`
    : current.userArn
      ? current.userArn
      : "owner not known yet (the credential check asks AWS)";
  if (!hasKey)
    return (
      <Alert variant="warning" title="Enter the key again">
        Sesame remembers access key <code className="font-mono">{current.accessKeyId}</code> but not its secret (the
        server restarted or this is a different browser). Paste the key again below (manual), or create a new one.
      </Alert>
    );
  return (
    <Alert variant="success" title="Key ready for this session">
      <p className="[overflow-wrap:anywhere]">
        {owner}, access key <code className="font-mono">{current.accessKeyId}</code>. Its secret is held in the
        server&apos;s memory only and is never shown again. Continue with it, or replace it below.
      </p>
      <div className="mt-2">
        <Link href="/setup/check" className={buttonClass("default", "sm")}>
          Continue <ArrowRight className="h-4 w-4" aria-hidden />
        </Link>
      </div>
    </Alert>
  );
}
