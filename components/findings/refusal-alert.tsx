import type { Finding } from "@/lib/findings/model";
import { Alert } from "../ui/alert";
import { CodeText } from "./code-text";

/**
 * A route's refusal on screen. When AWS caused it, the route sent the catalogue's finding (ErrorBody.finding): its
 * title, why and fix are shown as the doctor and the health page show them. Otherwise the route's own message.
 */
export function RefusalAlert({
  error,
  finding,
}: {
  error: string;
  finding?: Pick<Finding, "code" | "severity" | "title" | "detail" | "fix">;
}) {
  if (!finding) return <Alert variant="error">{error}</Alert>;
  return (
    <Alert
      variant={finding.severity === "error" ? "error" : "warning"}
      title={<CodeText text={finding.title} />}
      data-code={finding.code}
    >
      <p>
        <CodeText text={finding.detail} />
      </p>
      <p className="mt-1">
        <span className="font-medium">Fix: </span>
        <CodeText text={finding.fix} />
      </p>
    </Alert>
  );
}
