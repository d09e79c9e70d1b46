import { RefusalAlert } from "@/components/findings/refusal-alert";
import { Button } from "@/components/ui";
import type { ErrorOf } from "@/lib/setup/contract";

export type IamError = ErrorOf<"POST /api/setup/iam/auto">;

/**
 * Why the automatic path stopped, as the catalogue's finding when AWS caused it (title, why, fix), with the one way
 * forward where there is one (reuse the existing user) and the user's keys at the key limit.
 */
export function IamErrorBox({ error, busy, onReuse }: { error: IamError; busy: boolean; onReuse: () => void }) {
  // the box's title when the answer carries no catalogue finding (the finding's own title wins)
  const title =
    error.problem === "user-exists"
      ? "User already exists"
      : error.problem === "key-limit"
        ? "Access key limit"
        : error.problem === "access-denied"
          ? `Missing permission: ${error.permission ?? "unknown"}`
          : undefined;
  return (
    <RefusalAlert error={error.error} finding={error.finding} title={title}>
      {error.problem === "user-exists" ? (
        <div className="mt-2 flex gap-2">
          <Button type="button" size="sm" variant="outline" disabled={busy} onClick={onReuse}>
            Reuse existing user
          </Button>
        </div>
      ) : null}
      {error.problem === "key-limit" && error.keys?.length ? (
        <ul aria-label="Access keys of the user" className="mt-2 list-disc pl-5 font-mono text-xs">
          {error.keys.map((k) => (
            <li key={k.accessKeyId}>
              {k.accessKeyId} — {k.status}
              {k.created ? `, created ${k.created.slice(0, 10)}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </RefusalAlert>
  );
}
