import type { ReactNode } from "react";
import type { Finding } from "@/lib/findings/model";
import { Alert } from "../ui/alert";
import { CodeText } from "./code-text";

export type RefusalFindingProps = {
  finding: Pick<Finding, "code" | "severity" | "title" | "detail" | "fix">;
  children?: ReactNode;
};

/** A refusal's catalogue finding as an alert: title, why and fix, code as code (RefusalAlert loads it). */
export default function RefusalFinding({ finding, children }: RefusalFindingProps) {
  return (
    <Alert
      variant={finding.severity === "error" ? "error" : "warning"}
      title={<CodeText text={finding.title} />}
      data-code={finding.code}
      // ARNs and AWS's messages are long unbroken words: let them wrap rather than widen the page on a phone
      className="[overflow-wrap:anywhere]"
    >
      <p>
        <CodeText text={finding.detail} />
      </p>
      <p className="mt-1">
        <span className="font-medium">Fix: </span>
        <CodeText text={finding.fix} />
      </p>
      {children}
    </Alert>
  );
}
