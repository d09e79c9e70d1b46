import { lazy, type ReactNode, Suspense } from "react";
import { Alert } from "../ui/alert";
import type { RefusalFindingProps } from "./refusal-finding";

// a refusal is shown only sometimes: the finding's box (and its code rendering) loads when one is (README
// "Performance": the setup pages' own first-load share)
const RefusalFinding = lazy(() => import("./refusal-finding"));

/**
 * A route's refusal on screen. When AWS caused it, the route sent the catalogue's finding (ErrorBody.finding): its
 * title, why and fix are shown as the doctor and the health page show them, code as code. Otherwise — and for the
 * moment the finding's box takes to load — the route's own message (title, why and fix in one paragraph), under
 * `title` when the screen gives one. `children` is what the screen offers next (a button, a list).
 */
export function RefusalAlert({
  error,
  finding,
  title,
  children,
}: {
  error: string;
  finding?: RefusalFindingProps["finding"];
  /** the title of the plain message (no finding) */
  title?: string;
  children?: ReactNode;
}) {
  const plain = (
    <Alert variant="error" title={title}>
      {error}
      {children}
    </Alert>
  );
  if (!finding) return plain;
  return (
    <Suspense fallback={plain}>
      <RefusalFinding finding={finding}>{children}</RefusalFinding>
    </Suspense>
  );
}
