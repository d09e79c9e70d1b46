import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { Alert, buttonClass } from "@/components/ui";
import type { IamRoleRecord } from "./props";

/** Revisiting the step on the role path: the role, its policy, and the way on (the check with the chain). */
export function CurrentRole({ current }: { current: IamRoleRecord }) {
  return (
    <Alert variant="success" title="Role path chosen: no stored keys">
      <p className="[overflow-wrap:anywhere]">
        {current.roleName ? (
          <>
            Role <code className="font-mono">{current.roleName}</code>
          </>
        ) : (
          "The role where the platform runs"
        )}{" "}
        with policy <code className="font-mono">{current.policyName}</code>
        {current.attachedAt ? " (attached by Sesame)" : ""}. Sesame holds no key: the check signs with the AWS default
        credential chain of the host Sesame runs on.
      </p>
      <div className="mt-2">
        <Link href="/setup/check" className={buttonClass("default", "sm")}>
          Check the role <ArrowRight className="h-4 w-4" aria-hidden />
        </Link>
      </div>
    </Alert>
  );
}
