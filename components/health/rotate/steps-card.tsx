import { CheckCircle2, Circle, Loader2 } from "lucide-react";
import type { RotateAction, RotateResponse, RotationStep } from "@/lib/setup/contract";
import { Button } from "../../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../ui/card";
import { cn } from "../../ui/cn";

const ORDER: RotationStep[] = ["written", "verified", "deactivated", "done"];

interface StepView {
  action: Exclude<RotateAction, "reactivate" | "forget-admin">;
  title: string;
  text: string;
  label: string;
  /** the rotation step that marks this one done */
  reaches: RotationStep;
  /** the rotation steps from which this one may run (undefined: only when no rotation is under way) */
  from?: RotationStep[];
}

const STEPS: StepView[] = [
  {
    action: "create",
    title: "1. Create a second key and write it",
    text: "IAM creates a new key for the same user; Sesame writes it straight into the env file (a backup is kept). The new secret is never shown.",
    label: "Create and write the new key",
    reaches: "written",
  },
  {
    action: "verify",
    title: "2. Verify the new key",
    text: "Signs STS and SES calls with the key now in the env file. Then restart the platform so it loads the new key.",
    label: "Verify the new key",
    reaches: "verified",
    from: ["written", "verified"],
  },
  {
    action: "deactivate",
    title: "3. Deactivate the old key",
    text: "Reversible. Watch the health page for a while: if anything still used the old key, reactivate it.",
    label: "Deactivate the old key",
    reaches: "deactivated",
    from: ["verified"],
  },
  {
    action: "delete",
    title: "4. Delete the old key",
    text: "Final: the old key stops existing.",
    label: "Delete the old key",
    reaches: "done",
    from: ["deactivated"],
  },
];

/** The rotation's steps, one button each, enabled only in order. */
export function StepsCard(props: {
  view: RotateResponse | null;
  busy: RotateAction | null;
  act: (a: RotateAction) => void;
}) {
  const { view, busy } = props;
  const at = view?.state?.step;
  const underway = at && at !== "done" ? at : undefined;
  const done = (s: StepView) =>
    s.reaches === "done" ? at === "done" : !!underway && ORDER.indexOf(underway) >= ORDER.indexOf(s.reaches);
  const enabled = (s: StepView) => (s.from ? !!underway && s.from.includes(underway) : !underway);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Steps</CardTitle>
        <CardDescription>
          Restart hint after writing:{" "}
          <code className="font-mono [overflow-wrap:anywhere]">{view?.restartHint ?? "…"}</code>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="flex flex-col gap-4">
          {STEPS.map((s) => (
            <li key={s.action} className="flex gap-3">
              {done(s) ? (
                <CheckCircle2 className="mt-0.5 h-5 w-5 shrink-0 text-green-600" aria-label="done" />
              ) : (
                <Circle className="mt-0.5 h-5 w-5 shrink-0 text-neutral-300" aria-label="not done" />
              )}
              <div className="min-w-0 flex-1">
                <h3 className={cn("text-sm font-semibold", done(s) ? "text-neutral-500" : "text-neutral-900")}>
                  {s.title}
                </h3>
                <p className="text-sm text-neutral-600">{s.text}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <Button size="sm" onClick={() => props.act(s.action)} disabled={!view || !enabled(s) || !!busy}>
                    {busy === s.action ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
                    {s.label}
                  </Button>
                  {s.action === "deactivate" && underway === "deactivated" ? (
                    <Button size="sm" variant="outline" onClick={() => props.act("reactivate")} disabled={!!busy}>
                      Reactivate the old key
                    </Button>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
