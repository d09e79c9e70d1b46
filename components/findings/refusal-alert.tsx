import type { Finding } from "@/lib/findings/model";
import { Alert } from "../ui/alert";

/** Catalogue texts mark code with backticks; here they are plain text (this box is on first-load pages). */
const plain = (text: string) => text.replaceAll("`", "");

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
      title={plain(finding.title)}
      data-code={finding.code}
    >
      <p>{plain(finding.detail)}</p>
      <p className="mt-1">
        <span className="font-medium">Fix: </span>
        {plain(finding.fix)}
      </p>
    </Alert>
  );
}
