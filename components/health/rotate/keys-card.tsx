import type { RotateResponse } from "@/lib/setup/contract";
import { CodeText } from "../../findings/code-text";
import { Badge } from "../../ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../ui/card";

/** The deployed key and every key of its user (masked), with the role each plays in the rotation. */
export function KeysCard({ view }: { view: RotateResponse | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Keys</CardTitle>
        <CardDescription>
          Deployed key <code className="font-mono">{view?.deployedKey ?? "—"}</code>
          {view?.userName ? (
            <>
              {" "}
              of IAM user <code className="font-mono">{view.userName}</code>
            </>
          ) : null}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {view?.keys ? (
          <ul aria-label="Access keys" className="flex flex-col gap-1 text-sm">
            {view.keys.map((k) => (
              <li key={k.id + k.role} className="flex flex-wrap items-center gap-2">
                <code className="font-mono">{k.id}</code>
                <Badge variant={k.status === "Active" ? "success" : "neutral"}>{k.status}</Badge>
                {k.role !== "other" ? <Badge variant="info">{k.role}</Badge> : null}
                {k.createdAt ? (
                  <span className="text-xs text-neutral-500">created {k.createdAt.slice(0, 10)}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          // why the keys are not listed: the catalogue's words (code as code), as the refusal box says them
          <p className="text-sm text-neutral-500 [overflow-wrap:anywhere]">
            {!view ? "Loading…" : view.keysProblem ? <CodeText text={view.keysProblem} /> : "No keys listed."}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
