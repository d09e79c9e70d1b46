import { Alert, Button } from "@/components/ui";
import type { ErrorOf } from "@/lib/setup/contract";

export type IamError = ErrorOf<"POST /api/setup/iam/auto">;

/** Why the automatic path stopped, with the one way forward where there is one (reuse the existing user). */
export function IamErrorBox({ error, busy, onReuse }: { error: IamError; busy: boolean; onReuse: () => void }) {
  if (error.problem === "user-exists") {
    return (
      <Alert variant="warning" title="User already exists">
        <p>{error.error}</p>
        <div className="mt-2 flex gap-2">
          <Button type="button" size="sm" variant="outline" disabled={busy} onClick={onReuse}>
            Reuse existing user
          </Button>
        </div>
      </Alert>
    );
  }
  if (error.problem === "key-limit") {
    return (
      <Alert variant="error" title="Access key limit">
        <p>{error.error}</p>
        {error.keys?.length ? (
          <ul className="mt-2 list-disc pl-5 font-mono text-xs">
            {error.keys.map((k) => (
              <li key={k.accessKeyId}>
                {k.accessKeyId} — {k.status}
                {k.created ? `, created ${k.created.slice(0, 10)}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    );
  }
  if (error.problem === "access-denied") {
    return (
      <Alert variant="error" title={`Missing permission: ${error.permission ?? "unknown"}`}>
        {error.error}
      </Alert>
    );
  }
  return <Alert variant="error">{error.error}</Alert>;
}
